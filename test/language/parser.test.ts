// Parser: the shapes real files contain, exact spans, and recovery on broken input.
import assert from 'node:assert/strict';
import { grammarProblems, LineIndex, MAX_NESTING, parse, walkItems, type Item, spanOf } from '@attls/language';
import { pick, random } from '../support/random.js';

/** Compact rendering of a tree: S(keyword name){...} for statements, P(keyword values) for parameters. */
function show(items: readonly Item[]): string {
  return items
    .map((i) => {
      switch (i.kind) {
        case 'statement':
          return `S(${[i.keyword.text, i.name?.text, ...i.extra.map((w) => w.text)].filter((x) => x !== undefined).join(' ')})${i.close ? '' : '!'}{${show(i.items)}}`;
        case 'parameter':
          return `P(${[i.keyword.text, ...i.values.map((v) => v.text)].join(' ')})`;
        case 'orphan':
          return `O${i.close ? '' : '!'}{${show(i.items)}}`;
        case 'stray':
          return `X(${i.text})`;
      }
    })
    .join(' ');
}

const codes = (text: string): string[] => parse(text).diagnostics.map((d) => d.code);

describe('parser: the grammar itself', () => {
  it("passes all of Chevrotain's grammar validations (which the CLI skips at start)", () => {
    assert.deepEqual(grammarProblems(), []);
  });
});

