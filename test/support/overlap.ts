// Policies whose rules partly overlap each other: the shape that makes the shadow analysis, diff
// and properties cut sets that grow with every rule (see POLICY_WORK_LIMIT). Used by the work-bound
// tests and the fuzzer.

/** The actions the generated rules use: gOn (secured), gOff (in the clear) and eS. */
export const OVERLAP_ACTIONS =
  'TTLSGroupAction gOn\n{\n  TTLSEnabled On\n}\nTTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\nTTLSEnvironmentAction eS\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring R\n  }\n}';

/**
 * Rules by port (odd) and by job name (even), all inbound, in falling Priority: each takes part of
 * the connections of every rule of the other kind behind it. `group` gives each rule's group
 * action (by default a third of them not secured).
 */
export function portAndJobRules(rules: number, group = (i: number): string => (i % 3 ? 'gOn' : 'gOff')): string {
  const out = [OVERLAP_ACTIONS];
  for (let i = 0; i < rules; i++) {
    const cond = i % 2 ? `LocalPortRange ${1000 + i}` : `Jobname J${String(i).padStart(5, '0')}`;
    out.push(`TTLSRule r${i}\n{\n  ${cond}\n  Direction Inbound\n  Priority ${rules * 2 - i}\n  TTLSGroupActionRef ${group(i)}\n  TTLSEnvironmentActionRef eS\n}`);
  }
  return out.join('\n') + '\n';
}
