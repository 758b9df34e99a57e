// Hover: catalogue facts for keywords (values, release default, places, certainty), meanings of
// enum values, the referenced block for reference names, the evaluation order for rule names.
import assert from 'node:assert/strict';
import { getHover, ruleEvaluation, Workspace, type Evaluator } from '@attls/service';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { at, markers, positionAt, rangeText, URI } from '../support/markers.js';

const POLICY = `TTLSRule Rule1
{
  Direction Inbound
  Priority 10
  LocalPortRange 992
  TTLSGroupActionRef gAct
  TTLSEnvironmentActionRef eAct
}
TTLSGroupAction gAct
{
  TTLSEnabled On
}
TTLSEnvironmentAction eAct
{
  HandshakeRole ServerWithClientAuth
  TTLSKeyringParmsRef keys
  TTLSEnvironmentAdvancedParms
  {
    TLSv1 Off
    ClientAuthType SAFCheck
  }
}
TTLSKeyringParms keys
{
  Keyring TCPIP/Ring
}
`;

function hoverAt(source: string, settings = {}): { hover: Hover | null; text: string; value: string } {
  const { snap, pos, m } = at(source, settings);
  const hover = getHover(snap, pos);
  return { hover, text: m.text, value: ((hover?.contents as MarkupContent | undefined)?.value) ?? '' };
}

/** Puts a cursor marker before the n-th occurrence of `needle` (plus `delta` characters). */
function cursor(text: string, needle: string, delta = 1, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return text.slice(0, i + delta) + '<|>' + text.slice(i + delta);
}

describe('hover', () => {
  it('explains a statement keyword: what it is and where it may stand', () => {
    const { value, hover, text } = hoverAt(cursor(POLICY, 'TTLSGroupAction gAct'));
    assert.match(value, /\*\*TTLSGroupAction\*\*/);
    assert.match(value, /Where/);
    assert.match(value, /referenced by `TTLSGroupActionRef`/);
    assert.equal(rangeText(text, hover!.range!), 'TTLSGroupAction');
  });

  it('explains a parameter: values with meanings, default for the target release, where it is valid', () => {
    const { value } = hoverAt(cursor(POLICY, 'ClientAuthType'));
    assert.match(value, /\*\*ClientAuthType\*\* — parameter of TTLSEnvironmentAdvancedParms/);
    assert.match(value, /`PassThru` — /);
    assert.match(value, /`SAFCheck` — /);
    assert.match(value, /\*\*Default\*\*: Required/);
    assert.match(value, /\*\*Valid in\*\*: `TTLSEnvironmentAdvancedParms`/);
  });

  it('shows a release-dependent default with the target release and how certain it is', () => {
    const on31 = hoverAt(cursor(POLICY, 'TLSv1 Off', 2), { targetRelease: '3.1' }).value;
    assert.match(on31, /\*\*Default\*\*: On up to z\/OS 3\.1, Off from 3\.2 \(seen in use, not in IBM reference\) — target 3\.1: \*\*On\*\*/);
    const on32 = hoverAt(cursor(POLICY, 'TLSv1 Off', 2), { targetRelease: '3.2' }).value;
    assert.match(on32, /target 3\.2: \*\*Off\*\*/);
  });

  it('marks facts that are recalled, not confirmed', () => {
    const { value } = hoverAt('TTLSGroupAction g\n{\n  TTLSEnabled On\n  Group<|>UserInstance 1\n}\n');
    assert.match(value, /recalled — not confirmed from IBM documentation/);
  });

  it('says what an enum value means', () => {
    const { value } = hoverAt(cursor(POLICY, 'SAFCheck', 2));
    assert.match(value, /\*\*ClientAuthType SAFCheck\*\*/);
    assert.match(value, /associated with a user ID/);
    assert.match(value, /Other values:/);
  });

  it('shows the referenced block for a reference name', () => {
    const { value } = hoverAt(cursor(POLICY, 'TTLSKeyringParmsRef keys', 'TTLSKeyringParmsRef '.length + 1));
    assert.match(value, /\*\*TTLSKeyringParms keys\*\* \(line 23\)/);
    assert.match(value, /```attls\nTTLSKeyringParms keys\n\{\n {2}Keyring TCPIP\/Ring\n\}\n```/);
  });

  it('says when a reference names nothing', () => {
    const { value } = hoverAt('TTLSRule r\n{\n  TTLSGroupActionRef mis<|>sing\n}\n');
    assert.match(value, /TTLSGroupAction 'missing'\*\* is not defined/);
  });

  it('shows a rule priority without an evaluator, and its order and shadows with one', () => {
    assert.match(hoverAt(cursor(POLICY, 'Rule1', 2)).value, /Priority 10\./);
    const m = markers('TTLSRule A\n{\n  Priority 5\n  Direction Inbound\n}\nTTLSRule B<|>\n{\n  Priority 1\n  Direction Inbound\n}\n');
    const evaluator: Evaluator = (model) => {
      const [a, b] = model.rules();
      return ruleEvaluation([
        { rule: a!, position: 1, priority: 5, shadowedBy: [], overlaps: [] },
        { rule: b!, position: 2, priority: 1, shadowedBy: [a!], overlaps: [] },
      ]);
    };
    const ws = new Workspace({ evaluator });
    ws.setDocument(URI, m.text, 1);
    const snap = ws.snapshot(URI)!;
    const value = (getHover(snap, positionAt(snap, m.indices[0]!))!.contents as MarkupContent).value;
    assert.match(value, /\*\*#2\*\* of 2 in evaluation order, priority 1/);
    assert.match(value, /Shadowed by `A`/);
  });

  it('points out a misplaced parameter and where it belongs', () => {
    const { value } = hoverAt('TTLSEnvironmentAction e\n{\n  Client<|>AuthType Full\n}\n');
    assert.match(value, /is not a parameter of TTLSEnvironmentAction; it belongs in `TTLSEnvironmentAdvancedParms`/);
  });

  it('answers on a broken file (unclosed block) and nothing on blanks', () => {
    assert.match(hoverAt('TTLSEnvironmentAdvancedParms p\n{\n  TLSv1.<|>2 On\n').value, /\*\*TLSv1\.2\*\*/);
    assert.equal(hoverAt('TTLSRule r\n{\n <|>  \n}\n').hover, null);
    assert.equal(hoverAt('<|>').hover, null);
  });
});
