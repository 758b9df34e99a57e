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
