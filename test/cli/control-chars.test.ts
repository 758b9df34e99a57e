// Policy text and file names never reach a terminal raw: a policy whose names and values carry
// escape sequences (set the window title, clear the screen) is shown with them escaped, in every
// text output of every command, with and without colours.
import assert from 'node:assert/strict';
import { run } from '@attls/cli';
import { escapeControl } from '@attls/lint';
import { memoryIo } from '../support/io.js';
import { policy } from '../support/policies.js';

const TITLE = '\u001b]0;pwned\u0007'; // ESC ] 0 ; title BEL: sets the terminal's window title
const CLEAR = '\u001b[2J'; // ESC [ 2 J: clears the screen
const CSI8 = '\u009b2J'; // the same as one C1 character
const DEL = '\u007f';

// A rule named with the title sequence, a reference to a missing group named with the clearing
// sequence, a value with a C1 control and DEL in it.
const EVIL = policy({ refs: `TTLSGroupActionRef Gone${CLEAR}\nTTLSEnvironmentActionRef ServerEnv`, role: `Serv${CSI8}${DEL}er` }).replace('TTLSRule SrvRule', `TTLSRule Evil${TITLE}`);
const EVIL_FILE = `/work/evil${CLEAR}\nname.ttls`;

/**
 * Fails on any control character except line feeds (and the colour codes of our own palette
 * when `sgr` is set: ESC [ digits m).
 */
