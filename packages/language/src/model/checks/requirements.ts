// Built-in check of what each statement must contain: required parameters, one of a group of
// alternatives, a rule's conditions, and the environment action of a rule whose group is enabled.
import type { StatementSpec } from '../../catalogue/index.js';
import type { BuiltinCheck, Finding } from '../check.js';
import type { PolicyModel, StatementInfo } from '../model.js';

export const requirementsCheck: BuiltinCheck = {
  name: 'requirements',
  codes: ['missing-required'],
  run(model: PolicyModel): Finding[] {
    const out: Finding[] = [];
    for (const s of model.statements) {
      const spec = s.spec;
      if (spec && spec.shape === 'block' && s.node.kind === 'statement') required(model, s, spec, out);
    }
    return out;
  },
};

/** The required parameters of each statement kind, listed once: every statement of the kind asks. */
const REQUIRED = new Map<StatementSpec, readonly string[]>();

function requiredOf(spec: StatementSpec): readonly string[] {
  let names = REQUIRED.get(spec);
  if (!names) REQUIRED.set(spec, (names = spec.parameters.filter((p) => p.required).map((p) => p.name)));
  return names;
}

function has(s: StatementInfo, name: string): boolean {
  return s.param(name) !== undefined || (s.children.length > 0 && s.childrenOfKind(name).length > 0);
}

function required(model: PolicyModel, s: StatementInfo, spec: StatementSpec, out: Finding[]): void {
  const missing = (messageId: string, what: string, data: Record<string, string | readonly string[]> = {}): void => {
    out.push({ uri: s.doc.uri, code: 'missing-required', messageId, data: { statement: spec.name, label: s.label, missing: what, ...data }, span: s.anchor });
  };
  for (const name of requiredOf(spec)) {
    if (!has(s, name)) missing('parameter', name);
  }
  for (const group of spec.requiredOneOf ?? []) {
    if (group.some((k) => has(s, k))) continue;
    if (spec.name === 'TTLSRule') missing('condition', group.join('|'));
    else missing(group.length > 1 ? 'oneOf' : 'one', group.join('|'), { options: [...group] });
  }
  if (spec.name === 'TTLSRule') {
    const group = model.referenced(s, 'TTLSGroupActionRef');
    if (group && group.value('TTLSEnabled')?.toLowerCase() === 'on' && !has(s, 'TTLSEnvironmentActionRef')) {
      missing('environment', 'TTLSEnvironmentActionRef', { group: group.label });
    }
  }
}
