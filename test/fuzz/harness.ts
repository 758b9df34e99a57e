// The fuzzer's core: one input through every stage a user can reach -- parse, lint (with every
// output format and --fix), match (single answers, the index against the plain scan, the shadow
// analysis, a batch of CSV rows), the pasearch reader, diff (against itself and against its fixed
// text), fmt, and every language-service feature at random positions -- checking that no exception
// escapes, that no stage runs past its time limit, that the formatter loses no word, brace or
// comment, and that --fix adds no error and changes no match answer. Used by the fixed-seed set in
// `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`, run.ts).
import {
  analysePolicy,
  answerJson,
  answerText,
  BatchMatcher,
  compilePolicy,
  CsvReader,
  diffMarkdown,
  diffPolicies,
  diffText,
  hasDifferences,
  type DiffSide,
  parseCsv,
  explainMatch,
  firstMatchScan,
  matchBatch,
  readBatchHeader,
  ruleBoxes,
  RuleIndex,
  sampleConnection,
  type BatchOutcome,
  type Connection,
} from '@attls/evaluate';
import { buildModel, describeReport, formatAddress, isPasearchReport, parse, readPasearch, reportPosition, type Item, type ParseResult, spanOf } from '@attls/language';
import { lintReport } from '@attls/cli/pasearch';
import { fixText, formatCompact, formatGithub, formatJson, formatJunit, formatSarif, formatStylish, lintText } from '@attls/lint';
import {
  findReferences,
  fixAll,
  format,
  formatRange,
  formatIntact,
  formatText,
  getCodeActions,
  getCodeLenses,
  getCompletions,
  getDefinition,
  getDiagnostics,
  getDocumentHighlights,
  getDocumentSymbols,
  getFoldingRanges,
  getHover,
  getInlayHints,
  getSelectionRanges,
  getSemanticTokens,
  getWorkspaceSymbols,
  prepareRename,
  rename,
  ruleEvaluation,
  Workspace,
  type Evaluator,
} from '@attls/service';
import { generatePolicy } from '../bench/generate.js';
import { mutate } from '../support/mutate.js';
import { OVERLAP_ACTIONS } from '../support/overlap.js';
import { checkFix, URI as FIX_URI } from './fix-property.js';
import { int, pick } from '../support/random.js';

export type Rnd = () => number;

/** What went wrong with one input. */
export interface Finding {
  readonly kind: 'exception' | 'slow' | 'hang' | 'formatter-lost-token' | 'formatter-not-idempotent' | 'formatter-changed-refused' | 'index-disagrees' | 'batch-readings-disagree' | 'span-outside-text' | 'fix-unsafe' | 'diff-self-differs';
  /** The stage or feature: parse, lint, match, fmt, service/hover, ... */
  readonly stage: string;
  readonly message: string;
}

export interface StageTime {
  readonly stage: string;
  readonly ms: number;
}

export interface CaseResult {
  readonly findings: Finding[];
  readonly times: StageTime[];
}

export interface HarnessOptions {
  /**
   * A stage or service call slower than max(1 s, 1 s per MB) times this factor is a hang (a
   * failure); slower than the limit itself it is reported as slow. Default 3, so that a busy
   * machine does not fail a run, while a super-linear algorithm on a megabyte input still does.
   */
  readonly hangFactor?: number;
}

/** The time allowed to one stage on a text: a second per megabyte, and at least a second. */
export function limitMs(text: string): number {
  return Math.max(1000, (1000 * text.length) / 1e6);
}

const URI = 'file:///fuzz/policy.ttls';

