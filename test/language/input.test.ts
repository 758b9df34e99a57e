// How files get into the tools: one decoder (bytes to text and the layout to write them back in),
// one policy-file detection, for the CLI, the language server and the extension alike.
import assert from 'node:assert/strict';
import { ebcdicByte } from '@attls/evaluate';
import {
  applySequenceNumbers,
  decodeText,
  encodeText,
  environmentConfigFile,
  fileNameKind,
  findSequenceNumbers,
  IBM1047_TO_UNICODE,
  isEnvironmentText,
  isRefusal,
  looksLikePolicy,
  MAX_INPUT_BYTES,
  type DecodedText,
} from '@attls/language/input';
import { encodeIbm1047 } from '../support/ebcdic.js';
import { numbered, records } from '../support/zos.js';

const POLICY = [
  '# SYS1.TCPPARMS(TTLS): copied from z/OS in binary',
  'TTLSRule r1',
  '{',
  '  LocalPortRange 443',
  '  Direction Inbound',
  '  TTLSGroupActionRef g1',
  '}',
  'TTLSGroupAction g1',
  '{',
  '  TTLSEnabled Off',
  '}',
];

function decoded(bytes: Uint8Array, options = {}): DecodedText {
  const d = decodeText(bytes, options);
  assert.ok(!isRefusal(d), isRefusal(d) ? d.refused : '');
  return d;
}

describe('input: decoding', () => {
  it('splits a fixed-record IBM-1047 download (80-byte records, no line ends) into its records', () => {
    const bytes = encodeIbm1047(records(POLICY, 80));
    assert.equal(bytes.length, POLICY.length * 80);
    assert.ok(!bytes.includes(0x15) && !bytes.includes(0x25), 'no line ends');
    const d = decoded(bytes);
    assert.equal(d.layout.encoding, 'ibm-1047');
    assert.equal(d.layout.recordLength, 80);
    const lines = d.text.split('\n');
    assert.equal(lines.length, POLICY.length);
    assert.deepEqual(lines.map((l) => l.trimEnd()), POLICY);
    // Columns stay where they were: the record is kept whole, blanks and all.
    assert.ok(lines.every((l) => l.length === 80));
  });

  it('takes the record length from --record-length', () => {
    const bytes = encodeIbm1047(records(POLICY, 100));
    assert.equal(decoded(bytes).layout.recordLength, undefined, '100-byte records are not guessed');
    const d = decoded(bytes, { recordLength: 100 });
    assert.equal(d.layout.recordLength, 100);
    assert.deepEqual(d.text.split('\n').map((l) => l.trimEnd()), POLICY);
  });

  it('writes records back as they were, and refuses a line too long for its record', () => {
    const bytes = encodeIbm1047(records(POLICY, 80));
    const d = decoded(bytes);
    assert.deepEqual(encodeText(d.text, d.layout), bytes);
    // A changed text, trailing blanks dropped, one line shorter: still 80-byte records.
    const changed = POLICY.filter((l) => !l.startsWith('#')).join('\n') + '\n';
    const out = encodeText(changed, d.layout) as Uint8Array;
    assert.equal(out.length, (POLICY.length - 1) * 80);
    assert.deepEqual(decoded(out).text.split('\n').map((l) => l.trimEnd()), POLICY.slice(1));
    const tooLong = encodeText(`${'#'.repeat(81)}\n`, d.layout);
    assert.ok('refused' in tooLong && /line 1 is longer than the 80-byte records/.test(tooLong.refused));
  });

  it('keeps the line ends of a file: LF, CRLF, and IBM-1047 NL or LF', () => {
    const text = POLICY.join('\r\n') + '\r\n';
    const crlf = decoded(new TextEncoder().encode(text));
    assert.equal(crlf.layout.lineEnd, '\r\n');
    assert.deepEqual(encodeText(POLICY.join('\n') + '\n', crlf.layout), new TextEncoder().encode(text));
    const nl = encodeIbm1047(POLICY.join('\n') + '\n');
    assert.equal(decoded(nl).layout.newlineByte, 0x15);
    const lf = nl.map((b) => (b === 0x15 ? 0x25 : b));
    const d = decoded(lf);
    assert.equal(d.layout.newlineByte, 0x25);
    assert.deepEqual(encodeText(d.text, d.layout), lf);
  });

  it('keeps UTF-16 and a UTF-8 byte-order mark', () => {
    const bom = new TextEncoder().encode(`\uFEFF${POLICY.join('\n')}\n`);
    const d = decoded(bom);
    assert.deepEqual(encodeText(d.text, d.layout), bom);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...`${POLICY.join('\n')}\n`].flatMap((c) => [c.charCodeAt(0), 0])]);
    const u = decoded(utf16);
    assert.equal(u.layout.encoding, 'utf-16le');
    assert.deepEqual(encodeText(u.text, u.layout), utf16);
  });

  it('refuses binary and oversized input with one line', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    assert.deepEqual(decodeText(png), { refused: 'it is a binary file, not a policy (a NUL byte at offset 8)' });
    const big = decodeText(new Uint8Array(MAX_INPUT_BYTES + 1));
    assert.ok(isRefusal(big) && /larger than the 64 MiB/.test(big.refused));
  });

  it('refuses to write a character IBM-1047 has no byte for', () => {
    const d = decoded(encodeIbm1047(POLICY.join('\n') + '\n'));
    const r = encodeText('# \u20ac\n', d.layout);
    assert.ok('refused' in r && /line 1 has a character \(U\+20AC\)/.test(r.refused));
  });
});

