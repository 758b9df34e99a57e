// Completion from the cursor's surroundings: statement keywords at the top level, the parameters of
// the enclosing block only, enum values and names after a keyword, snippets; on half-typed files.
import assert from 'node:assert/strict';
import { getCompletions, plainSnippet } from '@attls/service';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, at } from '../support/markers.js';

function complete(source: string, snippets = false): { labels: string[]; items: CompletionItem[]; apply: (label: string) => string } {
  const { snap, pos, m } = at(source);
  const list = getCompletions(snap, pos, { snippets });
  return {
    labels: list.items.map((i) => i.label),
    items: list.items,
    apply: (label: string) => {
      const item = list.items.find((i) => i.label === label);
      assert.ok(item, `no item ${label}`);
      return applyEdits(m.text, [item.textEdit as TextEdit]);
    },
  };
}

describe('completion', () => {
  it('offers statement keywords at the top level, with a snippet for a whole rule', () => {
    const { labels, items } = complete('TTLSR<|>\n', true);
    assert.ok(labels.includes('TTLSRule'));
    assert.ok(labels.includes('TTLSGroupAction'));
    assert.ok(labels.includes('TTLSConfig'));
    assert.ok(!labels.includes('Direction'), 'parameters are not statements');
    const rule = items.find((i) => i.label === 'TTLSRule with actions')!;
    assert.equal(rule.insertTextFormat, 2);
    assert.match((rule.textEdit as TextEdit).newText, /TTLSGroupActionRef \$\{1:RuleName\}_Group/);
    assert.match((rule.textEdit as TextEdit).newText, /TTLSEnvironmentAction \$\{1:RuleName\}_Env/);
  });

  it('replaces the word being typed (resultText)', () => {
    const { apply } = complete('TTLSGr<|>oup\n');
    assert.equal(apply('TTLSGroupAction'), 'TTLSGroupAction\n');
  });

  it('offers only the parameters of the enclosing block', () => {
    const { labels } = complete('TTLSEnvironmentAdvancedParms p\n{\n  <|>\n}\n');
    assert.ok(labels.includes('ClientAuthType'));
    assert.ok(labels.includes('TLSv1.2'));
    assert.ok(!labels.includes('TTLSEnabled'), 'TTLSEnabled belongs in TTLSGroupAction');
    assert.ok(!labels.includes('TTLSRule'));
  });

  it('works in a block that is never closed', () => {
    const { labels } = complete('TTLSRule r\n{\n  Direction Inbound\n}\nTTLSEnvironmentAdvancedParms {\n  Cli<|>');
    assert.ok(labels.includes('ClientAuthType'));
    assert.ok(!labels.includes('TTLSEnabled'));
  });

  it('works inside nested inline blocks and leaves out parameters already coded', () => {
    const { labels } = complete('TTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring R\n    <|>\n  }\n}\n');
    assert.ok(labels.includes('KeyringPw'));
    assert.ok(!labels.includes('Keyring'), 'Keyring is coded already');
    assert.ok(!labels.includes('HandshakeRole'), 'HandshakeRole belongs to the parent');
    const env = complete('TTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  <|>\n}\n').labels;
    assert.ok(!env.includes('HandshakeRole'));
    assert.ok(env.includes('TTLSKeyringParms'), 'inline blocks are offered');
  });

  it('offers enum values with their meaning after a keyword', () => {
    const { labels, items, apply } = complete('TTLSEnvironmentAdvancedParms p\n{\n  ClientAuthType <|>\n}\n');
    assert.deepEqual(labels, ['PassThru', 'Full', 'Required', 'SAFCheck']);
    assert.equal(items.find((i) => i.label === 'Required')!.detail, 'default on z/OS 3.1');
    assert.match(JSON.stringify(items[0]!.documentation), /not checked/);
    assert.equal(apply('Full'), 'TTLSEnvironmentAdvancedParms p\n{\n  ClientAuthType Full\n}\n');
    assert.deepEqual(complete('TTLSGroupAction g\n{\n  TTLSEnabled O<|>\n}\n').labels, ['On', 'Off']);
  });

  it('offers defined names of the right kind after a ...Ref keyword', () => {
    const policy = 'TTLSRule r\n{\n  TTLSGroupActionRef <|>\n}\nTTLSGroupAction g1\n{\n  TTLSEnabled On\n}\nTTLSGroupAction g2\n{\n  TTLSEnabled Off\n}\nTTLSEnvironmentAction e1\n{\n  HandshakeRole Client\n}\n';
    const { labels, items } = complete(policy);
    assert.deepEqual(labels.sort(), ['g1', 'g2']);
    assert.match(items[0]!.detail!, /TTLSGroupAction, line \d+/);
  });

  it('offers names that are referenced but not yet defined after a statement keyword', () => {
    const { labels } = complete('TTLSRule r\n{\n  TTLSGroupActionRef gMissing\n}\nTTLSGroupAction <|>\n');
    assert.deepEqual(labels, ['gMissing']);
  });

  it('inserts block snippets with the line indentation, and plain text without snippet support', () => {
    const withSnippets = complete('TTLSEnvironmentAction e\n{\n  TTLSKey<|>\n}\n', true);
    const item = withSnippets.items.find((i) => i.label === 'TTLSKeyringParms')!;
    assert.equal((item.textEdit as TextEdit).newText, 'TTLSKeyringParms\n  {\n    $0\n  }');
    assert.equal(item.insertTextMode, 1);
    const plain = complete('TTLSEnvironmentAdvancedParms p\n{\n  TLSv1.<|>\n}\n');
    assert.equal(plain.apply('TLSv1.2'), 'TTLSEnvironmentAdvancedParms p\n{\n  TLSv1.2\n}\n');
    assert.equal(plainSnippet('A ${1:x} ${2|On,Off|} $0'), 'A x On ');
  });

  it('offers nothing in comments or past the value', () => {
    assert.deepEqual(complete('# TTLS<|>\n').labels, []);
    assert.deepEqual(complete('TTLSGroupAction g\n{\n  TTLSEnabled On <|>\n}\n').labels, []);
  });

  it('offers keyword operands of configuration statements', () => {
    assert.deepEqual(complete('TTLSConfig /etc/p.ttls <|>\n').labels, ['FLUSH', 'NOFLUSH', 'PURGE', 'NOPURGE']);
  });
});