/** Runs one input through everything. Never throws: everything that goes wrong is a finding. */
export function runCase(text: string, rnd: Rnd, options: HarnessOptions = {}): CaseResult {
  const findings: Finding[] = [];
  const times: StageTime[] = [];
  const limit = limitMs(text);
  const hang = limit * (options.hangFactor ?? 3);
  const timed = <T>(stage: string, fn: () => T): T | undefined => {
    const t = performance.now();
    let value: T | undefined;
    try {
      value = fn();
    } catch (e) {
      findings.push({ kind: 'exception', stage, message: (e as Error)?.stack ?? String(e) });
    }
    const ms = performance.now() - t;
    times.push({ stage, ms });
    if (ms > hang) findings.push({ kind: 'hang', stage, message: `${ms.toFixed(0)} ms, more than ${hang.toFixed(0)} ms (${options.hangFactor ?? 3} x the limit) for ${(text.length / 1e6).toFixed(2)} MB` });
    else if (ms > limit) findings.push({ kind: 'slow', stage, message: `${ms.toFixed(0)} ms, over the limit of ${limit.toFixed(0)} ms for ${(text.length / 1e6).toFixed(2)} MB` });
    return value;
  };

  const parsed = timed('parse', () => parse(text));
  if (parsed) checkSpans(parsed, text, findings);
  timed('lint', () => {
    const r = lintText('fuzz.ttls', text, { reportUnusedDisable: true });
    for (const d of r.diagnostics) {
      if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length)) {
        findings.push({ kind: 'span-outside-text', stage: 'lint', message: `${d.code} at ${d.span.start}-${d.span.end} in a text of ${text.length}` });
      }
    }
    for (const f of [formatJson, formatSarif, formatCompact, formatGithub, formatJunit]) f([r]);
    formatStylish([r], { color: true });
  });
  const fixed = timed('lint --fix', () => {
    const r = fixText(FIX_URI, text);
    parse(r.output);
    return r;
  });
  // What --fix must keep (no new error, the same match answers), checked outside the timing.
  if (fixed) {
    try {
      for (const p of checkFix(text, {}, 100, fixed).problems) findings.push({ kind: 'fix-unsafe', stage: 'lint --fix', message: `${p.kind}: ${p.detail}` });
    } catch (e) {
      findings.push({ kind: 'exception', stage: 'lint --fix (check)', message: (e as Error)?.stack ?? String(e) });
    }
  }
  timed('match', () => fuzzMatch(text, parsed, rnd, findings));
  timed('pasearch', () => fuzzPasearch(text, rnd));
  const sides = timed('diff (policies)', () => diffSides(text, parsed, fixed?.output, rnd));
  if (sides) timed('diff', () => fuzzDiff(sides, findings));
  fuzzFormat(text, findings, timed);
  fuzzService(text, rnd, timed);
  return { findings, times };
}

/**
 * The pasearch reader, on any text (it never fails: what does not fit the report's layout is
 * skipped and said): the installed policy it reads, compiled and analysed, and positions of its
 * policy text mapped back into the report; on a report, also the lint of each of its images.
 */
function fuzzPasearch(text: string, rnd: Rnd): void {
  // What attls lint does with a report: each image linted on its own, findings on the report's lines.
  if (isPasearchReport(text)) lintReport('fuzz.report', text, { reportUnusedDisable: true });
  const p = readPasearch('fuzz.report', text);
  describeReport(p);
  analysePolicy(p.model);
  const lines = p.text.split('\n');
  for (let i = 0; i < 5; i++) {
    const line = int(rnd, 0, lines.length - 1);
    reportPosition(p, line, int(rnd, 0, lines[line]!.length), rnd() < 0.5);
  }
}

/**
 * The policies attls diff is tried on: the text (from the parse already made, in two models of
 * their own), and its fixed text (or, when --fix changed nothing, the text without one of its lines).
 */
function diffSides(text: string, parsed: ParseResult | undefined, fixed: string | undefined, rnd: Rnd): DiffSide[] {
  const policy = (uri: string, p: ParseResult): DiffSide => ({ policy: compilePolicy(buildModel([{ uri, parse: p }])), source: uri });
  const once = parsed ?? parse(text);
  let other = fixed;
  if (other === undefined || other === text) {
    const lines = text.split('\n');
    lines.splice(int(rnd, 0, lines.length - 1), 1);
    other = lines.join('\n');
  }
  return [policy('old.ttls', once), policy('new.ttls', once), policy('new.ttls', parse(other))];
}