describe('input: sequence numbers in columns 73-80', () => {
  const text = numbered(POLICY).join('\n') + '\n';

  it('are blanked out, not cut: every column and offset stays, and it is said once', () => {
    const d = decoded(new TextEncoder().encode(text));
    assert.equal(d.text.length, text.length);
    const lines = d.text.split('\n');
    assert.deepEqual(lines.slice(0, -1).map((l) => l.trimEnd()), POLICY);
    assert.equal(lines[3]!.indexOf('LocalPortRange'), text.split('\n')[3]!.indexOf('LocalPortRange'));
    assert.equal(d.notes.length, 1);
    assert.equal(d.notes[0]!.code, 'sequence-numbers');
    assert.equal(d.notes[0]!.severity, 'warning');
    assert.equal(text.slice(d.notes[0]!.span.start, d.notes[0]!.span.end), '00000100');
    assert.deepEqual(encodeText(d.text, d.layout), new TextEncoder().encode(text));
  });

  it('are recognised only when every line that is not blank has one, ascending', () => {
    assert.equal(findSequenceNumbers(text.replace('00000300', '        ')), undefined);
    assert.equal(findSequenceNumbers(text.replace('00000300', '00000100')), undefined, 'not ascending');
    assert.ok(findSequenceNumbers(text.replace('\n', '\n\n')), 'a blank line without a number');
    assert.equal(findSequenceNumbers(`${'#'.repeat(72)}00000100\n`), undefined, 'one line is no numbering');
  });

  it('stay with their lines when the text changes; new lines get numbers between', () => {
    const seq = findSequenceNumbers(text)!.numbers;
    const changed = [...POLICY];
    changed[3] = '  LocalPortRange 992'; // edited: keeps 00000400
    changed.splice(5, 0, '  Priority 100'); // inserted between 00000500 and 00000600
    changed.splice(0, 1); // the comment line deleted
    const out = applySequenceNumbers(changed, seq);
    assert.ok(out.every((l) => l.length === 80));
    assert.deepEqual(
      out.map((l) => l.slice(72)),
      ['00000200', '00000300', '00000400', '00000500', '00000550', '00000600', '00000700', '00000800', '00000900', '00001000', '00001100'],
    );
    assert.equal(out[2]!.slice(0, 72).trimEnd(), '  LocalPortRange 992');
    // No room between two numbers: every line is numbered again.
    const tight = findSequenceNumbers(['a', 'b'].map((l) => l.padEnd(72) + (l === 'a' ? '00000001' : '00000002')).join('\n'))!.numbers;
    assert.deepEqual(applySequenceNumbers(['a', 'x', 'b'], tight).map((l) => l.slice(72)), ['00000100', '00000200', '00000300']);
  });

  it('a line that would reach the sequence field is not written', () => {
    const d = decoded(new TextEncoder().encode(text));
    const r = encodeText(`${'x'.repeat(73)}\n`, d.layout);
    assert.ok('refused' in r && /column 72, where the sequence numbers are/.test(r.refused));
  });
});

describe('input: which files are policies', () => {
  it('by name', () => {
    assert.equal(fileNameKind('a/tcpip.ttls'), 'policy');
    assert.equal(fileNameKind('pagent.conf'), 'policy');
    assert.equal(fileNameKind('TTLSB'), 'content');
    assert.equal(fileNameKind('notes.txt'), 'other');
  });

  it('by content, also behind a block of comments (the CLI once stopped at the first comment of a one-line download)', () => {
    assert.ok(looksLikePolicy('#####\n# SYS1.TCPPARMS(TTLS)\n#####\n\nTTLSRule r\n{\n}\n'));
    assert.ok(looksLikePolicy('IpAddrGroup g\n{\n}\n'));
    assert.ok(!looksLikePolicy('LogLevel=debug\n'));
    assert.ok(!looksLikePolicy('#!/bin/sh\necho TTLSRule\n'));
  });

  it('a PAGENT environment member (STDENV) and the main file it names', () => {
    const env = "PAGENT_CONFIG_FILE=//'USER.TCPPARMS(PAGENTCF)'\nLIBPATH=/usr/lib\nexport TZ=GMT0\n";
    assert.ok(isEnvironmentText(env));
    const f = environmentConfigFile(env)!;
    assert.equal(f.value, "//'USER.TCPPARMS(PAGENTCF)'");
    assert.equal(env.slice(f.span.start, f.span.end), f.value);
    assert.equal(environmentConfigFile('PAGENT_CONFIG_FILE=/etc/pagent.conf   \n')!.value, '/etc/pagent.conf');
    assert.ok(!isEnvironmentText('TTLSRule r\n{\n}\n# PAGENT_CONFIG_FILE=x\n'));
    assert.ok(!isEnvironmentText('LIBPATH=/usr/lib\n'));
  });
});

describe('input: one IBM-1047 table', () => {
  it("orders names by the same table the decoder reads (evaluate's EBCDIC order)", () => {
    for (let byte = 0; byte < 256; byte++) assert.equal(ebcdicByte(IBM1047_TO_UNICODE[byte]!), byte);
  });
});
