// The actions a rule ends up with: its group, environment and connection actions, and the
// parameter blocks each of them uses, written inline or referenced. Part of the semantic core:
// every answer about a rule's settings starts here.
import type { PolicyModel, StatementInfo } from '@attls/language';

/**
 * The blocks of a rule, resolved. Field names follow the level a block belongs to; a block that
 * is not coded (or names a statement that does not exist) is absent.
 */
export interface RuleActions {
  readonly kind: 'actions';
  readonly group?: StatementInfo;
  readonly groupAdvanced?: StatementInfo;
  readonly environment?: StatementInfo;
  readonly keyring?: StatementInfo;
  readonly environmentAdvanced?: StatementInfo;
  readonly environmentCipher?: StatementInfo;
  readonly environmentSignature?: StatementInfo;
  readonly gsk?: StatementInfo;
  readonly ldap?: StatementInfo;
  readonly ocsp?: StatementInfo;
  readonly httpCdp?: StatementInfo;
  readonly connection?: StatementInfo;
  readonly connectionAdvanced?: StatementInfo;
  readonly connectionCipher?: StatementInfo;
  readonly connectionSignature?: StatementInfo;
  /** TTLSEnabled of the group action: true On, false Off, undefined when missing or unreadable. */
  readonly enabled: boolean | undefined;
}

/** A block field of RuleActions. */
export type Block = Exclude<keyof RuleActions, 'kind' | 'enabled'>;

/** Which of group, environment or connection level a block belongs to. */
export const LEVEL_OF: Readonly<Record<Block, 'group' | 'environment' | 'connection'>> = {
  group: 'group',
  groupAdvanced: 'group',
  environment: 'environment',
  keyring: 'environment',
  environmentAdvanced: 'environment',
  environmentCipher: 'environment',
  environmentSignature: 'environment',
  gsk: 'environment',
  ldap: 'environment',
  ocsp: 'environment',
  httpCdp: 'environment',
  connection: 'connection',
  connectionAdvanced: 'connection',
  connectionCipher: 'connection',
  connectionSignature: 'connection',
};

/** Every block field, in the order of LEVEL_OF. */
const BLOCKS = Object.keys(LEVEL_OF) as Block[];

/**
 * Actions already resolved, by model, then group, environment and connection action (a missing
 * action is the key `NONE`): many rules share their actions, and the model never changes.
 */
const byModel = new WeakMap<PolicyModel, Map<object, Map<object, Map<object, RuleActions>>>>();
const NONE = {};

/** TTLSEnabled of a group action: true On, false Off, undefined unknown. */
export function groupEnabled(group: StatementInfo | undefined): boolean | undefined {
  const t = group?.value('TTLSEnabled')?.toLowerCase();
  return t === 'on' ? true : t === 'off' ? false : undefined;
}

/**
 * The blocks of a combination of actions. Many rules share their actions, so one object serves
 * every rule with the same group, environment and connection action.
 */
export function resolveActions(model: PolicyModel, parts: { group?: StatementInfo; environment?: StatementInfo; connection?: StatementInfo }): RuleActions {
  let byGroup = byModel.get(model);
  if (!byGroup) byModel.set(model, (byGroup = new Map()));
  let byEnvironment = byGroup.get(parts.group ?? NONE);
  if (!byEnvironment) byGroup.set(parts.group ?? NONE, (byEnvironment = new Map()));
  let byConnection = byEnvironment.get(parts.environment ?? NONE);
  if (!byConnection) byEnvironment.set(parts.environment ?? NONE, (byConnection = new Map()));
  let a = byConnection.get(parts.connection ?? NONE);
  if (!a) {
    const { group: g, environment: e, connection: c } = parts;
    const gsk = e ? model.block(e, 'TTLSGskAdvancedParms') : undefined;
    a = {
      kind: 'actions',
      group: g,
      groupAdvanced: g ? model.block(g, 'TTLSGroupAdvancedParms') : undefined,
      environment: e,
      keyring: e ? model.block(e, 'TTLSKeyringParms') : undefined,
      environmentAdvanced: e ? model.block(e, 'TTLSEnvironmentAdvancedParms') : undefined,
      environmentCipher: e ? model.block(e, 'TTLSCipherParms') : undefined,
      environmentSignature: e ? model.block(e, 'TTLSSignatureParms') : undefined,
      gsk,
      ldap: gsk ? model.block(gsk, 'TTLSGskLdapParms') : undefined,
      ocsp: gsk ? model.block(gsk, 'TTLSGskOcspParms') : undefined,
      httpCdp: gsk ? model.block(gsk, 'TTLSGskHttpCdpParms') : undefined,
      connection: c,
      connectionAdvanced: c ? model.block(c, 'TTLSConnectionAdvancedParms') : undefined,
      connectionCipher: c ? model.block(c, 'TTLSCipherParms') : undefined,
      connectionSignature: c ? model.block(c, 'TTLSSignatureParms') : undefined,
      enabled: groupEnabled(g),
    };
    byConnection.set(parts.connection ?? NONE, a);
  }
  return a;
}

/** The actions a TTLSRule statement refers to, with their blocks. */
export function actionsOfRule(model: PolicyModel, rule: StatementInfo): RuleActions {
  return resolveActions(model, {
    group: model.referenced(rule, 'TTLSGroupActionRef'),
    environment: model.referenced(rule, 'TTLSEnvironmentActionRef'),
    connection: model.referenced(rule, 'TTLSConnectionActionRef'),
  });
}

/** Every block of a combination of actions that is coded, with its field. */
export function blocksOf(a: RuleActions): { block: Block; statement: StatementInfo }[] {
  const out: { block: Block; statement: StatementInfo }[] = [];
  for (const block of BLOCKS) {
    const s = a[block];
    if (s) out.push({ block, statement: s });
  }
  return out;
}

const users = new WeakMap<PolicyModel, Map<StatementInfo, StatementInfo[]>>();

/** Rules (statements in effect) that use an action or parameter block, directly or through an action. */
export function rulesUsing(model: PolicyModel, statement: StatementInfo): readonly StatementInfo[] {
  let index = users.get(model);
  if (!index) {
    index = new Map();
    for (const rule of model.rules()) {
      const a = actionsOfRule(model, rule);
      for (const block of BLOCKS) {
        const s = a[block];
        if (!s) continue;
        const list = index.get(s);
        if (list) list.push(rule);
        else index.set(s, [rule]);
      }
    }
    users.set(model, index);
  }
  return index.get(statement) ?? [];
}
