// Reads AT-TLS messages (EZD1281I-EZD1287I) out of syslog or console text: joins the lines a
// console wrapped, keeps the prefix (timestamp, system, job) and pulls the fields out by keyword.
// Anything that is not an AT-TLS message is skipped and counted, never an error.

/** An `address..port` field (LOCAL, REMOTE). */
export interface Endpoint {
  readonly address: string;
  readonly port?: number;
  /** As written in the log. */
  readonly text: string;
}

/** The three action names of ACTIONS: group, environment, connection (N/A -> absent). */
export interface ActionNames {
  readonly group?: string;
  readonly environment?: string;
  readonly connection?: string;
}

export interface LogMessage {
  /** Message id, e.g. "EZD1286I". */
  readonly id: string;
  /** Words between the id and the first field, e.g. "TTLS Error". */
  readonly title: string;
  /** The message from its id on, continuation lines joined with single blanks. */
  readonly text: string;
  /** Text before the id on its first line, or the header line just before it (syslog, BPXF024I). */
  readonly prefix: string;
  /** 1-based line numbers in the log of the first and last line of the message. */
  readonly line: number;
  readonly endLine: number;
  /** Time of day from the prefix, when there is one ("17:25:53"). */
  readonly time?: string;
  /** System or host name from a syslog prefix, when there is one. */
  readonly host?: string;
  readonly grpid?: string;
  readonly envid?: string;
  readonly connid?: string;
  readonly local?: Endpoint;
  readonly remote?: Endpoint;
  readonly jobname?: string;
  readonly userid?: string;
  /** Connection type of EZD1281I, e.g. "InBound". */
  readonly type?: string;
  /** Mapping status of EZD1281I, e.g. "Appl Control". */
  readonly status?: string;
  readonly rule?: string;
  readonly actions?: ActionNames;
  readonly rc?: number;
  /** The event, e.g. "Initial Handshake", "Environment Master Init", "Call GSK_SECURE_SOCKET_INIT". */
  readonly event?: string;
  /** What follows the event (handles, protocol, cipher, a value set), as written. */
  readonly data?: string;
  /** For EZD1284I: the System SSL call, parameter get or parameter set. */
  readonly flow?: { readonly action: string; readonly name: string; readonly value?: string };
}

export interface ParsedLog {
  readonly messages: LogMessage[];
  /** Non-blank lines that belong to no AT-TLS message. */
  readonly skippedLines: number;
  readonly lineCount: number;
}

/** The AT-TLS trace and error messages. */
export const ATTLS_MESSAGE_IDS = ['EZD1281I', 'EZD1282I', 'EZD1283I', 'EZD1284I', 'EZD1285I', 'EZD1286I', 'EZD1287I'] as const;

const ATTLS_ID = /\bEZD128[1-7]I\b/;
/** Another z/OS message id at the start of a line (IEF403I, EZA2897I, ICH408I, BPXF024I, ...). */
const OTHER_ID_AT_START = /^[A-Z]{3,5}\d{3,5}[A-Z]\b/;
const TIME = /\b(\d{1,2}:\d\d:\d\d)(?:[.,]\d+)?\b/;
/** A syslog header: RFC 3164 (`Apr  2 17:25:53 HOST TTLS[...]`) or ISO time, then host. */
const SYSLOG_HEADER = /^(?:<\d+>)?(?:[A-Z][a-z]{2}\s+\d{1,2}\s+\d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\S*)\s+(\S+)\s+\S*TTLS/;
const BPX_HEADER = /^BPXF024I\b.*\bTTLS\b/;

const KEYWORDS = ['GRPID', 'ENVID', 'CONNID', 'LOCAL', 'REMOTE', 'JOBNAME', 'USERID', 'TYPE', 'STATUS', 'RULE', 'RC', 'ACTIONS'] as const;
type Keyword = (typeof KEYWORDS)[number];
const KEYWORD_TOKEN = new RegExp(`^(${KEYWORDS.join('|')}):(.*)$`, 'i');

/** Fields each message can carry: a continuation line must start with one not yet seen. */
const FIELDS: Readonly<Record<string, readonly Keyword[]>> = {
  EZD1281I: ['CONNID', 'LOCAL', 'REMOTE', 'JOBNAME', 'USERID', 'TYPE', 'STATUS', 'RULE', 'ACTIONS'],
  EZD1282I: ['GRPID', 'ENVID', 'CONNID', 'ACTIONS'],
  EZD1283I: ['GRPID', 'ENVID', 'CONNID', 'RC'],
  EZD1284I: ['GRPID', 'ENVID', 'CONNID', 'RC'],
  EZD1285I: ['CONNID'],
  EZD1286I: ['GRPID', 'ENVID', 'CONNID', 'LOCAL', 'REMOTE', 'JOBNAME', 'USERID', 'RULE', 'RC'],
  EZD1287I: ['GRPID', 'ENVID', 'CONNID', 'LOCAL', 'REMOTE', 'JOBNAME', 'USERID', 'RULE', 'RC'],
};