/** attls diff of the policy with itself, where nothing may differ, and with the other text, in every output form. */
function fuzzDiff([old, same, other]: DiffSide[], findings: Finding[]): void {
  const d0 = diffPolicies(old!, same!);
  if (hasDifferences(d0)) findings.push({ kind: 'diff-self-differs', stage: 'diff', message: diffText(d0).slice(0, 2000) });
  const d = diffPolicies(old!, other!);
  diffText(d);
  diffMarkdown(d);
  const { places: _places, ...shape } = d;
  JSON.stringify(shape);
}

/** Every span of the tree and of the structural findings lies inside the text. */
function checkSpans(p: ParseResult, text: string, findings: Finding[]): void {
  const bad = (s: { start: number; end: number }): boolean => !(s.start >= 0 && s.start <= s.end && s.end <= text.length);
  for (const d of p.diagnostics) if (bad(d.span)) findings.push({ kind: 'span-outside-text', stage: 'parse', message: `${d.code} at ${d.span.start}-${d.span.end}` });
  const stack: (readonly Item[])[] = [p.file.items];
  while (stack.length > 0) {
    for (const it of stack.pop()!) {
      if (bad(spanOf(it))) {
        findings.push({ kind: 'span-outside-text', stage: 'parse', message: `${it.kind} at ${it.start}-${it.end}` });
        return;
      }
      if (it.kind === 'statement' || it.kind === 'orphan') stack.push(it.items);
    }
  }
}

/** Connections: inside random rules' condition boxes (so that rules are hit) and anywhere. */
function connectionsFor(rules: ReturnType<typeof compilePolicy>['rules'], rnd: Rnd, count: number): Connection[] {
  const out: Connection[] = [];
  for (let i = 0; i < count; i++) {
    const r = rules.length > 0 ? pick(rnd, rules) : undefined;
    const box = r ? ruleBoxes(r)[0] : undefined;
    if (box && rnd() < 0.7) {
      out.push(sampleConnection(box));
      continue;
    }
    const fam: 4 | 6 = rnd() < 0.8 ? 4 : 6;
    const addr = (): Connection['localAddr'] => (rnd() < 0.2 ? undefined : { family: fam, value: fam === 4 ? BigInt(int(rnd, 0, 0xffffffff)) : BigInt(int(rnd, 0, 0xffff)) << 112n });
    const c: { -readonly [K in keyof Connection]: Connection[K] } = { direction: rnd() < 0.5 ? 'inbound' : 'outbound' };
    const la = addr();
    const ra = addr();
    if (la) c.localAddr = la;
    if (ra) c.remoteAddr = ra;
    if (rnd() < 0.8) c.localPort = int(rnd, 1, 65535);
    if (rnd() < 0.8) c.remotePort = int(rnd, 1, 65535);
    if (rnd() < 0.6) c.jobname = pick(rnd, ['J0001', 'FTPD', 'A', 'TN3270', 'ZZZZZZZZ']);
    if (rnd() < 0.4) c.userid = pick(rnd, ['USER1', 'TCPIP', 'X']);
    out.push(c);
  }
  return out;
}

function csvOf(conns: readonly Connection[]): string {
  const lines = ['direction,local_addr,local_port,remote_addr,remote_port,jobname,userid'];
  const a = (x: Connection['localAddr']): string => (x ? formatAddress(x.family, x.value) : '');
  for (const c of conns) lines.push([c.direction, a(c.localAddr), c.localPort ?? '', a(c.remoteAddr), c.remotePort ?? '', c.jobname ?? '', c.userid ?? ''].join(','));
  return lines.join('\n') + '\n';
}

