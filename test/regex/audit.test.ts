// Regular-expression audit: every regular expression literal in the packages' and the extension's
// sources, and every pattern of the TextMate grammar the editor runs on each line, is run over
// long single lines built to provoke backtracking (runs of each character the pattern mentions,
// alternating pairs of them, after the pattern's own literal start and before a character that
// makes the match fail). A linear pattern takes milliseconds on them; one that backtracks
// quadratically or worse takes seconds and fails here. Patterns built at run time with
// new RegExp are listed below with why they are safe, and a new one fails until reviewed.
//
// The size is 100 KB in `npm test` (a quadratic pattern already takes seconds at that size);
// ATTLS_REGEX_AUDIT_SIZE=1000000 runs the same audit with 1 MB lines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { repoRoot } from '../support/shared.js';
import type { AuditJob } from './audit-worker.js';

const SIZE = Number(process.env['ATTLS_REGEX_AUDIT_SIZE'] ?? 100_000);
/** Time allowed for one run; linear patterns take a few milliseconds at 1 MB. */
const LIMIT_MS = Math.max(250, (SIZE / 1e6) * 1000);

/** Patterns made with new RegExp, reviewed: where, and why they cannot backtrack badly. */
const DYNAMIC: Record<string, string> = {
  'packages/cli/src/commands/explain.ts': 'a rule name (escaped) between fixed delimiters, tested on short log prefixes: no nested quantifiers',
  'packages/explain/src/log.ts': 'an alternation of fixed keywords anchored at the start, then (.*)$: one pass',
};