/** The field whose values end a message, and how many words it needs. */
const LAST_FIELD: Readonly<Record<string, readonly [Keyword, number]>> = {
  EZD1281I: ['ACTIONS', 3],
  EZD1282I: ['ACTIONS', 3],
  EZD1283I: ['RC', 2],
  EZD1284I: ['RC', 2],
  EZD1285I: ['CONNID', 2],
  EZD1286I: ['RC', 2],
  EZD1287I: ['RC', 2],
};

interface Token {
  readonly keyword?: Keyword;
  readonly text: string;
}

/** Splits message text into words, separating `KEY:value` written without a blank. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    const m = KEYWORD_TOKEN.exec(w);
    if (m) {
      out.push({ keyword: m[1]!.toUpperCase() as Keyword, text: `${m[1]!.toUpperCase()}:` });
      if (m[2]) out.push({ text: m[2] });
    } else out.push({ text: w });
  }
  return out;
}

/** Words of each field, up to the next field; `head` is what comes before the first field. */
function fields(tokens: readonly Token[]): { head: string[]; byKey: Map<Keyword, string[]>; order: Keyword[] } {
  const head: string[] = [];
  const byKey = new Map<Keyword, string[]>();
  const order: Keyword[] = [];
  let current: string[] = head;
  for (const t of tokens) {
    if (t.keyword) {
      if (byKey.has(t.keyword)) {
        // A repeated field is prose quoting the message again; keep the first.
        current = [];
        continue;
      }
      current = [];
      byKey.set(t.keyword, current);
      order.push(t.keyword);
    } else current.push(t.text);
  }
  return { head, byKey, order };
}

interface Draft {
  readonly id: string;
  readonly prefix: string;
  readonly line: number;
  endLine: number;
  parts: string[];
}

function isComplete(d: Draft): boolean {
  const { byKey, order } = fields(tokenize(d.parts.join(' ')));
  const last = order[order.length - 1];
  if (last && (byKey.get(last)?.length ?? 0) === 0) return false;
  const need = LAST_FIELD[d.id];
  if (!need) return true;
  return (byKey.get(need[0])?.length ?? 0) >= need[1];
}

/** Whether a line with no message id of its own continues the message being read. */
function continues(d: Draft, line: string): boolean {
  if (OTHER_ID_AT_START.test(line)) return false;
  const tokens = tokenize(line);
  const firstKey = tokens.find((t) => t.keyword)?.keyword;
  if (firstKey) {
    const seen = fields(tokenize(d.parts.join(' '))).byKey;
    return (FIELDS[d.id] ?? []).includes(firstKey) && !seen.has(firstKey);
  }
  if (!isComplete(d)) return true;
  // Trailing data the console wrapped: handles, protocol and cipher, or a handshake role.
  const first = tokens[0]?.text ?? '';
  return /^[0-9A-Fa-f]{4,}$/.test(first) || /^HS-\w+$/.test(first);
}

function endpoint(words: readonly string[] | undefined): Endpoint | undefined {
  const text = words?.[0];
  if (!text) return undefined;
  const at = text.lastIndexOf('..');
  if (at <= 0) return { address: text, text };
  const port = Number(text.slice(at + 2));
  return Number.isInteger(port) && text.slice(at + 2) !== '' ? { address: text.slice(0, at), port, text } : { address: text.slice(0, at), text };
}

/** An action name as logged: asterisks from copied bold text removed, N/A meaning none. */
function actionName(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const w = word.replace(/^\*+|\*+$/g, '');
  return w === '' || /^n\/a$/i.test(w) ? undefined : w;
}

function hexId(words: readonly string[] | undefined): string | undefined {
  const w = words?.[0];
  return w && /^[0-9A-Fa-f]{1,16}$/.test(w) ? w.toUpperCase() : undefined;
}

/** Event words: alphabetic words up to the first handle, number or other message id. */
function splitEvent(words: readonly string[]): { event?: string; data?: string } {
  const ev: string[] = [];
  let i = 0;
  for (; i < words.length && ev.length < 5; i++) {
    const w = words[i]!;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(w) || /^[0-9A-Fa-f]{8,}$/.test(w) || ATTLS_ID.test(w) || OTHER_ID_AT_START.test(w)) break;
    ev.push(w);
  }
  const rest = words.slice(i).join(' ');
  return { ...(ev.length ? { event: ev.join(' ') } : {}), ...(rest ? { data: rest } : {}) };
}