/** attls match: answers, the index agreeing with the plain scan, the shadow analysis, a batch. */
function fuzzMatch(text: string, parsed: ParseResult | undefined, rnd: Rnd, findings: Finding[]): void {
  const model = buildModel([{ uri: 'fuzz.ttls', parse: parsed ?? parse(text) }]);
  const policy = compilePolicy(model);
  const index = new RuleIndex(policy);
  const conns = connectionsFor(policy.rules, rnd, 12);
  for (const c of conns) {
    const viaIndex = index.match(c);
    const viaScan = firstMatchScan(policy, c);
    if (viaIndex !== viaScan) findings.push({ kind: 'index-disagrees', stage: 'match', message: `index ${viaIndex?.name ?? '(none)'} but scan ${viaScan?.name ?? '(none)'} for ${JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}` });
    const e = explainMatch(policy, c);
    JSON.stringify(answerJson(e));
    answerText(e);
  }
  analysePolicy(model);
  // A batch, sometimes with its CSV mangled too.
  let csv = csvOf(conns);
  if (rnd() < 0.4) csv = mutate(csv, rnd);
  try {
    const input = readBatchHeader(parseCsv(csv));
    const viaRows = [...matchBatch(index, input)].map(outcomeText);
    // The same batch with its common lines read in place, as `attls match --batch` reads them.
    const viaLines: string[] = [];
    let matcher: BatchMatcher | undefined;
    const reader = new CsvReader(
      (row) => {
        if (!matcher) matcher = new BatchMatcher(index, input.columns, input.defaultDirection);
        else viaLines.push(outcomeText(matcher.match(row)));
      },
      (text, start, end, line) => {
        const o = matcher?.matchLine(text, start, end, line);
        if (o) viaLines.push(outcomeText(o));
        return o !== undefined;
      },
    );
    reader.push(csv);
    reader.end();
    if (viaLines.join('\n') !== viaRows.join('\n')) {
      const at = viaLines.findIndex((x, i) => x !== viaRows[i]);
      findings.push({ kind: 'batch-readings-disagree', stage: 'match --batch', message: `row reading ${viaRows[at] ?? '(nothing)'} but in-place reading ${viaLines[at] ?? '(nothing)'}` });
    }
  } catch (e) {
    // A header that cannot be used is a documented error with a message, not a crash.
    if (!(e instanceof Error) || !e.message || e.message.includes('\n')) throw e;
  }
}

/** A batch answer as text, to compare two readings of the same rows. */
function outcomeText(o: BatchOutcome): string {
  return 'error' in o ? `${o.line}: ${o.error}` : `${o.line}: ${o.rule?.name ?? '(none)'}`;
}

/** Words (keywords case-folded, as the formatter respells them), braces and comments. */
function tokenBag(text: string): string[] {
  const p = parse(text);
  const out: string[] = p.comments.map((c) => `#${c.text.trimEnd()}`);
  const stack: (readonly Item[])[] = [p.file.items];
  while (stack.length > 0) {
    for (const it of stack.pop()!) {
      if (it.kind === 'parameter') {
        out.push(`k:${it.keyword.text.toLowerCase()}`);
        for (const w of it.values) out.push(`w:${text.slice(w.start, w.end)}`);
      } else if (it.kind === 'statement') {
        out.push(`k:${it.keyword.text.toLowerCase()}`);
        for (const w of [...(it.name ? [it.name] : []), ...it.extra]) out.push(`w:${text.slice(w.start, w.end)}`);
        out.push('{');
        if (it.close) out.push('}');
        stack.push(it.items);
      } else if (it.kind === 'orphan') {
        out.push('{');
        if (it.close) out.push('}');
        stack.push(it.items);
      } else out.push(it.text);
    }
  }
  return out.sort();
}

type Timed = <T>(stage: string, fn: () => T) => T | undefined;
type Formatter = (text: string, options?: object, parsed?: ParseResult) => { text: string; ok: boolean; reason?: string };

