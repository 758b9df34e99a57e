// Code actions, checked by the text after applying them: did-you-mean, create a missing statement,
// remove an unused one, move a misplaced parameter, switch off a weak protocol, suppress with a reason.
import assert from 'node:assert/strict';
import { getCodeActions } from '@attls/service';
import type { CodeAction } from 'vscode-languageserver-types';
import { applyWorkspaceEdit, markers, snapshotOf } from '../support/markers.js';

function actions(source: string, only?: string[]): { list: CodeAction[]; titles: string[]; apply: (title: string | RegExp) => string } {
  const m = markers(source);
  const snap = snapshotOf(m.text);
  const r = m.ranges[0] ?? { start: m.indices[0]!, end: m.indices[0]! };
  const range = { start: snap.document.lineIndex.positionAt(r.start), end: snap.document.lineIndex.positionAt(r.end) };
  const list = getCodeActions(snap, range, { only });
  return {
    list,
    titles: list.map((a) => a.title),
    apply: (title) => {
      const a = list.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
      assert.ok(a, `no action ${title} in ${list.map((x) => x.title).join(' | ')}`);
      return applyWorkspaceEdit(m.text, a.edit);
    },
  };
}

const RULE = 'TTLSRule r\n{\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef g\n}\n';

describe('code actions', () => {
  it('fixes a misspelt keyword (did you mean), as the preferred fix tied to its diagnostic', () => {
    const { list, apply } = actions(`${RULE}TTLSGroupAction g\n{\n  <|>TLLSEnabled Off\n}\n`);
    const fix = list.find((a) => a.title === "Change to 'TTLSEnabled'")!;
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.diagnostics![0]!.code, 'unknown-parameter');
    assert.match(apply("Change to 'TTLSEnabled'"), /^ {2}TTLSEnabled Off$/m);
  });

  it('creates a missing referenced statement after the statement that refers to it', () => {
    const { apply } = actions('TTLSRule r\n{\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef <|>gNew\n}\n# tail\n');
    assert.equal(apply("Create TTLSGroupAction 'gNew'"), 'TTLSRule r\n{\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef gNew\n}\n\nTTLSGroupAction gNew\n{\n  TTLSEnabled On\n}\n# tail\n');
  });

  it('removes an unused statement', () => {
    const { apply } = actions(`${RULE}TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n\nTTLSKeyringParms <|>spare\n{\n  Keyring R\n}\n\n# end\n`);
    assert.equal(apply("Remove unused TTLSKeyringParms 'spare'"), `${RULE}TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\n\n# end\n`);
  });

  it('moves a misplaced parameter into the block where it belongs', () => {
    const env = 'TTLSEnvironmentAction e\n{\n  HandshakeRole ServerWithClientAuth\n  <|>ClientAuthType Full\n  TTLSKeyringParmsRef k\n  TTLSEnvironmentAdvancedParmsRef adv\n}\nTTLSKeyringParms k\n{\n  Keyring R\n}\nTTLSEnvironmentAdvancedParms adv\n{\n  TLSv1.2 On\n}\n';
    assert.equal(
      actions(env).apply("Move ClientAuthType into TTLSEnvironmentAdvancedParms 'adv'"),
      'TTLSEnvironmentAction e\n{\n  HandshakeRole ServerWithClientAuth\n  TTLSKeyringParmsRef k\n  TTLSEnvironmentAdvancedParmsRef adv\n}\nTTLSKeyringParms k\n{\n  Keyring R\n}\nTTLSEnvironmentAdvancedParms adv\n{\n  TLSv1.2 On\n  ClientAuthType Full\n}\n',
    );
    // Without such a block, a new inline one is written.
    const alone = 'TTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  <|>TLSv1.2 On\n  TTLSKeyringParms\n  {\n    Keyring R\n  }\n}\n';
    assert.equal(
      actions(alone).apply('Move TLSv1.2 into a new inline TTLSEnvironmentAdvancedParms'),
      'TTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring R\n  }\n  TTLSEnvironmentAdvancedParms\n  {\n    TLSv1.2 On\n  }\n}\n',
    );
  });

  it('switches off a weak protocol, coded On or On by default', () => {
    const coded = actions('TTLSEnvironmentAdvancedParms p\n{\n  TLSv1 <|>On\n}\n');
    assert.equal(coded.apply('Switch off TLSv1'), 'TTLSEnvironmentAdvancedParms p\n{\n  TLSv1 Off\n}\n');
    const byDefault = actions('TTLSEnvironmentAdvancedParms p\n{\n  TLSv1.2 On\n<|>}\n');
    assert.ok(byDefault.titles.includes('Switch off TLSv1 (On by default on z/OS 3.1)'));
    assert.equal(byDefault.apply('Switch off TLSv1.1 (On by default on z/OS 3.1)'), 'TTLSEnvironmentAdvancedParms p\n{\n  TLSv1.2 On\n  TLSv1.1 Off\n}\n');
  });

  it('suppresses a finding on its line with a reason', () => {
    const { apply } = actions(`${RULE}TTLSGroupAction g\n{\n  TTLSEnabled Off\n  Trace 2 <|>extra\n}\n`);
    assert.match(apply(/^Suppress trailing-text/), /\n {2}# attls-lint-disable-next-line trailing-text -- TODO: say why this finding is acceptable\n {2}Trace 2 extra\n/);
  });

  it('offers every safe fix at once as source.fixAll, only when asked', () => {
    const text = `${RULE}TTLSGroupAction g\n{\n  TLLSEnabled Off\n  Tracee 2\n<|>}\n`;
    assert.ok(!actions(text).titles.includes('Fix all safe attls problems'));
    const all = actions(text, ['source.fixAll']);
    assert.deepEqual(all.titles, ['Fix all safe attls problems']);
    assert.match(all.apply('Fix all safe attls problems'), /TTLSEnabled Off\n {2}Trace 2/);
  });
});