interface Found {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
  /** Runs on one line at a time (the grammar): no line breaks inside the input but a final one. */
  readonly oneLine?: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Source folders whose code runs on user text: every package, and the VS Code extension. */
function sourceRoots(): string[] {
  const packages = join(repoRoot, 'packages');
  const roots = readdirSync(packages).map((p) => join(packages, p, 'src'));
  roots.push(join(repoRoot, 'extension', 'src'));
  return roots.filter((r) => {
    try {
      return statSync(r).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * The TextMate grammar's patterns: the editor runs them on every line of a policy. Oniguruma
 * syntax JavaScript cannot compile (such as \G) is left out; the rest is the same engine family.
 */
function grammarPatterns(): { found: Found[]; skipped: number } {
  const found: Found[] = [];
  let skipped = 0;
  const dir = join(repoRoot, 'grammars');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.tmLanguage.json'));
  } catch {
    return { found, skipped };
  }
  for (const name of names) {
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((x, i) => visit(x, `${path}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
          if (typeof v === 'string' && ['match', 'begin', 'end', 'while'].includes(k)) {
            try {
              new RegExp(v);
              // m: like Oniguruma in the editor, $ matches before the line's \n.
              found.push({ where: `grammars/${name} ${path}.${k}`, source: v, flags: 'm', oneLine: true });
            } catch {
              skipped++;
            }
          } else visit(v, `${path}.${k}`);
        }
      }
    };
    visit(JSON.parse(readFileSync(join(dir, name), 'utf8')), '');
  }
  return { found, skipped };
}

function findPatterns(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  for (const src of sourceRoots()) {
    for (const file of sourceFiles(src)) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const rel = relative(repoRoot, file);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(sf);
          const slash = text.lastIndexOf('/');
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          literals.push({ where: `${rel}:${line}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
        }
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') dynamic.push(rel);
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') dynamic.push(rel);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return { literals, dynamic };
}

/** Characters a pattern is about: its literal characters and a member of each escape class. */
function alphabet(source: string): string[] {
  const out = new Set<string>(['a', 'A', '1', ' ', '\t', '_', '-', '.', ':', '/', '#', '\u00e9', '\u00a0']);
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[++i] ?? '';
      const classes: Record<string, string[]> = { d: ['7'], D: ['x'], s: [' ', '\n'], S: ['x'], w: ['w'], W: ['!'], b: [], B: [], n: ['\n'], r: ['\r'], t: ['\t'] };
      for (const x of classes[e] ?? (/[a-zA-Z0-9]/.test(e) ? [] : [e])) out.add(x);
      continue;
    }
    if (!'^$()[]{}|?*+'.includes(c)) out.add(c);
  }
  out.add('\n');
  return [...out];
}

/** The literal text a pattern starts with after ^ (so that anchored patterns get past their start). */
function literalStart(source: string): string {
  if (!source.startsWith('^')) return '';
  let out = '';
  for (let i = 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && /[^a-zA-Z0-9]/.test(source[i + 1] ?? 'a')) {
      out += source[++i];
      continue;
    }
    if ('\\^$()[]{}|?*+.'.includes(c)) break;
    out += c;
  }
  // A quantifier after the last character makes it optional: leave it out.
  return /[?*{]/.test(source[1 + out.length] ?? '') ? out.slice(0, -1) : out;
}

function inputs(source: string, oneLine = false): AuditJob['inputs'] {
  const chars = alphabet(source);
  const head = literalStart(source);
  const units = new Set<string>(chars);
  // Consecutive characters of the pattern, alternating: "ab" for a pattern mentioning a then b.
  const lits = [...source].filter((c) => !'\\^$()[]{}|?*+'.includes(c));
  for (let i = 0; i + 1 < lits.length; i++) units.add(lits[i]! + lits[i + 1]!);
  for (const c of chars) units.add(`${c} `);
  const out: { head: string; unit: string; tail: string }[] = [];
  for (const unit of units) for (const tail of ['', '!', '\n']) for (const h of head ? ['', head] : ['']) out.push({ head: h, unit, tail });
  // The editor hands the grammar one line and its line break.
  return oneLine ? out.filter((x) => !x.unit.includes('\n') && !x.head.includes('\n')) : out;
}

/** One worker for every pattern, replaced only when a pattern has to be stopped. */
let worker: Worker | undefined;

function runJob(job: AuditJob): Promise<{ slow: { index: number; ms: number }[]; timedOut?: number }> {
  return new Promise((resolve, reject) => {
    const w = (worker ??= new Worker(new URL('./audit-worker.js', import.meta.url)));
    const slow: { index: number; ms: number }[] = [];
    let next = 0;
    let timer: NodeJS.Timeout;
    const finish = (timedOut?: number): void => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', reject);
      resolve(timedOut === undefined ? { slow } : { slow, timedOut });
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        worker = undefined;
        void w.terminate();
        finish(next);
      }, LIMIT_MS * 4);
    };
    const onMessage = (m: { index?: number; ms?: number; done?: boolean }): void => {
      if (m.done) return finish();
      next = m.index! + 1;
      if (m.ms! > LIMIT_MS) slow.push({ index: m.index!, ms: m.ms! });
      arm();
    };
    w.on('message', onMessage);
    w.on('error', reject);
    arm();
    w.postMessage(job);
  });
}

describe(`regular expressions on ${SIZE.toLocaleString('en')}-character lines`, function () {
  this.timeout(600_000);
  const found = findPatterns();
  const grammar = grammarPatterns();
  const literals = [...found.literals, ...grammar.found];
  const dynamic = found.dynamic;

  it('finds the patterns (sanity)', () => {
    assert.ok(found.literals.length > 80, `only ${found.literals.length} literals found`);
    assert.ok(grammar.found.length > 20, `only ${grammar.found.length} grammar patterns compile as JavaScript (${grammar.skipped} do not)`);
  });

  it('every pattern built with new RegExp has been reviewed', () => {
    const unreviewed = [...new Set(dynamic)].filter((f) => !DYNAMIC[f]);
    assert.deepEqual(unreviewed, [], 'review the new RegExp in these files and add them to DYNAMIC with the reason it is safe');
  });

  it('no literal backtracks super-linearly', async () => {
    // Identical patterns are run once.
    const unique = new Map<string, Found[]>();
    for (const f of literals) {
      const key = `/${f.source}/${f.flags}`;
      unique.set(key, [...(unique.get(key) ?? []), f]);
    }
    const problems: string[] = [];
    for (const [key, where] of unique) {
      const f = where[0]!;
      const job: AuditJob = { source: f.source, flags: f.flags.replace('y', ''), inputs: inputs(f.source, f.oneLine), size: SIZE };
      const r = await runJob(job);
      const show = (i: number): string => {
        const x = job.inputs[i]!;
        return `${JSON.stringify(x.head)} + ${JSON.stringify(x.unit)} x ${Math.ceil(SIZE / x.unit.length)} + ${JSON.stringify(x.tail)}`;
      };
      for (const s of r.slow) problems.push(`${key} (${where.map((w) => w.where).join(', ')}): ${s.ms.toFixed(0)} ms on ${show(s.index)}`);
      if (r.timedOut !== undefined) problems.push(`${key} (${where.map((w) => w.where).join(', ')}): stopped after ${LIMIT_MS * 4} ms on ${show(r.timedOut)}`);
    }
    await worker?.terminate();
    worker = undefined;
    assert.deepEqual(problems, []);
  });
});
