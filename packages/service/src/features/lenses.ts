// Code lenses on rules (evaluation order, priority, what shadows or overlaps them) and inlay hints
// for the values a block gets from defaults on the target release. Which value a rule gets, and
// from where, is the semantic core's answer (effectiveSetting); the catalogue only says which
// parameters are worth a hint.
import { actionsOfRule, DEFAULT_PRIORITY, defaultSetting, effectiveSetting, rulesUsing, settingText, type Setting, blockLabel } from '@attls/evaluate';
import { catalogue, type ParameterSpec, type StatementInfo, type StatementSpec, spanOf } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { toRange } from '../lsp.js';
import type { PolicySnapshot } from '../workspace.js';

/** Command id of lenses; clients that do not know it show the title only. */
export const SHOW_RULE_COMMAND = 'attls.showRule';

export function getCodeLenses(snap: PolicySnapshot): lsp.CodeLens[] {
  const evaluation = snap.evaluation();
  const out: lsp.CodeLens[] = [];
  for (const s of snap.model.statements) {
    if (s.doc.uri !== snap.uri || s.kind !== 'TTLSRule' || s.parent || !s.nameWord) continue;
    const range = toRange(snap.document, spanOf(s.keyword));
    const entry = evaluation?.of(s);
    const args = [snap.uri, s.name];
    if (!entry) {
      const p = s.value('Priority');
      out.push({ range, command: { title: p !== undefined ? `priority ${p}` : `priority ${DEFAULT_PRIORITY} (not coded)`, command: SHOW_RULE_COMMAND, arguments: args } });
      continue;
    }
    const notCoded = entry.priorityCoded === false || (entry.priorityCoded === undefined && entry.priority === undefined);
    const priority = entry.priority !== undefined ? `priority ${entry.priority}${notCoded ? ' (not coded)' : ''}` : 'no priority';
    out.push({ range, command: { title: `#${entry.position} in order, ${priority}`, command: SHOW_RULE_COMMAND, arguments: args } });
    if (entry.shadowedBy.length > 0) {
      out.push({ range, command: { title: `shadowed by ${entry.shadowedBy.map((r) => r.name).join(', ')}`, command: SHOW_RULE_COMMAND, arguments: [snap.uri, entry.shadowedBy[0]!.name] } });
    } else if (entry.overlaps.length > 0) {
      out.push({ range, command: { title: `overlaps ${entry.overlaps.map((r) => r.name).join(', ')}`, command: SHOW_RULE_COMMAND, arguments: [snap.uri, entry.overlaps[0]!.name] } });
    }
  }
  return out;
}

/** Parameters whose defaults are worth showing: protocol switches and anything that changes by release. */
function worthShowing(p: ParameterSpec): boolean {
  return (p.defaults?.length ?? 0) > 0 && (/^(SSLv|TLSv)/.test(p.name) || (p.defaults?.length ?? 0) > 1);
}

const ADVANCED = 'TTLSEnvironmentAdvancedParms';

/** Rules named in a hint's tooltip as getting a value from elsewhere. */
const MAX_EXCEPTIONS = 5;

export function getInlayHints(snap: PolicySnapshot, range?: lsp.Range): lsp.InlayHint[] {
  const doc = snap.document;
  const from = range ? doc.lineIndex.offsetAt(range.start) : 0;
  const to = range ? doc.lineIndex.offsetAt(range.end) : doc.text.length;
  const model = snap.model;
  const release = snap.release;
  const out: lsp.InlayHint[] = [];
  const certainty = (d: Setting): string =>
    d.source.kind !== 'default' || d.source.certainty === 'confirmed' ? '' : d.source.certainty === 'usage' ? ' (seen in use, not in IBM reference)' : ' (recalled, not confirmed)';
  const hint = (s: StatementInfo, spec: StatementSpec, missing: (p: ParameterSpec) => boolean): void => {
    const parts: string[] = [];
    const tips: string[] = [];
    // The rules that get their values through this block; each is asked what it gets.
    const rules = rulesUsing(model, s);
    for (const p of spec.parameters) {
      if (!worthShowing(p) || !missing(p)) continue;
      if (rules.length === 0) {
        const d = defaultSetting(model, p.name, release);
        if (!d || d.source.kind !== 'default') continue;
        parts.push(`${p.name} ${settingText(d)}`);
        tips.push(`- \`${p.name} ${settingText(d)}\`${certainty(d)}${d.source.note ? ` — ${d.source.note}` : ''}`);
        continue;
      }
      let byDefault: Setting | undefined;
      const elsewhere: string[] = [];
      for (const rule of rules) {
        const got = effectiveSetting(model, actionsOfRule(model, rule), p.name, release);
        if (!got) continue;
        if (got.source.kind === 'default') byDefault ??= got;
        else elsewhere.push(`  - not for ${rule.label}: it gets \`${settingText(got)}\` from ${blockLabel(got.source.statement)}`);
      }
      if (!byDefault) continue;
      parts.push(`${p.name} ${settingText(byDefault)}`);
      const note = byDefault.source.kind === 'default' && byDefault.source.note ? ` — ${byDefault.source.note}` : '';
      // A block shared by hundreds of rules would make a tooltip nobody reads: name a few.
      const shown = elsewhere.length > MAX_EXCEPTIONS ? [...elsewhere.slice(0, MAX_EXCEPTIONS), `  - and ${elsewhere.length - MAX_EXCEPTIONS} more rules`] : elsewhere;
      tips.push(`- \`${p.name} ${settingText(byDefault)}\`${certainty(byDefault)}${note}`, ...shown);
    }
    if (parts.length === 0) return;
    const header = s.node.kind === 'statement' ? (s.node.extra[s.node.extra.length - 1] ?? s.node.name ?? s.keyword) : s.keyword;
    out.push({
      position: doc.lineIndex.positionAt(header.end) as lsp.Position,
      label: `default: ${parts.join(', ')}`,
      kind: 1,
      paddingLeft: true,
      tooltip: { kind: 'markdown', value: `Values that apply because they are not coded (z/OS ${release}):\n\n${tips.join('\n')}` },
    });
  };
  for (const s of model.statements) {
    if (s.doc.uri !== snap.uri || !s.spec || s.spec.shape !== 'block') continue;
    if (s.node.end < from || s.node.start > to) continue;
    if (s.spec.name === 'TTLSEnvironmentAction') {
      // Without advanced parms at all, the environment gets every default of that block.
      if (!model.block(s, ADVANCED) && !s.param(`${ADVANCED}Ref`)) hint(s, catalogue.statement(ADVANCED)!, () => true);
      continue;
    }
    hint(s, s.spec, (p) => s.paramsNamed(p.name).length === 0);
  }
  return out;
}