/**
 * attls fmt: refuses and leaves the text alone, or keeps every token and is idempotent. Each
 * formatting is timed on its own (the limit is per operation); the checks around them are not.
 */
function fuzzFormat(text: string, findings: Finding[], timed: Timed): void {
  const parsed = timed('fmt', () => parse(text));
  if (!parsed) return;
  checkFormatter(text, parsed, findings, (t, o, p) => timed('fmt', () => formatText(t, o, p)));
  // The editor's formatter, which also formats the intact start of a broken file.
  checkFormatter(text, parsed, findings, (t, o, p) => timed('fmt (editor)', () => formatIntact(t, o, p)));
}

function checkFormatter(text: string, parsed: ParseResult, findings: Finding[], formatter: (text: string, options?: object, parsed?: ParseResult) => ReturnType<Formatter> | undefined): void {
  const once = formatter(text, {}, parsed);
  // An exception is already a finding of its stage.
  if (!once) return;
  if (!once.ok) {
    if (once.text !== text) findings.push({ kind: 'formatter-changed-refused', stage: 'fmt', message: `refused (${once.reason}) but changed the text` });
    return;
  }
  const before = tokenBag(text);
  const after = tokenBag(once.text);
  if (before.length !== after.length || before.some((t, i) => t !== after[i])) {
    const lost = before.filter((t) => !after.includes(t)).slice(0, 5);
    const gained = after.filter((t) => !before.includes(t)).slice(0, 5);
    findings.push({ kind: 'formatter-lost-token', stage: 'fmt', message: `${before.length} tokens before, ${after.length} after; lost ${JSON.stringify(lost)}, gained ${JSON.stringify(gained)}` });
  }
  const twice = formatter(once.text);
  if (twice && twice.text !== once.text) findings.push({ kind: 'formatter-not-idempotent', stage: 'fmt', message: 'format(format(x)) differs from format(x)' });
}

/** Rule order and shadowing from @attls/evaluate, in the service's terms. */
const evaluator: Evaluator = (model) =>
  ruleEvaluation(
    analysePolicy(model).rules.map((a) => ({
      rule: a.rule.statement,
      position: a.rule.order,
      priority: a.rule.priority,
      shadowedBy: a.status === 'shadowed' ? a.takers.map((t) => t.rule.statement) : [],
      overlaps: a.takers.map((t) => t.rule.statement),
    })),
  );

