// explainLog: AT-TLS log lines -> one explanation per connection (or environment, or lone job-log
// line): what failed, the rule and actions it used and where they are in the policy, what the
// return code means and what to check there.
import type { Certainty, PolicyModel } from '@attls/language';
import { FOCUS_DESCRIPTIONS, type PolicyFocus } from './codes.js';
import { explainCode, uncertainty } from './explain-code.js';
import { parseLog, type ActionNames, type Endpoint, type LogMessage } from './log.js';
import { actionPlaces, at, environmentActions, focusChecks, policyErrors, resolve, type Context, type PolicyPlace, type Resolved } from './policy.js';

/** What a group of messages is about. */
export type GroupScope =
  /** Messages with the same CONNID. */
  | 'connection'
  /** No connection, but an environment (GRPID and ENVID): environment set-up errors such as 202. */
  | 'environment'
  /** Only a group (GRPID). */
  | 'group'
  /** A message with no ids, such as a short EZD1287I job-log line: explained on its own. */
  | 'message';

export interface LogEntry {
  readonly id: string;
  /** 1-based lines of the log the message covers. */
  readonly line: number;
  readonly endLine: number;
  readonly rc?: number;
  readonly event?: string;
  readonly text: string;
}

/** Another group of the same log that bears on this one. */
export interface RelatedGroup {
  readonly scope: GroupScope;
  readonly connection?: string;
  readonly environment?: string;
  readonly group?: string;
  readonly rc?: number;
  readonly event?: string;
  /** First log line of that group's error. */
  readonly line: number;
  /** Why it is related. */
  readonly why: string;
}

export interface ExplainedGroup {
  readonly scope: GroupScope;
  /** CONNID, GRPID and ENVID as logged (hexadecimal). */
  readonly connection?: string;
  readonly environment?: string;
  readonly group?: string;
  /** System or host from the syslog prefix, when known. */
  readonly host?: string;
  /** True when a message of the group reports a non-zero return code. */
  readonly failed: boolean;
  /** The return code of the error (from EZD1286I/EZD1287I first, else the first non-zero one). */
  readonly rc?: number;
  /** The event the error happened in, e.g. "Initial Handshake". */
  readonly event?: string;
  /** Every distinct non-zero return code of the group. */
  readonly rcs: readonly number[];
  readonly meaning?: string;
  readonly certainty?: Certainty;
  /** Why the meaning is uncertain, when it is. */
  readonly uncertain?: string;
  /** Which documented range the code is in, e.g. "System SSL return code". */
  readonly range?: string;
  readonly causes: readonly string[];
  /** The TTLSRule named in the log. */
  readonly rule?: string;
  /** Where the rule is in the policy (or, without one, the environment action): file and 1-based line. */
  readonly file?: string;
  readonly line?: number;
  /** Action names from the log, or from the rule in the policy when the log does not name them. */
  readonly actions: ActionNames;
  readonly jobname?: string;
  readonly userid?: string;
  readonly local?: Endpoint;
  readonly remote?: Endpoint;
  /** EZD1281I TYPE and STATUS. */
  readonly connectionType?: string;
  readonly mapStatus?: string;
  /** Places in the policy: the rule, its actions, then the parameters the return code points at. */
  readonly places: readonly PolicyPlace[];
  /** What to check, most specific first. */
  readonly checks: readonly string[];
  /** Things that do not fit: rule missing from the policy, policy changed since, and so on. */
  readonly notes: readonly string[];
  readonly related: readonly RelatedGroup[];
  readonly messages: readonly LogEntry[];
}

export interface LogExplanation {
  readonly groups: readonly ExplainedGroup[];
  /** AT-TLS messages read. */
  readonly messages: number;
  /** Non-blank lines that were not AT-TLS messages. */
  readonly skippedLines: number;
  readonly lines: number;
  /** The policy the log was compared with. */
  readonly policy?: {
    readonly files: readonly string[];
    /** Errors in the policy for which Policy Agent would reject it. */
    readonly errors: number;
    /** The TCP/IP stack whose policy this is, when it came from a pagent.conf. */
    readonly stack?: string;
  };
}

export interface ExplainLogOptions {
  /** Environment actions to show at most for a line that names no rule (default 5). */
  readonly maxCandidates?: number;
  /** The TCP/IP stack the model is the policy of, to report with it. */
  readonly stack?: string;
}

const ZERO = /^0+$/;

interface Bucket {
  readonly scope: GroupScope;
  /** System from a syslog prefix; '' until a message of the group shows one. */
  host: string;
  readonly messages: LogMessage[];
}

/**
 * Which system wrote a message, as far as the text shows: the syslog host, else the prefix without
 * times and numbers ("AT MVS3 (SERVER):" in a listing that mixes two systems). Empty when unknown.
 */
