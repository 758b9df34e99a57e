// Document and workspace symbols, folding and selection ranges, semantic tokens, code lenses and
// inlay hints. Trees are compared as compact strings.
import assert from 'node:assert/strict';
import {
  getCodeLenses,
  getDocumentSymbols,
  getFoldingRanges,
  getInlayHints,
  getSelectionRanges,
  getSemanticTokens,
  getWorkspaceSymbols,
  ruleEvaluation,
  SEMANTIC_TOKENS_LEGEND,
  Workspace,
  type Evaluator,
} from '@attls/service';
import type { DocumentSymbol, SelectionRange } from 'vscode-languageserver-types';
import { markers, positionAt, rangeText, snapshotOf, URI } from '../support/markers.js';

const POLICY = `# Rules
# of SYSA
TTLSRule Low
{
  Priority 1
  Direction Inbound
  TTLSGroupActionRef g
}
TTLSRule High
{
  Priority 9
  Direction Inbound
  TTLSGroupActionRef g
}
TTLSGroupAction g
{
  TTLSEnabled Off
}
TTLSEnvironmentAdvancedParms adv
{
  TLSv1.2 On
}
`;

function tree(symbols: readonly DocumentSymbol[] | undefined): string {
  return (symbols ?? []).map((s) => (s.children ? `${s.name}(${tree(s.children)})` : s.name)).join(',');
}

/** An evaluator that orders rules by Priority only (enough to test the seam). */
const byPriority: Evaluator = (model) => {
  const rules = [...model.rules()].sort((a, b) => Number(b.value('Priority') ?? -1) - Number(a.value('Priority') ?? -1));
  return ruleEvaluation(
    rules.map((rule, i) => ({
      rule,
      position: i + 1,
      priority: rule.value('Priority') !== undefined ? Number(rule.value('Priority')) : undefined,
      shadowedBy: i > 0 ? [rules[0]!] : [],
      overlaps: [],
    })),
  );
};

