// What an edit costs the language service: only the edited file is parsed again, requests that
// read the model (hover, completion, definition) never run the lint rules, and lint runs once per
// combination of document versions of a policy set, not once per request or per open document.
import assert from 'node:assert/strict';
import { getCompletions, getDefinition, getDiagnostics, getHover, Workspace } from '@attls/service';
import { RULES, type Rule } from '@attls/lint';

const MAIN = 'file:///ws/pagent.conf';
const COMMON = 'file:///ws/common.ttls';
const STACK = 'file:///ws/tcpip.ttls';
const OTHER = 'file:///ws/other.ttls';
const main = 'CommonTTLSConfig /etc/pagent/common.ttls\nTTLSConfig /etc/pagent/tcpip.ttls FLUSH\n';
const common = 'TTLSGroupAction gShared\n{\n  TTLSEnabled On\n}\n';
const stack = 'TTLSRule r\n{\n  Direction Inbound\n  TTLSGroupActionRef gShared\n}\n';
const other = 'TTLSRule lone\n{\n  LocalPortRange 21\n}\n';

/** Every registry rule, each counting how often lint ran over a model. */
function counted(): { rules: Rule[]; runs: () => number } {
  let runs = 0;
  const first = RULES[0]!;
  const rules = RULES.map((r) =>
    r === first
      ? {
          meta: r.meta,
          check(context: Parameters<Rule['check']>[0]): void {
            runs++;
            r.check(context);
          },
        }
      : r,
  );
  return { rules, runs: () => runs };
}

function workspace(lintRules: readonly Rule[] = RULES): Workspace {
  const ws = new Workspace({ lintRules });
  ws.setDocument(MAIN, main, 1);
  ws.setDocument(COMMON, common, 1);
  ws.setDocument(STACK, stack, 1);
  ws.setDocument(OTHER, other, 1);
  return ws;
}

describe('language service: work in proportion to the edit', () => {
  it('an edit parses only the edited file again; the other files of the set keep their parse', () => {
    const ws = workspace();
    const before = { common: ws.document(COMMON)!.parse, stack: ws.document(STACK)!.parse, main: ws.document(MAIN)!.parse };
    getDiagnostics(ws.snapshot(STACK)!);
    ws.setDocument(STACK, stack.replace('Inbound', 'Outbound'), 2);
    getDiagnostics(ws.snapshot(STACK)!);
    getDiagnostics(ws.snapshot(COMMON)!);
    assert.strictEqual(ws.document(COMMON)!.parse, before.common);
    assert.strictEqual(ws.document(MAIN)!.parse, before.main);
    assert.notStrictEqual(ws.document(STACK)!.parse, before.stack);
    assert.match(ws.document(STACK)!.text, /Outbound/);
  });

  it('hover, completion and definition after an edit build the model but run no lint rule', () => {
    const { rules, runs } = counted();
    const ws = workspace(rules);
    ws.setDocument(STACK, stack.replace('Inbound', 'Both'), 2);
    const snap = ws.snapshot(STACK)!;
    assert.ok(getHover(snap, { line: 2, character: 4 }));
    assert.ok(getCompletions(snap, { line: 2, character: 0 }).items.length > 0);
    assert.equal(getDefinition(snap, { line: 3, character: 24 })![0]!.uri, COMMON);
    assert.equal(runs(), 0);
    getDiagnostics(snap);
    assert.equal(runs(), 1);
  });

  it('lint runs once per version of a policy set, whichever of its files asks', () => {
    const { rules, runs } = counted();
    const ws = workspace(rules);
    getDiagnostics(ws.snapshot(STACK)!);
    getDiagnostics(ws.snapshot(COMMON)!);
    getDiagnostics(ws.snapshot(STACK)!);
    assert.equal(runs(), 1, 'common and stack share one analysis');
    // An edit elsewhere (a file in no set with these two) leaves their analysis in place.
    ws.setDocument(OTHER, other.replace('21', '990'), 2);
    getDiagnostics(ws.snapshot(OTHER)!);
    assert.equal(runs(), 2, 'the edited file is linted');
    getDiagnostics(ws.snapshot(STACK)!);
    assert.equal(runs(), 2, 'the set the edit did not touch is not linted again');
    ws.setDocument(COMMON, common.replace('On', 'Off'), 2);
    getDiagnostics(ws.snapshot(STACK)!);
    assert.equal(runs(), 3, 'an edit to one of its files lints the set again');
  });
});