// What each place of a file gets, as a user meets it: a cursor marker per context.
describe('completion in context', () => {
  /** The labels in the order an editor shows them (by sortText, then as sent). */
  const shown = (items: CompletionItem[]): string[] =>
    items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => (a.item.sortText ?? a.item.label).localeCompare(b.item.sortText ?? b.item.label) || a.i - b.i)
      .map((x) => x.item.label);
  const TEMPLATE_KINDS = new Set([14, 15]); // Keyword (statement), Snippet

  const POLICY = `TTLSRule r
{
  Direction Inbound
  TTLSGroupActionRef g1
  TTLSEnvironmentActionRef e1
}
TTLSGroupAction g1
{
  TTLSEnabled On
}
TTLSGroupAction gOff
{
  TTLSEnabled Off
}
TTLSEnvironmentAction e1
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring R
  }
}
TTLSEnvironmentAction e2
{
  HandshakeRole Client
  TTLSKeyringParmsRef kr
}
TTLSKeyringParms kr
{
  Keyring R2
}
TTLSEnvironmentAdvancedParms envAdv
{
  TLSv1.2 On
}
`;
  const CONTEXTS: Record<string, string> = {
    'top level': `${POLICY}<|>\n`,
    'a rule block': POLICY.replace('  Direction Inbound\n', '  Direction Inbound\n  <|>\n'),
    'an environment action': POLICY.replace('  HandshakeRole Client\n', '  HandshakeRole Client\n  <|>\n'),
    'an inline key ring block': POLICY.replace('    Keyring R\n', '    Keyring R\n    <|>\n'),
    'an advanced-parms block': POLICY.replace('  TLSv1.2 On\n', '  TLSv1.2 On\n  <|>\n'),
    'after TTLSEnvironmentActionRef': POLICY.replace('TTLSEnvironmentActionRef e1', 'TTLSEnvironmentActionRef <|>'),
    'after TTLSGroupActionRef': POLICY.replace('TTLSGroupActionRef g1', 'TTLSGroupActionRef <|>'),
    'after TTLSKeyringParmsRef': POLICY.replace('TTLSKeyringParmsRef kr', 'TTLSKeyringParmsRef <|>'),
    'after a statement keyword': `${POLICY.replace('  TTLSEnvironmentActionRef e1\n', '  TTLSEnvironmentActionRef e1\n  TTLSConnectionActionRef cNew\n')}TTLSConnectionAction <|>\n`,
  };

  for (const [where, source] of Object.entries(CONTEXTS)) {
    it(`offers each item once: ${where}`, () => {
      for (const snippets of [false, true]) {
        const { labels } = complete(source, snippets);
        assert.ok(labels.length > 0, `something is offered in ${where}`);
        const twice = labels.filter((l, i) => labels.indexOf(l) !== i);
        assert.deepEqual(twice, [], `offered twice in ${where}`);
      }
    });
  }

  it('offers statement templates at the top level only, policy statements first in a policy file', () => {
    const top = complete(CONTEXTS['top level']!, true);
    const order = shown(top.items);
    assert.equal(order[0], 'TTLSRule with actions');
    assert.ok(order.indexOf('TTLSRule') < order.indexOf('TcpImage'), 'a policy file: rules before configuration statements');
    assert.ok(!top.labels.includes('Direction') && !top.labels.includes('TLSv1.2'), 'no parameters at the top level');
    for (const [where, source] of Object.entries(CONTEXTS)) {
      if (where === 'top level') continue;
      const inside = complete(source, true);
      const templates = inside.items.filter((i) => TEMPLATE_KINDS.has(i.kind!)).map((i) => i.label);
      assert.deepEqual(templates, [], `no statement template in ${where}`);
      assert.ok(!inside.labels.includes('TTLSRule with actions'), `no rule template in ${where}`);
    }
  });

  it('offers configuration statements first in a main configuration file, and no rule template', () => {
    const { items, labels } = complete('CommonTTLSConfig /etc/pagent/common.ttls\nTcpImage TCPIPA /etc/pagent/tcpipa.image\n<|>\n', true);
    const order = shown(items);
    assert.ok(!labels.includes('TTLSRule with actions'));
    assert.ok(order.indexOf('TcpImage') < order.indexOf('TTLSRule'), order.slice(0, 6).join(', '));
  });

  it('offers inline blocks where the block allows one, as templates of the nested block', () => {
    const { items } = complete(CONTEXTS['an environment action']!, true);
    const inline = items.filter((i) => i.kind === 9).map((i) => i.label);
    assert.ok(inline.includes('TTLSEnvironmentAdvancedParms') && inline.includes('TTLSCipherParms'), inline.join(', '));
    assert.ok(!inline.includes('TTLSKeyringParms'), 'TTLSKeyringParmsRef is coded: no second key ring');
    const advanced = complete(CONTEXTS['an advanced-parms block']!, true).items;
    assert.deepEqual(advanced.filter((i) => i.kind === 9).map((i) => i.label), [], 'an advanced-parms block holds no block');
  });

  it('offers a rule its parameters in order of importance', () => {
    const order = shown(complete(CONTEXTS['a rule block']!).items);
    // Direction is coded already, TTLSGroupActionRef and TTLSEnvironmentActionRef too.
    assert.deepEqual(order.slice(0, 6), ['LocalPortRange', 'RemotePortRange', 'Jobname', 'Priority', 'TTLSConnectionActionRef', 'LocalAddr']);
    const empty = shown(complete('TTLSRule r\n{\n  <|>\n}\n').items);
    assert.deepEqual(empty.slice(0, 8), ['Direction', 'LocalPortRange', 'RemotePortRange', 'Jobname', 'Priority', 'TTLSGroupActionRef', 'TTLSEnvironmentActionRef', 'TTLSConnectionActionRef']);
  });

  it('offers the protocols first in advanced parms, the retired ones last and marked deprecated', () => {
    const { items } = complete('TTLSEnvironmentAdvancedParms p\n{\n  <|>\n}\n');
    const order = shown(items);
    assert.deepEqual(order.slice(0, 2), ['TLSv1.3', 'TLSv1.2']);
    assert.deepEqual(order.slice(-4), ['TLSv1.1', 'TLSv1', 'SSLv3', 'SSLv2']);
    const deprecated = items.filter((i) => i.tags?.includes(1)).map((i) => i.label).sort();
    assert.deepEqual(deprecated, ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);
    assert.match(items.find((i) => i.label === 'TLSv1')!.detail!, /RFC 8996/);
    assert.equal(items.find((i) => i.label === 'TLSv1.2')!.tags, undefined);
    // The same in a connection's advanced parms, and with the protocol being typed.
    const conn = shown(complete('TTLSConnectionAdvancedParms c\n{\n  <|>\n}\n').items);
    assert.deepEqual(conn.slice(0, 2), ['TLSv1.3', 'TLSv1.2']);
    assert.equal(conn[conn.length - 1], 'SSLv2');
    const typed = shown(complete('TTLSEnvironmentAdvancedParms p\n{\n  TLS<|>\n}\n').items).filter((l) => l.startsWith('TLS'));
    assert.deepEqual(typed, ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1']);
  });

  it('offers after a ...Ref only the names of the statement kind it points at', () => {
    assert.deepEqual(complete(CONTEXTS['after TTLSEnvironmentActionRef']!).labels.sort(), ['e1', 'e2']);
    assert.deepEqual(complete(CONTEXTS['after TTLSGroupActionRef']!).labels.sort(), ['g1', 'gOff']);
    // Only named key ring blocks: the inline one in e1 has no name to offer.
    assert.deepEqual(complete(CONTEXTS['after TTLSKeyringParmsRef']!).labels, ['kr']);
  });
});