describe('outline and structure', () => {
  it('outlines statements with their parameters, rules with their priority', () => {
    const syms = getDocumentSymbols(snapshotOf(POLICY));
    assert.equal(tree(syms), 'Low(Priority,Direction,TTLSGroupActionRef),High(Priority,Direction,TTLSGroupActionRef),g(TTLSEnabled),adv(TLSv1.2)');
    assert.equal(syms[0]!.detail, 'priority 1');
    assert.equal(syms[2]!.detail, 'TTLSGroupAction');
  });

  it('groups the TcpImage lines of a main configuration file by stack, with the TTLSConfig each reads', () => {
    const main = `# Policy Agent main configuration
LogLevel 31
CommonTTLSConfig /etc/pagent/common.ttls
TcpImage TCPIPA /etc/pagent/tcpipa.image FLUSH
TcpImage TCPIPB //'SYS1.TCPPARMS(IMAGEB)'
TcpImage TCPIPC
TTLSConfig /etc/pagent/tcpipc.ttls
`;
    const outline = (syms: readonly DocumentSymbol[]): string => syms.map((s) => `${s.name} [${s.detail}]${s.children ? `(${outline(s.children)})` : ''}`).join(', ');
    const syms = getDocumentSymbols(snapshotOf(main));
    assert.equal(
      outline(syms),
      'LogLevel [31], CommonTTLSConfig [/etc/pagent/common.ttls], ' +
        'TCPIPA [TCP/IP stack, image /etc/pagent/tcpipa.image](TcpImage [TCPIPA /etc/pagent/tcpipa.image FLUSH]), ' +
        "TCPIPB [TCP/IP stack, image //'SYS1.TCPPARMS(IMAGEB)'](TcpImage [TCPIPB //'SYS1.TCPPARMS(IMAGEB)']), " +
        // No image file named: the main file is TCPIPC's image file, so its TTLSConfig is TCPIPC's.
        'TCPIPC [TCP/IP stack, image file: this file](TcpImage [TCPIPC], TTLSConfig [/etc/pagent/tcpipc.ttls])',
    );
    // The stack's entry spans its lines and is selected on its name.
    const c = syms.find((s) => s.name === 'TCPIPC')!;
    assert.deepEqual([c.range.start.line, c.range.end.line, c.selectionRange.start.line, c.selectionRange.start.character], [5, 6, 5, 9]);
    // An image file, or a main file without TcpImage, lists its lines as they stand.
    assert.equal(outline(getDocumentSymbols(snapshotOf('TTLSConfig /etc/pagent/a.ttls FLUSH\n'))), 'TTLSConfig [/etc/pagent/a.ttls FLUSH]');
  });

  it('lists rules in evaluation order when the evaluator is there', () => {
    const ws = new Workspace({ evaluator: byPriority });
    ws.setDocument(URI, POLICY, 1);
    const syms = getDocumentSymbols(ws.snapshot(URI)!);
    assert.deepEqual(syms.map((s) => `${s.name} ${s.detail}`).slice(0, 2), ['High #1 · priority 9', 'Low #2 · priority 1']);
  });

  it('finds named statements across the workspace by a fuzzy query', () => {
    const ws = new Workspace();
    ws.setDocument('file:///a.ttls', POLICY, 1);
    ws.setDocument('file:///b.ttls', 'TTLSGroupAction gHigh\n{\n  TTLSEnabled On\n}\n', 1);
    assert.deepEqual(getWorkspaceSymbols(ws, 'hgh').map((s) => `${s.name}@${s.location.uri}`), ['High@file:///a.ttls', 'gHigh@file:///b.ttls']);
    assert.equal(getWorkspaceSymbols(ws, '').length, 5);
  });

  it('folds blocks (keeping the closing brace visible) and runs of comment lines', () => {
    const folds = getFoldingRanges(snapshotOf(POLICY)).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ':' + f.kind : ''}`);
    assert.deepEqual(folds, ['0-1:comment', '2-6', '8-12', '14-16', '18-20']);
    assert.deepEqual(getFoldingRanges(snapshotOf('TTLSRule r\n{\n  Direction Inbound\n')).map((f) => `${f.startLine}-${f.endLine}`), ['0-2']);
  });

  it('folds #region ... #endregion sections, nested, and not an ordinary comment that says region', () => {
    const text = [
      '#region Inbound rules', // 0
      '# region call a partner in the west region', // 1: an ordinary comment
      'TTLSRule In', // 2
      '{', // 3
      '  Direction Inbound', // 4
      '  #region conditions', // 5
      '  LocalPortRange 992', // 6
      '  #endregion', // 7
      '  TTLSGroupActionRef g', // 8
      '}', // 9
      '#regional settings follow', // 10: no marker either
      '#endregion Inbound rules', // 11
      '#endregion', // 12: no start left, no fold
      'TTLSGroupAction g', // 13
      '{', // 14
      '  TTLSEnabled On', // 15
      '}', // 16
    ].join('\n');
    const folds = getFoldingRanges(snapshotOf(`${text}\n`)).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ':' + f.kind : ''}`);
    assert.deepEqual(folds, ['0-11:region', '2-8', '5-7:region', '13-15']);
    // Without markers the same comments make an ordinary run of comment lines.
    const plain = getFoldingRanges(snapshotOf('# region call a\n# partner\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\n')).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ':' + f.kind : ''}`);
    assert.deepEqual(plain, ['0-1:comment', '2-4']);
  });

  it('grows a selection from a word to its line, its block and the file', () => {
    const m = markers('TTLSEnvironmentAction e\n{\n  TTLSKeyringParms\n  {\n    Keyring TC<|>PIP/R\n  }\n}\n');
    const snap = snapshotOf(m.text);
    const [sel] = getSelectionRanges(snap, [positionAt(snap, m.indices[0]!)]);
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) chain.push(rangeText(m.text, s.range).replace(/\n/g, '⏎'));
    assert.deepEqual(chain.slice(0, 3), ['TCPIP/R', 'Keyring TCPIP/R', '⏎    Keyring TCPIP/R⏎  ']);
    assert.equal(chain[chain.length - 1], m.text.replace(/\n/g, '⏎'));
  });

  it('colours keywords, names, references, enum values and comments, and leaves unknown keywords alone', () => {
    const text = '# c\nTTLSRule r\n{\n  Priority 5\n  TTLSGroupActionRef g\n  Bogus x\n}\nTTLSGroupAction g\n{\n  TTLSEnabled On\n}\n';
    const data = getSemanticTokens(snapshotOf(text)).data;
    const names = SEMANTIC_TOKENS_LEGEND.tokenTypes;
    const out: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i]! === 0 ? ch + data[i + 1]! : data[i + 1]!;
      const lineText = text.split('\n')[line]!;
      out.push(`${lineText.slice(ch, ch + data[i + 2]!)}:${names[data[i + 3]!]}${data[i + 4] ? '+decl' : ''}`);
    }
    assert.deepEqual(out, [
      '# c:comment',
      'TTLSRule:keyword',
      'r:class+decl',
      'Priority:property',
      '5:number',
      'TTLSGroupActionRef:property',
      'g:class',
      'TTLSGroupAction:keyword',
      'g:class+decl',
      'TTLSEnabled:property',
      'On:enumMember',
    ]);
  });

  it('puts a code lens on each rule: order and priority, and what shadows it', () => {
    const plain = getCodeLenses(snapshotOf(POLICY)).map((l) => `${l.range.start.line}:${l.command!.title}`);
    assert.deepEqual(plain, ['2:priority 1', '8:priority 9']);
    const ws = new Workspace({ evaluator: byPriority });
    ws.setDocument(URI, POLICY, 1);
    const lenses = getCodeLenses(ws.snapshot(URI)!).map((l) => `${l.range.start.line}:${l.command!.title}`);
    assert.deepEqual(lenses, ['2:#2 in order, priority 1', '2:shadowed by High', '8:#1 in order, priority 9']);
  });

  it('shows the defaults a block gets from the target release as inlay hints', () => {
    const hints = getInlayHints(snapshotOf(POLICY, { targetRelease: '3.1' }));
    const adv = hints.find((h) => h.position.line === 18)!;
    assert.equal(adv.position.character, 'TTLSEnvironmentAdvancedParms adv'.length);
    assert.match(String(adv.label), /^default: .*TLSv1 On, TLSv1\.1 On, TLSv1\.3 Off/);
    assert.doesNotMatch(String(adv.label), /TLSv1\.2/, 'coded values get no hint');
    const on32 = getInlayHints(snapshotOf(POLICY, { targetRelease: '3.2' })).find((h) => h.position.line === 18)!;
    assert.match(String(on32.label), /TLSv1 Off, TLSv1\.1 Off/);
    const env = getInlayHints(snapshotOf('TTLSEnvironmentAction e\n{\n  HandshakeRole Client\n}\n'));
    assert.match(String(env[0]!.label), /TLSv1\.2 Off/);
  });
});