function build(d: Draft): LogMessage | undefined {
  const text = d.parts.join(' ').replace(/\s+/g, ' ').trim();
  const { head, byKey } = fields(tokenize(text));
  // A message id in prose ("EZD1286I: Explanation: ...") has no fields: not a message.
  if (byKey.size === 0) return undefined;
  const get = (k: Keyword) => byKey.get(k);
  const first = (k: Keyword) => get(k)?.[0];
  const msg: { -readonly [K in keyof LogMessage]: LogMessage[K] } = {
    id: d.id,
    title: head.slice(1).join(' '),
    text,
    prefix: d.prefix,
    line: d.line,
    endLine: d.endLine,
  };
  const time = TIME.exec(d.prefix)?.[1];
  if (time) msg.time = time;
  // A syslog header names the host; a hardcopy console line may start with the system name alone.
  const host = SYSLOG_HEADER.exec(d.prefix)?.[1] ?? (/^[A-Z][A-Z0-9$#@]{0,7}$/.test(d.prefix) ? d.prefix : undefined);
  if (host) msg.host = host;
  const grpid = hexId(get('GRPID'));
  if (grpid) msg.grpid = grpid;
  const envid = hexId(get('ENVID'));
  if (envid) msg.envid = envid;
  const connid = hexId(get('CONNID'));
  if (connid) msg.connid = connid;
  const local = endpoint(get('LOCAL'));
  if (local) msg.local = local;
  const remote = endpoint(get('REMOTE'));
  if (remote) msg.remote = remote;
  const jobname = first('JOBNAME');
  if (jobname) msg.jobname = jobname;
  const userid = first('USERID');
  if (userid) msg.userid = userid;
  const type = first('TYPE');
  if (type) msg.type = type;
  const status = get('STATUS');
  if (status?.length) msg.status = status.join(' ');
  const rule = first('RULE');
  if (rule) msg.rule = rule;
  const actions = get('ACTIONS');
  if (actions?.length) {
    const [g, e, c] = actions;
    const names: { -readonly [K in keyof ActionNames]: ActionNames[K] } = {};
    const group = actionName(g);
    if (group) names.group = group;
    const environment = actionName(e);
    if (environment) names.environment = environment;
    const connection = actionName(c);
    if (connection) names.connection = connection;
    msg.actions = names;
  }
  if (d.id === 'EZD1282I') {
    // TTLS Start ... CONNID: cid <event> ACTIONS: g e c <data>
    const { event } = splitEvent(get('CONNID')?.slice(1) ?? []);
    if (event) msg.event = event;
    const data = actions?.slice(3).join(' ');
    if (data) msg.data = data;
  }
  const rcWords = get('RC');
  if (rcWords?.length) {
    const rc = /^-?\d+$/.test(rcWords[0]!) ? Number(rcWords[0]) : undefined;
    if (rc !== undefined) msg.rc = rc;
    const rest = rcWords.slice(1);
    if (d.id === 'EZD1284I' && /^(Call|Get|Set)$/i.test(rest[0] ?? '')) {
      // RC: n Set GSK_KEYRING_FILE(201) start1/TN3270 | RC: n Call GSK_SECURE_SOCKET_INIT - handle
      const name = (rest[1] ?? '').replace(/\(\d+\)$/, '');
      let valueWords = rest.slice(2);
      if (valueWords[0] === '-' || valueWords[0] === '\u2013') valueWords = valueWords.slice(1);
      const value = valueWords.join(' ');
      msg.flow = { action: rest[0]!, name, ...(value ? { value } : {}) };
      msg.event = `${rest[0]} ${name}`.trim();
      if (value) msg.data = value;
    } else {
      const { event, data } = splitEvent(rest);
      if (event) msg.event = event;
      if (data) msg.data = data;
    }
  }
  return msg;
}

/** Reads every AT-TLS message out of a log text. Never throws. */
export function parseLog(text: string): ParsedLog {
  const lines = text.split(/\r\n|\r|\n/);
  const messages: LogMessage[] = [];
  let skipped = 0;
  let draft: Draft | undefined;
  let header: string | undefined;
  const dropHeader = () => {
    if (header !== undefined) skipped++;
    header = undefined;
  };

  const finish = () => {
    if (!draft) return;
    const msg = build(draft);
    if (msg) messages.push(msg);
    else skipped += draft.endLine - draft.line + 1;
    draft = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\t/g, ' ');
    const line = raw.trim();
    if (line === '') {
      finish();
      dropHeader();
      continue;
    }
    const id = ATTLS_ID.exec(raw);
    if (id) {
      finish();
      const before = raw.slice(0, id.index).trim();
      draft = { id: id[0], prefix: before || header || '', line: i + 1, endLine: i + 1, parts: [raw.slice(id.index)] };
      header = undefined;
      continue;
    }
    if (BPX_HEADER.test(line) || SYSLOG_HEADER.test(line)) {
      finish();
      dropHeader();
      header = line;
      continue;
    }
    if (draft && continues(draft, line)) {
      draft.parts.push(line);
      draft.endLine = i + 1;
      continue;
    }
    finish();
    dropHeader();
    skipped++;
  }
  finish();
  dropHeader();
  // A trailing empty string after a final line break is not a line.
  const lineCount = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  return { messages, skippedLines: skipped, lineCount };
}