describe('parser: shapes', () => {
  it('reads a statement with parameters and a nested inline block', () => {
    const r = parse('TTLSEnvironmentAction e1\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring USER1/RING1\n  }\n}\n');
    assert.equal(show(r.file.items), 'S(TTLSEnvironmentAction e1){P(HandshakeRole Server) S(TTLSKeyringParms){P(Keyring USER1/RING1)}}');
    assert.deepEqual(r.diagnostics, []);
  });

  it('nests port ranges inside a port group and addresses inside an address group', () => {
    const r = parse('PortGroup pg\n{\n  PortRange\n  {\n    Port 21\n  }\n}\nIpAddrGroup ag\n{\n  IpAddr\n  {\n    Addr 9.1.1.1\n  }\n}');
    assert.equal(show(r.file.items), 'S(PortGroup pg){S(PortRange){P(Port 21)}} S(IpAddrGroup ag){S(IpAddr){P(Addr 9.1.1.1)}}');
  });

  it('accepts CRLF, CR and LF line ends mixed, tabs, trailing blanks and blank lines anywhere', () => {
    const text = 'TTLSRule\tr1   \r\n\r\n{\r  LocalPortRange\t\t443  \n\n\n  Direction   Inbound\t\r\n}\r\n';
    assert.equal(show(parse(text).file.items), 'S(TTLSRule r1){P(LocalPortRange 443) P(Direction Inbound)}');
    assert.deepEqual(codes(text), []);
  });

  it('finds the same line starts while scanning as a separate search of the text does', () => {
    // The parse hands the scanner's line breaks to its line index; a separate search is the reference.
    const fixed = ['', 'a', '\n', '\r', '\r\n', 'a\r', 'a\r\r\n\n', '# x\r\ny { "q\r" }\rz\n', '"open\r\n"x\n\r', '\ufeffa\nb'];
    const rnd = random(20261204);
    const parts = ['a', ' ', '\t', '\n', '\r', '\r\n', '{', '}', '#c', '"', '"q q"', 'TTLSRule', '\u2028'];
    const generated = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => pick(rnd, parts)).join(''));
    for (const text of [...fixed, ...generated]) {
      const p = parse(text);
      assert.deepEqual([...p.lineIndex.lineStarts], [...new LineIndex(text).lineStarts], JSON.stringify(text));
      assert.equal(p.lineIndex.length, text.length);
    }
  });

  it('keeps apart repeated words whose hashes collide ("Aa" and "BB" hash alike)', () => {
    // The scanner shares one string among equal words, found by a hash of their characters.
    const text = 'Aa BB AaBB BBAa\nBB Aa BBAa AaBB\n';
    assert.equal(show(parse(text).file.items), 'P(Aa BB AaBB BBAa) P(BB Aa BBAa AaBB)');
    const many = Array.from({ length: 3000 }, (_, i) => `w${i} Aa${i % 7} BB${i % 7}`).join('\n');
    const words = parse(many).file.items.flatMap((it) => (it.kind === 'parameter' ? [it.keyword.text, ...it.values.map((v) => v.text)] : []));
    assert.deepEqual(words, many.split(/\s+/));
  });

  it('accepts indentation at any column and keywords in any case', () => {
    const text = '      ttlsrule r1\n{\n TTLSKEYRINGPARMS\n        {\nkeyring X\n }\nSSLV3 OFF\n  }';
    assert.equal(show(parse(text).file.items), 'S(ttlsrule r1){S(TTLSKEYRINGPARMS){P(keyring X)} P(SSLV3 OFF)}');
  });

  it('keeps names with ~ @ . - _ and digits whole', () => {
    const r = parse('TTLSEnvironmentAction eAct1~FTPTat192.168.20.9n\n{\n}\nTTLSGroupAdvancedParms TLSv1.2zOS1.13\n{\n}\nTTLSRule a@b#c$d-e_f\n{\n}');
    const names = r.file.items.map((i) => (i.kind === 'statement' ? i.name?.text : undefined));
    assert.deepEqual(names, ['eAct1~FTPTat192.168.20.9n', 'TLSv1.2zOS1.13', 'a@b#c$d-e_f']);
  });

  it('reads port ranges written n, n-m and n m, and addresses, prefixes and ranges as words', () => {
    const r = parse(
      'TTLSRule r\n{\nLocalPortRange 21\nRemotePortRange 1024-65535\nLocalPortRange 6794 6794\nLocalAddr 2001:db8::1/64\nRemoteAddr 10.0.0.1-10.0.0.9\nRemoteAddr ::1\n}',
    );
    assert.equal(
      show(r.file.items),
      'S(TTLSRule r){P(LocalPortRange 21) P(RemotePortRange 1024-65535) P(LocalPortRange 6794 6794) P(LocalAddr 2001:db8::1/64) P(RemoteAddr 10.0.0.1-10.0.0.9) P(RemoteAddr ::1)}',
    );
  });

  it("keeps data set names such as //'A.B(C)' as one word", () => {
    const r = parse("TTLSConfig //'SYS1.TCPPARMS(TTLS#1)' FLUSH PURGE\nTcpImage TCPIP //'USER.Z24C.TCPPARMS(PAGENTT)'\n");
    assert.equal(show(r.file.items), "P(TTLSConfig //'SYS1.TCPPARMS(TTLS#1)' FLUSH PURGE) P(TcpImage TCPIP //'USER.Z24C.TCPPARMS(PAGENTT)')");
  });

  it('skips a UTF-8 byte-order mark and keeps positions in the original text', () => {
    const text = '\ufeffTTLSRule r1\n{\n}\n';
    const r = parse(text);
    const s = r.file.items[0]!;
    assert.equal(s.kind, 'statement');
    assert.equal(s.kind === 'statement' && s.keyword.start, 1);
    assert.deepEqual(r.diagnostics, []);
  });

  it('keeps comments with their positions, also after values, and never inside a word', () => {
    const text = '# header\nTTLSRule r1 # trailing\n{\n  Keyring dbgmgr.racf # owned by DBGMGR\n  Data SET#1\n}\n';
    const r = parse(text);
    assert.deepEqual(
      r.comments.map((c) => [c.text, text.slice(c.start, c.end)]),
      [['# header', '# header'], ['# trailing', '# trailing'], ['# owned by DBGMGR', '# owned by DBGMGR']],
    );
    assert.equal(show(r.file.items), 'S(TTLSRule r1){P(Keyring dbgmgr.racf) P(Data SET#1)}');
  });

  it('takes replacement characters from non-UTF-8 bytes in comments in its stride', () => {
    const bytes = Buffer.from('# Gr\xfc\xdfe aus M\xfcnchen\nTTLSRule r1\n{\n}\n', 'latin1');
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    assert.ok(text.includes('\ufffd'));
    const r = parse(text);
    assert.equal(r.comments.length, 1);
    assert.equal(show(r.file.items), 'S(TTLSRule r1){}');
    assert.deepEqual(r.diagnostics, []);
  });

  it('reads a file without a final line end', () => {
    assert.equal(show(parse('TTLSGroupAction g\n{\n  TTLSEnabled On\n}').file.items), 'S(TTLSGroupAction g){P(TTLSEnabled On)}');
    assert.equal(show(parse('LogLevel 31').file.items), 'P(LogLevel 31)');
  });

  it('keeps a double-quoted value with blanks as one word', () => {
    const r = parse('X\n{\n  CertificateLabel "Zowe Server" extra\n}');
    const p = r.file.items[0]!.kind === 'statement' ? r.file.items[0]!.items[0]! : undefined;
    assert.ok(p && p.kind === 'parameter');
    assert.deepEqual(p.values.map((v) => [v.text, v.quoted ?? false]), [['Zowe Server', true], ['extra', false]]);
  });

  it('gives every node an exact span', () => {
    const text = 'TTLSRule  r1\n{\n  Direction   Inbound  # c\n  TTLSKeyringParms\n  {\n    Keyring K\n  }\n}\n';
    const r = parse(text);
    walkItems(r.file.items, (item) => {
      if (item.kind === 'statement') {
        assert.equal(text.slice(item.keyword.start, item.keyword.end), item.keyword.text);
        if (item.name) assert.equal(text.slice(item.name.start, item.name.end), item.name.text);
        assert.equal(text[item.open], '{');
        assert.equal(item.close && text[item.close], '}');
        assert.equal(text.slice(item.start, item.end).trim().endsWith('}'), true);
      } else if (item.kind === 'parameter') {
        for (const w of [item.keyword, ...item.values]) assert.equal(text.slice(w.start, w.end), w.text);
        assert.equal(text.slice(item.start, item.end), item.keyword.text === 'Direction' ? 'Direction   Inbound' : 'Keyring K');
      }
    });
    const rule = r.file.items[0]!;
    assert.deepEqual(spanOf(rule), { start: 0, end: text.lastIndexOf('}') + 1 });
  });
});