/** Every language-service feature, at positions inside, at the edges of and outside the text. */
function fuzzService(text: string, rnd: Rnd, timed: <T>(stage: string, fn: () => T) => T | undefined): void {
  // Half the time with rule evaluation wired in, as an editor extension may do (lenses, order).
  const ws = new Workspace(rnd() < 0.5 ? { evaluator } : {});
  ws.setDocument(URI, text, 1);
  const snap = timed('service/snapshot', () => {
    const s = ws.snapshot(URI)!;
    void s.model;
    return s;
  });
  if (!snap) return;
  const lines = snap.document.lineIndex.lineCount;
  const position = (): { line: number; character: number } => {
    const r = rnd();
    if (r < 0.05) return { line: -1, character: -5 };
    if (r < 0.1) return { line: lines + int(rnd, 0, 3), character: int(rnd, 0, 10) };
    const offset = int(rnd, 0, text.length);
    const p = snap.document.lineIndex.positionAt(offset);
    return rnd() < 0.1 ? { line: p.line, character: p.character + int(rnd, 1, 1000) } : p;
  };
  const range = (): { start: { line: number; character: number }; end: { line: number; character: number } } => {
    const a = position();
    const b = position();
    return a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
  };
  timed('service/diagnostics', () => getDiagnostics(snap));
  timed('service/hover', () => getHover(snap, position()));
  timed('service/completion', () => getCompletions(snap, position(), { snippets: rnd() < 0.5 }));
  timed('service/definition', () => getDefinition(snap, position()));
  timed('service/references', () => findReferences(snap, position(), rnd() < 0.5));
  timed('service/highlights', () => getDocumentHighlights(snap, position()));
  timed('service/prepareRename', () => prepareRename(snap, position()));
  timed('service/rename', () => rename(snap, position(), pick(rnd, ['newName', '', 'a b', '{', 'x'.repeat(40), 'gAct_00001', 'é'])));
  timed('service/documentSymbols', () => getDocumentSymbols(snap));
  timed('service/workspaceSymbols', () => getWorkspaceSymbols(ws, pick(rnd, ['', 'r', 'Rule_0', 'zz', '*'])));
  timed('service/folding', () => getFoldingRanges(snap));
  timed('service/selection', () => getSelectionRanges(snap, [position(), position()]));
  timed('service/semanticTokens', () => getSemanticTokens(snap));
  timed('service/semanticTokensRange', () => getSemanticTokens(snap, range()));
  timed('service/codeActions', () => {
    const r = range();
    getCodeActions(snap, r, { only: rnd() < 0.2 ? ['source.fixAll'] : rnd() < 0.2 ? ['quickfix'] : undefined });
  });
  timed('service/fixAll', () => fixAll(snap.diagnostics()));
  timed('service/codeLenses', () => getCodeLenses(snap));
  timed('service/inlayHints', () => getInlayHints(snap, rnd() < 0.5 ? range() : undefined));
  timed('service/formatting', () => format(snap, { tabSize: int(rnd, 0, 8), insertSpaces: rnd() < 0.8 }));
  timed('service/rangeFormatting', () => formatRange(snap, range()));
}

// --- inputs -------------------------------------------------------------------------------------

export interface FuzzInput {
  readonly label: string;
  readonly text: string;
}

/**
 * One input: mostly mutated seeds (corpus files and generated policies), sometimes one of the
 * shapes that break naive code -- a megabyte on one line, braces nested thousands deep, a policy
 * repeated to megabytes, binary noise.
 */
export function makeInput(rnd: Rnd, seeds: readonly FuzzInput[], big: boolean): FuzzInput {
  const r = rnd();
  if (big && r < 0.04) return longLine(rnd);
  if (big && r < 0.06) {
    const depth = int(rnd, 1000, 20000);
    return { label: `nesting ${depth}`, text: `TTLSRule r\n${'{\n'.repeat(depth)}${rnd() < 0.5 ? '}\n'.repeat(depth) : ''}` };
  }
  if (big && r < 0.08) {
    const s = pick(rnd, seeds);
    const times = Math.ceil((int(rnd, 1, 3) * 1e6) / Math.max(1, s.text.length));
    return { label: `${s.label} x${times}`, text: s.text.repeat(times) };
  }
  if (big && r < 0.09) {
    // A naming convention changed in the references but not the definitions: thousands of
    // undefined names, each a did-you-mean search among thousands of definitions.
    const rules = int(rnd, 300, 1500);
    const text = generatePolicy({ rules, seed: int(rnd, 1, 1000) }).replace(/(TTLS\w+Ref +)(\w)(\w)/g, (_, k: string, a: string, b: string) => `${k}${a}${b === 'A' ? 'X' : 'Z'}`);
    return { label: `generated ${rules} rules, references renamed`, text };
  }
  if (big && r < 0.095) return overlappingRules(rnd, int(rnd, 300, 2000));
  if (r < 0.1) {
    const n = int(rnd, 1, 5000);
    let t = '';
    for (let i = 0; i < n; i++) t += String.fromCharCode(int(rnd, 0, rnd() < 0.9 ? 255 : 0xffff));
    return { label: `noise ${n}`, text: t };
  }
  const s = pick(rnd, seeds);
  return { label: `mutated ${s.label}`, text: mutate(s.text, rnd) };
}