function sourceOf(m: LogMessage): string {
  if (m.host) return m.host;
  return m.prefix
    .replace(/\b\d{1,2}:\d\d:\d\d(?:[.,]\d+)?\b/g, ' ')
    .replace(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g, ' ')
    .replace(/\b\d+\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether two groups come from the same system: undefined when the log does not say. */
function sameSource(a: Bucket, b: Bucket): boolean | undefined {
  const x = sourceOf(a.messages[0]!);
  const y = sourceOf(b.messages[0]!);
  return x && y ? x === y : undefined;
}

/** The ids a message is grouped by (the system is matched separately). */
function keyOf(m: LogMessage, index: number): { key: string; scope: GroupScope } {
  if (m.connid && !ZERO.test(m.connid)) return { key: `c|${m.connid}`, scope: 'connection' };
  if (m.envid && !ZERO.test(m.envid)) return { key: `e|${m.grpid ?? ''}|${m.envid}`, scope: 'environment' };
  if (m.grpid && !ZERO.test(m.grpid)) return { key: `g|${m.grpid}`, scope: 'group' };
  return { key: `m|${index}`, scope: 'message' };
}

/** Hosts agree when equal or when either is unknown. */
const hostsAgree = (a: string, b: string): boolean => a === '' || b === '' || a === b;

/** Lines of the log a group spans. */
function spanOf(b: Bucket): [number, number] {
  return [Math.min(...b.messages.map((m) => m.line)), Math.max(...b.messages.map((m) => m.endLine))];
}

/**
 * Connections and environments are linked only when their lines are near each other: ids are
 * reused over time and across systems, and one file may hold several unrelated excerpts.
 */
const NEAR = 50;

function firstOf<K extends keyof LogMessage>(messages: readonly LogMessage[], k: K): LogMessage[K] | undefined {
  for (const m of messages) if (m[k] !== undefined) return m[k];
  return undefined;
}

/** First id of a kind that is not all zeros (zeros mean "not specific to one"). */
function firstId(messages: readonly LogMessage[], k: 'grpid' | 'envid'): string | undefined {
  for (const m of messages) {
    const v = m[k];
    if (v !== undefined && !ZERO.test(v)) return v;
  }
  return undefined;
}

const ERROR_IDS = new Set(['EZD1286I', 'EZD1287I']);

/** The message that reports the group's failure. */
function errorMessage(messages: readonly LogMessage[]): LogMessage | undefined {
  return messages.find((m) => ERROR_IDS.has(m.id) && m.rc !== undefined && m.rc !== 0) ?? messages.find((m) => m.rc !== undefined && m.rc !== 0);
}

function nonZero(id: string | undefined): string | undefined {
  return id && !ZERO.test(id) ? id : undefined;
}

/** Explains the AT-TLS messages of a log, optionally against a policy. Pure; never throws on input. */
export function explainLog(text: string, model?: PolicyModel, options: ExplainLogOptions = {}): LogExplanation {
  const parsed = parseLog(text);
  // Group by ids; a message without a host joins the latest group with its ids, one with a host
  // joins the group of that host (or a group that had none yet).
  const byKey = new Map<string, Bucket[]>();
  const list: Bucket[] = [];
  parsed.messages.forEach((m, i) => {
    const { key, scope } = keyOf(m, i);
    const host = m.host ?? '';
    const candidates = byKey.get(key) ?? [];
    let b = host === '' ? candidates[candidates.length - 1] : (candidates.find((c) => c.host === host) ?? candidates.find((c) => c.host === ''));
    if (!b) {
      b = { scope, host, messages: [] };
      candidates.push(b);
      byKey.set(key, candidates);
      list.push(b);
    }
    if (b.host === '' && host !== '') b.host = host;
    b.messages.push(m);
  });

  // Environments a connection's messages mention, to share action names and link errors.
  const linked = new Map<Bucket, Set<Bucket>>();
  const link = (a: Bucket, b: Bucket) => {
    if (!linked.has(a)) linked.set(a, new Set());
    linked.get(a)!.add(b);
  };
  for (const b of list) {
    if (b.scope !== 'connection') continue;
    const [from, to] = spanOf(b);
    for (const m of b.messages) {
      if (!m.envid || ZERO.test(m.envid)) continue;
      for (const e of byKey.get(`e|${m.grpid ?? ''}|${m.envid}`) ?? []) {
        const [eFrom, eTo] = spanOf(e);
        if (!hostsAgree(b.host, e.host) || eTo < from - NEAR || eFrom > to + NEAR) continue;
        link(b, e);
        link(e, b);
      }
    }
  }

  const actionsOf = (b: Bucket): ActionNames | undefined => {
    const own = b.messages.find((m) => m.id === 'EZD1281I' && m.actions)?.actions ?? firstOf(b.messages, 'actions');
    if (own) return own;
    for (const other of linked.get(b) ?? []) {
      const a = other.messages.find((m) => m.actions)?.actions;
      if (a) return { ...(a.group ? { group: a.group } : {}), ...(a.environment ? { environment: a.environment } : {}) };
    }
    return undefined;
  };

  const firstErrorLine = (b: Bucket): number => (errorMessage(b.messages) ?? b.messages[0]!).line;
  const maxCandidates = options.maxCandidates ?? 5;

  const groups: ExplainedGroup[] = list.map((b) => {
    const msgs = b.messages;
    const err = errorMessage(msgs);
    const rc = err?.rc;
    const rcs = [...new Set(msgs.map((m) => m.rc).filter((x): x is number => x !== undefined && x !== 0))];
    const rule = firstOf(msgs, 'rule');
    const actions = actionsOf(b);
    const userid = firstOf(msgs, 'userid');
    const jobname = firstOf(msgs, 'jobname');
    const loggedKeyring = [b, ...(linked.get(b) ?? [])]
      .flatMap((x) => x.messages)
      .find((m) => m.flow && /^GSK_KEYRING_FILE$/i.test(m.flow.name) && m.flow.value)?.flow?.value;
    const code = rc !== undefined ? explainCode(rc) : undefined;
    const notes: string[] = [];
    const checks: string[] = [];
    const places: PolicyPlace[] = [];
    const related: RelatedGroup[] = [];

    const ctx: Context = {
      ...(userid ? { userid } : {}),
      ...(jobname ? { jobname } : {}),
      ...(loggedKeyring ? { loggedKeyring } : {}),
      ...(rc !== undefined ? { rc } : {}),
    };
    const focuses: readonly PolicyFocus[] = code ? code.lookAt.map((l) => l.focus) : [];

    let resolved: Resolved = {};
    /** Environment actions shown because the line names no rule (0 when it names one). */
    let candidates = 0;
    if (model) {
      resolved = resolve(model, rule, actions, notes);
      places.push(...actionPlaces(resolved));
      if (code) {
        if (resolved.rule || resolved.environment || resolved.connection) {
          const fc = focusChecks(model, resolved, focuses, ctx);
          places.push(...fc.places);
          checks.push(...fc.checks);
        } else if (rule === undefined && !actions && focuses.some((f) => f !== 'rule')) {
          // A line that names neither rule nor actions: show every environment that could be it.
          const envs = environmentActions(model);
          if (envs.length > 0) {
            const shown = envs.slice(0, maxCandidates);
            notes.push(
              `The log names no rule or actions for this error; the checks below cover ${shown.length === envs.length ? `every TTLSEnvironmentAction of the policy (${envs.length})` : `the first ${shown.length} of ${envs.length} TTLSEnvironmentAction statements`}.`,
            );
            candidates = envs.length;
            for (const environment of shown) {
              places.push(...actionPlaces({ environment }));
              const fc = focusChecks(model, { environment }, focuses, ctx);
              places.push(...fc.places);
              checks.push(...fc.checks);
            }
          }
        }
      }
    }
    if (code && (!model || checks.length === 0)) {
      // No policy, or nothing found in it: say where to look in words, with the names the log gives.
      for (const f of focuses) {
        if (f === 'rule' && rule) checks.push(`TTLSRule '${rule}' (named in the log): check it is the rule you expected for this connection.`);
        else if (f === 'environment-action' && actions?.environment) checks.push(`TTLSEnvironmentAction '${actions.environment}' (named in the log) and its settings.`);
        else if (f !== 'rule' && f !== 'environment-action') checks.push(`Look at ${FOCUS_DESCRIPTIONS[f]}${actions?.environment ? ` (environment action '${actions.environment}')` : ''}.`);
      }
    }
    if (code) checks.push(...code.checks);

    // Cross-references between groups of the same log.
    if (code?.followsEnvironmentError) {
      const earlier = list.filter(
        (o) =>
          o !== b &&
          sameSource(o, b) !== false &&
          firstErrorLine(o) <= firstErrorLine(b) &&
          errorMessage(o.messages) !== undefined &&
          (o.scope === 'environment' || o.scope === 'group' || /^environment/i.test(errorMessage(o.messages)!.event ?? '')),
      );
      const env = actions?.environment;
      const best = earlier.filter((o) => env !== undefined && actionsOf(o)?.environment === env);
      for (const o of best.length ? best : earlier) related.push(relatedOf(o, 'an earlier environment error, the likely reason the environment could not be set up'));
      if (related.length === 0) checks.unshift('No environment error is in this log: look in the TCP/IP job log or syslog for an earlier AT-TLS error at the time the environment was created.');
      else {
        const r = related[0]!;
        checks.unshift(`RC ${r.rc}${r.event ? ` at ${r.event}` : ''} (log line ${r.line}) is the likely cause: explain it first.`);
      }
    } else if (code?.partnerSide) {
      for (const o of list) {
        if (o === b || sameSource(o, b) === true) continue;
        const e = errorMessage(o.messages);
        if (e?.rc === undefined || explainCode(e.rc).partnerSide) continue;
        related.push(relatedOf(o, 'an error that may be the partner side of this connection'));
      }
      if (related.length) {
        const many = related.length > 1;
        checks.unshift(
          `This end only saw the partner give up; if the other error${many ? 's' : ''} in this log (line${many ? 's' : ''} ${related.map((r) => r.line).join(', ')}) ${many ? 'come' : 'comes'} from the partner, ${many ? 'they hold' : 'it holds'} the real cause.`,
        );
      }
    }
    if (b.scope === 'connection' || b.scope === 'environment') {
      for (const o of linked.get(b) ?? []) {
        if (related.some((r) => r.line === firstErrorLine(o))) continue;
        const e = errorMessage(o.messages);
        if (e) related.push(relatedOf(o, o.scope === 'environment' ? 'the environment this connection used' : 'a connection that used this environment'));
      }
    }

    // The place to open first: the rule, else the environment action (only when it is certain).
    const head = places.find((p) => p.focus === 'rule') ?? (candidates > 1 ? undefined : places.find((p) => p.focus === 'environment-action'));
    const first = msgs[0]!;
    const unc = code ? uncertainty(code.certainty) : undefined;
    const group: ExplainedGroup = {
      scope: b.scope,
      ...(b.scope === 'connection' ? { connection: first.connid } : {}),
      ...(firstId(msgs, 'envid') ? { environment: firstId(msgs, 'envid') } : {}),
      ...(firstId(msgs, 'grpid') ? { group: firstId(msgs, 'grpid') } : {}),
      ...(b.host ? { host: b.host } : {}),
      failed: err !== undefined,
      ...(rc !== undefined ? { rc } : {}),
      ...(err?.event ? { event: err.event } : {}),
      rcs,
      ...(code ? { meaning: code.meaning, certainty: code.certainty, range: code.range.title } : {}),
      ...(unc ? { uncertain: unc } : {}),
      causes: code?.causes ?? [],
      ...(rule ? { rule } : {}),
      ...(head ? { file: head.file, line: head.line } : {}),
      actions: actions ?? actionsFromPolicy(resolved),
      ...(jobname ? { jobname } : {}),
      ...(userid ? { userid } : {}),
      ...(firstOf(msgs, 'local') ? { local: firstOf(msgs, 'local') } : {}),
      ...(firstOf(msgs, 'remote') ? { remote: firstOf(msgs, 'remote') } : {}),
      ...(firstOf(msgs, 'type') ? { connectionType: firstOf(msgs, 'type') } : {}),
      ...(firstOf(msgs, 'status') ? { mapStatus: firstOf(msgs, 'status') } : {}),
      places: dedupe(places),
      checks: [...new Set(checks)],
      notes: [...new Set(notes)],
      related,
      messages: msgs.map((m) => ({
        id: m.id,
        line: m.line,
        endLine: m.endLine,
        ...(m.rc !== undefined ? { rc: m.rc } : {}),
        ...(m.event ? { event: m.event } : {}),
        text: m.text,
      })),
    };
    return group;
  });

  return {
    groups,
    messages: parsed.messages.length,
    skippedLines: parsed.skippedLines,
    lines: parsed.lineCount,
    ...(model
      ? { policy: { files: model.documents.map((d) => d.uri), errors: policyErrors(model), ...(options.stack !== undefined ? { stack: options.stack } : {}) } }
      : {}),
  };
}

function relatedOf(b: Bucket, why: string): RelatedGroup {
  const e = errorMessage(b.messages) ?? b.messages[0]!;
  return {
    scope: b.scope,
    ...(b.scope === 'connection' && e.connid ? { connection: e.connid } : {}),
    ...(nonZero(e.envid) ? { environment: e.envid } : {}),
    ...(nonZero(e.grpid) ? { group: e.grpid } : {}),
    ...(e.rc !== undefined ? { rc: e.rc } : {}),
    ...(e.event ? { event: e.event } : {}),
    line: e.line,
    why,
  };
}

function actionsFromPolicy(r: Resolved): ActionNames {
  return {
    ...(r.group?.name ? { group: r.group.name } : {}),
    ...(r.environment?.name ? { environment: r.environment.name } : {}),
    ...(r.connection?.name ? { connection: r.connection.name } : {}),
  };
}

function dedupe(places: readonly PolicyPlace[]): PolicyPlace[] {
  const seen = new Set<string>();
  const out: PolicyPlace[] = [];
  for (const p of places) {
    const k = `${p.focus}|${p.file}|${p.range.start.line}|${p.range.start.character}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

export { at };