describe('parser: recovery', () => {
  it('reports an unclosed block at its opening brace and keeps what it contains', () => {
    const text = 'TTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring K\n  }\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\n';
    const r = parse(text);
    assert.equal(show(r.file.items), 'S(TTLSEnvironmentAction e)!{P(HandshakeRole Server) S(TTLSKeyringParms){P(Keyring K)} S(TTLSGroupAction g){P(TTLSEnabled On)}}');
    const d = r.diagnostics.find((x) => x.code === 'syntax-unclosed-brace');
    assert.ok(d);
    assert.deepEqual(d.span, { start: text.indexOf('{'), end: text.indexOf('{') + 1 });
    assert.deepEqual(d.related?.[0]?.span, { start: text.length, end: text.length });
  });

  it('reports every unclosed level of nested blocks', () => {
    const r = parse('A\n{\n B\n {\n  C\n  {\n');
    assert.equal(show(r.file.items), 'S(A)!{S(B)!{S(C)!{}}}');
    assert.equal(r.diagnostics.filter((d) => d.code === 'syntax-unclosed-brace').length, 3);
  });

  it('reports a stray closing brace and goes on', () => {
    const r = parse('TTLSRule r\n{\n}\n}\nTTLSGroupAction g\n{\n}\n');
    assert.equal(show(r.file.items), 'S(TTLSRule r){} X(}) S(TTLSGroupAction g){}');
    assert.deepEqual(codes('TTLSRule r\n{\n}\n}\n'), ['syntax-unexpected-brace']);
  });

  it('reports a block without a keyword and reads its contents', () => {
    const r = parse('{\n  TTLSEnabled On\n}\n');
    assert.equal(show(r.file.items), 'O{P(TTLSEnabled On)}');
    assert.deepEqual(codes('{\n  TTLSEnabled On\n}\n'), ['syntax-orphan-block']);
  });

  it('treats garbage lines as items, not as syntax errors', () => {
    const text = '* __`ZoweNoX509Keyring`__\nThis parameter is used for outbound rules. [link](#x)\n';
    assert.equal(show(parse(text).file.items), 'P(* __`ZoweNoX509Keyring`__) P(This parameter is used for outbound rules. [link](#x))');
    assert.deepEqual(codes(text), []);
  });

  it('survives binary junk', () => {
    let junk = '';
    for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 65536);
    const r = parse(junk);
    assert.ok(Array.isArray(r.file.items));
    for (const d of r.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= junk.length);
  });

  it(`stops following blocks nested deeper than ${MAX_NESTING} levels, with a partial tree`, () => {
    const text = 'A\n' + '{\nB\n'.repeat(1000) + '}\n'.repeat(1000);
    const r = parse(text);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['syntax-nesting-too-deep']);
    let depth = 0;
    walkItems(r.file.items, (_i, _p, d) => void (depth = Math.max(depth, d)));
    assert.ok(depth <= MAX_NESTING + 1, `depth ${depth}`);
    let params = 0;
    walkItems(r.file.items, (i) => void (i.kind === 'parameter' && params++));
    assert.equal(params, 1000 - MAX_NESTING + 1, 'parameters beyond the limit are kept at the deepest level');
  });

  it('parses a 10 MB file', () => {
    const unit = 'TTLSRule r\n{\n  LocalPortRange 443\n  Direction Inbound\n  TTLSGroupActionRef g\n}\n';
    const text = unit.repeat(Math.ceil(10e6 / unit.length));
    const r = parse(text);
    assert.equal(r.file.items.length, Math.ceil(10e6 / unit.length));
  });

  it('handles a 1 MB line', () => {
    const text = `TTLSRule r\n{\n  Keyring ${'x'.repeat(1_000_000)}\n  Jobname ${' A'.repeat(200_000)}\n}\n`;
    const r = parse(text);
    assert.equal(show(r.file.items).length > 0, true);
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('parser: brace placement', () => {
  it('warns when a brace shares its line with something else', () => {
    assert.deepEqual(codes('TTLSRule r {\n}\n'), ['brace-placement']);
    assert.deepEqual(codes('TTLSRule r\n{\n  Direction Inbound }\n'), ['brace-placement']);
    assert.deepEqual(codes('TTLSRule r\n{ Direction Inbound\n}\n'), ['brace-placement']);
    assert.deepEqual(codes('TTLSRule r\n{\n} TTLSGroupAction g\n{\n}\n'), ['brace-placement']);
    assert.deepEqual(codes('TTLSRule r\n  {   # comment\n  }  # comment\n'), []);
  });

  it('lists at most 10,000 diagnostics of a code and counts the rest on the last one', () => {
    const r = parse('}'.repeat(25_000) + '\n');
    const stray = r.diagnostics.filter((d) => d.code === 'syntax-unexpected-brace');
    const placement = r.diagnostics.filter((d) => d.code === 'brace-placement');
    assert.equal(stray.length, 10_000);
    assert.equal(placement.length, 10_000);
    assert.match(stray.at(-1)!.message, /\(15,000 more syntax-unexpected-brace findings in this file are not listed\.\)$/);
    assert.equal(stray.at(-1)!.span.start, 9_999, 'the last one listed, in text order');
    assert.doesNotMatch(stray[0]!.message, /more/);
    // Every brace is still in the tree.
    assert.equal(r.file.items.length, 25_000);
  });
});