/**
 * Rules that each test one or two of ports, addresses, job names and user IDs (some with time
 * windows), so that most of them take part of each other's connections: the shape that makes the
 * shadow analysis, diff and properties cut sets that grow with every rule.
 */
export function overlappingRules(rnd: Rnd, rules: number): FuzzInput {
  const p5 = (i: number): string => String(i).padStart(5, '0');
  const kinds: ((i: number) => string)[] = [
    (i) => `LocalPortRange ${1000 + (i % 3000)}${rnd() < 0.2 ? `-${1000 + (i % 3000) + int(rnd, 1, 500)}` : ''}`,
    (i) => `RemotePortRange ${2000 + (i % 3000)}`,
    (i) => `Jobname J${p5(i)}${rnd() < 0.2 ? '*' : ''}`,
    (i) => `Userid ${rnd() < 0.2 ? 'U' : `U${p5(i)}`}${rnd() < 0.3 ? '*' : ''}`,
    (i) => `RemoteAddr 10.${(i >> 8) & 255}.${i & 255}.${rnd() < 0.5 ? '1/32' : '0/24'}`,
    (i) => `LocalAddr ${rnd() < 0.5 ? `2001:db8::${i.toString(16)}/128` : `192.168.${i & 255}.0/24`}`,
  ];
  const out = [OVERLAP_ACTIONS];
  const dims = [int(rnd, 0, kinds.length - 1), int(rnd, 0, kinds.length - 1)];
  for (let i = 0; i < rules; i++) {
    const lines = [kinds[dims[i % 2]!]!(i)];
    if (rnd() < 0.3) lines.push(pick(rnd, kinds)(i));
    if (rnd() < 0.05) lines.push(`IpTimeConditionRef t${i}`);
    out.push(`TTLSRule r${i}\n{\n${lines.map((l) => `  ${l}`).join('\n')}\n  Direction ${pick(rnd, ['Inbound', 'Outbound', 'Both'])}\n  Priority ${rnd() < 0.9 ? rules * 2 - i : int(rnd, 1, rules)}\n  TTLSGroupActionRef ${rnd() < 0.7 ? 'gOn' : 'gOff'}\n  TTLSEnvironmentActionRef eS\n}`);
    if (lines.some((l) => l.startsWith('IpTime'))) out.push(`IpTimeCondition t${i}\n{\n  TimeOfDayRange ${String(i % 24).padStart(2, '0')}:00-${String((i + 5) % 24).padStart(2, '0')}:00\n}`);
  }
  return { label: `${rules} overlapping rules`, text: out.join('\n') + '\n' };
}

/** A megabyte (or so) on one line, in shapes that make backtracking regular expressions explode. */
export function longLine(rnd: Rnd): FuzzInput {
  const size = int(rnd, 500_000, 1_100_000);
  const unit = pick(rnd, [
    'a',
    ' ',
    'a ',
    '\t',
    '#',
    '"',
    '"a',
    '{',
    '}',
    '-',
    '.',
    ':',
    '::',
    '1',
    '1-',
    '1.1',
    '?',
    '?a',
    '<',
    '<a',
    '[',
    '[a',
    '*',
    'TTLS',
    'attls-lint-disable ',
    'attls-lint-disable-line a,',
    'Rule ',
    'TLS_',
    'A,',
    ',',
    '\u00a0',
    '//',
    "//'",
  ]);
  const head = pick(rnd, ['', 'TTLSRule ', 'TTLSRule r\n{\n  Jobname ', '# ', '# attls-lint-disable-next-line ', 'TTLSKeyringParms k\n{\n  Keyring ', 'TTLSCipherParms c\n{\n  V3CipherSuites ', 'LocalAddr ', 'TTLSRule r\n{\n  LocalPortRange ']);
  return { label: `long line of '${unit}' (${size} chars)`, text: head + unit.repeat(Math.ceil(size / unit.length)) + pick(rnd, ['', '\n', 'x', '!', '}\n']) };
}
