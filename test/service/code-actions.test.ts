// Code actions, checked by the text after applying them: did-you-mean, create a missing statement,
// remove an unused one, move a misplaced parameter, switch off a weak protocol, suppress with a reason,
// and the fixes and suggestions of registry lint rules, checked again by linting the result.
import assert from 'node:assert/strict';
import { getCodeActions } from '@attls/service';
import type { CodeAction } from 'vscode-languageserver-types';
import { applyWorkspaceEdit, markers, snapshotOf, URI } from '../support/markers.js';

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
  it("offers a misspelt keyword's did-you-mean as the preferred quick fix tied to its diagnostic", () => {
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

  it('offers every safe fix at once as source.fixAll, only when asked, and no did-you-mean in it', () => {
    const text = `${RULE}TTLSGroupAction g\n{\n  ttlsenabled OFF\n  Tracee 2\n<|>}\n`;
    assert.ok(!actions(text).titles.includes('Fix all safe attls problems'));
    const all = actions(text, ['source.fixAll']);
    assert.deepEqual(all.titles, ['Fix all safe attls problems']);
    // Respelt keyword and value; the misspelt Tracee is left to its quick fix (Trace would take effect).
    assert.match(all.apply('Fix all safe attls problems'), /TTLSEnabled Off\n {2}Tracee 2/);
  });
});

/**
 * The quick fix a lint rule attached to its finding, as the editor offers it at the finding's range:
 * tied to that diagnostic, and applying it leaves one finding of that code fewer on re-lint.
 */
function lintFix(text: string, code: string, title: string, nth = 0): { action: CodeAction; after: string; before: number; remaining: number } {
  const snap = snapshotOf(text);
  const findings = snap.diagnostics().filter((d) => d.code === code);
  const finding = findings[nth];
  assert.ok(finding, `no ${code} finding #${nth} in ${snap.diagnostics().map((d) => d.code).join(', ')}`);
  const li = snap.document.lineIndex;
  const range = { start: li.positionAt(finding.span.start), end: li.positionAt(finding.span.end) };
  const list = getCodeActions(snap, range);
  const action = list.find((a) => a.title === title && a.diagnostics?.some((d) => d.code === code));
  assert.ok(action, `no action '${title}' for ${code} in ${list.map((a) => a.title).join(' | ')}`);
  assert.deepEqual(action.diagnostics![0]!.range, range);
  const after = applyWorkspaceEdit(text, action.edit, URI);
  return { action, after, before: findings.length, remaining: snapshotOf(after).diagnostics().filter((d) => d.code === code).length };
}

const LINKS = 'TTLSRule r\n{\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef g\n  TTLSEnvironmentActionRef e\n}\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\n';
const ENV = 'TTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  TTLSKeyringParmsRef k\n  TTLSCipherParmsRef c\n}\n';

describe('code actions: lint rule fixes from the registry', () => {
  it('keyword-case: respells the keyword as documented, and the finding is gone', () => {
    const text = `${LINKS}${ENV}TTLSKeyRingParms k\n{\n  Keyring R\n}\nTTLSCipherParms c\n{\n  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n}\n`;
    const { action, after, before, remaining } = lintFix(text, 'keyword-case', "Change to 'TTLSKeyringParms'");
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.equal(after, text.replace('TTLSKeyRingParms k', 'TTLSKeyringParms k'));
    assert.deepEqual([before, remaining], [1, 0]);
  });

  it('value-case: respells an enumerated value, and the finding is gone', () => {
    const text = LINKS.replace('TTLSEnabled On', 'TTLSEnabled on');
    const { after, before, remaining } = lintFix(text, 'value-case', "Change to 'On'");
    assert.equal(after, LINKS);
    assert.deepEqual([before, remaining], [1, 0]);
  });

  it('duplicate-cipher: removes the repeated line, and only that finding goes', () => {
    const keep = '  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n';
    const text = `${LINKS}${ENV}TTLSKeyringParms k\n{\n  Keyring R\n}\nTTLSCipherParms c\n{\n${keep}  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n}\n`;
    const { action, after, before, remaining } = lintFix(text, 'duplicate-cipher', 'Remove the V3CipherSuites line');
    assert.equal(action.isPreferred, true);
    assert.equal(after, text.replace(`${keep}  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n`, keep));
    assert.deepEqual([before, remaining], [2, 1]);
  });

  it('duplicate-cipher: removes one repeated code from a 4-character list, keeping the rest of the line', () => {
    const text = `${LINKS}${ENV}TTLSKeyringParms k\n{\n  Keyring R\n}\nTTLSCipherParms c\n{\n  V3CipherSuites4Char C030C02FC030\n}\n`;
    const { after, before, remaining } = lintFix(text, 'duplicate-cipher', 'Remove C030 from the list');
    assert.match(after, /^ {2}V3CipherSuites4Char C030C02F\n/m);
    assert.deepEqual([before, remaining], [1, 0]);
  });

  it('weak-cipher: offers removing the line as a suggestion (not preferred), and the finding is gone', () => {
    const text = `${LINKS}${ENV}TTLSKeyringParms k\n{\n  Keyring R\n}\nTTLSCipherParms c\n{\n  V3CipherSuites TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n  V3CipherSuites TLS_RSA_WITH_RC4_128_SHA\n}\n`;
    const { action, after, before, remaining } = lintFix(text, 'weak-cipher', 'Remove the V3CipherSuites line');
    assert.notEqual(action.isPreferred, true);
    assert.equal(after, text.replace('  V3CipherSuites TLS_RSA_WITH_RC4_128_SHA\n', ''));
    assert.deepEqual([before, remaining], [1, 0]);
  });
});