function assertNoRawControls(text: string, what: string, sgr = false): void {
  const stripped = sgr ? text.replace(/\u001b\[\d+m/g, '') : text;
  const bad = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.exec(stripped);
  assert.equal(bad, null, `${what}: raw control character U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} in\n${JSON.stringify(text)}`);
}

async function attls(argv: string[], files: Record<string, string>, options: { tty?: boolean; stdin?: string } = {}) {
  const m = memoryIo(files, options);
  const code = await run(argv, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('escapeControl', () => {
  it('escapes C0, DEL and C1 characters, keeps printable text (and line breaks when asked)', () => {
    assert.equal(escapeControl(`a${TITLE}b${CLEAR}c${CSI8}d${DEL}e\tf\ng\rh`), 'a\\x1b]0;pwned\\x07b\\x1b[2Jc\\x9b2Jd\\x7fe\\tf\\ng\\rh');
    assert.equal(escapeControl('line 1\n\tline 2\n', { lineBreaks: true }), 'line 1\n\tline 2\n');
    assert.equal(escapeControl('é ü ✓ 𝄞 C:\\dir'), 'é ü ✓ 𝄞 C:\\dir');
  });
});

describe('policy text reaches no terminal raw', () => {
  for (const format of ['stylish', 'compact', 'github']) {
    for (const color of format === 'stylish' ? [false, true] : [false]) {
      it(`attls lint --format ${format}${color ? ' --color' : ' --no-color'}`, async () => {
        const r = await attls(['lint', '--format', format, color ? '--color' : '--no-color', EVIL_FILE], { [EVIL_FILE]: EVIL });
        assert.equal(r.code, 1);
        assertNoRawControls(r.out, format, color);
        assert.ok(r.out.includes('Evil\\x1b]0;pwned\\x07') || r.out.includes('Gone\\x1b[2J'), r.out);
        assert.ok(r.out.includes('evil\\x1b[2J\\nname.ttls'), `the file name is escaped, its line break too:\n${r.out}`);
      });
    }
  }

  it('compact keeps one finding per line whatever the file is called', async () => {
    const r = await attls(['lint', '--format', 'compact', EVIL_FILE], { [EVIL_FILE]: EVIL });
    for (const line of r.out.trimEnd().split('\n')) assert.match(line, /^\/work\/evil\\x1b\[2J\\nname\.ttls:\d+:\d+: (error|warning|info|hint) [a-z-]+ /);
  });

  it('lint: the one-line reason for an unusable file on standard error', async () => {
    const r = await attls(['lint', `/work/gone${TITLE}.ttls`], {});
    assert.equal(r.code, 2);
    assertNoRawControls(r.err, 'stderr');
    assert.equal(r.err, 'attls: /work/gone\\x1b]0;pwned\\x07.ttls: no such file or directory\n');
  });

  it('attls match, text answer', async () => {
    const r = await attls(['match', '/work/p.ttls', '--direction', 'inbound', '--local-port', '4000'], { '/work/p.ttls': EVIL });
    assert.equal(r.code, 0, r.err);
    assertNoRawControls(r.out, 'match');
    assert.match(r.out, /Evil\\x1b\]0;pwned\\x07/);
  });

  it('attls match --batch, summary', async () => {
    const r = await attls(['match', '/work/p.ttls', '--batch', '-'], { '/work/p.ttls': EVIL }, { stdin: 'direction,local_port\ninbound,4000\n' });
    assertNoRawControls(r.out + r.err, 'match --batch');
    assert.match(r.out, /Evil\\x1b\]0;pwned\\x07/);
  });

  it('attls explain --log, text', async () => {
    const log = `EZD1286I TTLS Error GRPID: 00000007 ENVID: 00000002 CONNID: 00000036\nLOCAL: 10.1.1.2..4000 REMOTE: 10.1.0.2..25 JOBNAME: CSSMTP USERID:\nSTART1 RULE: Evil${TITLE} RC: 417 Initial Handshake 0000000000000000\n`;
    const r = await attls(['explain', '--log', '/work/x.log', '--policy', '/work/p.ttls'], { '/work/x.log': log, '/work/p.ttls': EVIL });
    assert.equal(r.code, 0, r.err);
    assertNoRawControls(r.out, 'explain');
    assert.match(r.out, /Evil\\x1b\]0;pwned\\x07/);
  });

  it('attls test, text', async () => {
    const cases = `policy: p.ttls\ncases:\n  - name: "case \\e[2J"\n    connection: { direction: inbound, local_port: 4000 }\n    expect: { rule: "Other\\e]0;x\\a" }\n`;
    const r = await attls(['test', '/work/cases.yaml'], { '/work/cases.yaml': cases, '/work/p.ttls': EVIL });
    assert.equal(r.code, 1, r.err);
    assertNoRawControls(r.out, 'test');
    assert.match(r.out, /case \\x1b\[2J/);
    assert.match(r.out, /Evil\\x1b\]0;pwned\\x07/);
  });

  it('attls test --format junit stays well-formed XML', async () => {
    const cases = `policy: p.ttls\ncases:\n  - name: "case \\e[2J"\n    connection: { direction: inbound, local_port: 4000 }\n    expect: { rule: Other }\n`;
    const r = await attls(['test', '--format', 'junit', '/work/cases.yaml'], { '/work/cases.yaml': cases, '/work/p.ttls': EVIL });
    assertNoRawControls(r.out, 'test junit');
    assert.match(r.out, /name="case \\x1b\[2J"/);
  });

  it('attls fmt: file names and reasons in its messages', async () => {
    const unbalanced = `/work/open${TITLE}.ttls`;
    const r = await attls(['fmt', '--check', EVIL_FILE, unbalanced], { [EVIL_FILE]: '   TTLSRule x\n{\n}\n', [unbalanced]: `TTLSRule Evil${CLEAR}\n{\n` });
    assertNoRawControls(r.out, 'fmt --check (stdout)');
    assertNoRawControls(r.err, 'fmt (stderr)');
    assert.match(r.out, /evil\\x1b\[2J\\nname\.ttls/);
    assert.match(r.err, /open\\x1b\]0;pwned\\x07\.ttls: not formatted/);
  });

  it('JSON outputs keep the exact names as data, with DEL and C1 controls written as \\u escapes', async () => {
    const files = { [EVIL_FILE]: EVIL };
    for (const format of ['json', 'sarif', 'gitlab']) {
      const r = await attls(['lint', '--format', format, EVIL_FILE], files);
      assertNoRawControls(r.out, format);
      const text = JSON.stringify(JSON.parse(r.out));
      assert.ok(text.includes(JSON.stringify(`Serv${CSI8}${DEL}er`).slice(1, -1)), `${format}: the value is in the data as it is`);
    }
    const m = await attls(['match', EVIL_FILE, '--direction', 'inbound', '--local-port', '4000', '--format', 'json'], files);
    assertNoRawControls(m.out, 'match --format json');
    assert.equal((JSON.parse(m.out) as { rule: { name: string } }).rule.name, `Evil${TITLE}`);
  });

  it('a usage error that quotes the command line', async () => {
    const r = await attls(['lint', `--format=x${CLEAR}`], {});
    assert.equal(r.code, 2);
    assertNoRawControls(r.err, 'usage error');
  });
});
