// Language server figures for `npm run bench`: a 10,000-line policy in the bundled server over
// stdio. Time from a one-character edit to published diagnostics (and that minus the debounce),
// hover, completion and definition latency on a settled document and right after an edit, and
// the server's memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DEBOUNCE_MS } from '@attls/server';
import { getDiagnostics, Workspace } from '@attls/service';
import { TestClient } from '../support/lsp-client.js';
import { random } from '../support/random.js';
import { repoRoot } from '../support/shared.js';
import { generatePolicy } from './generate.js';

// The server's own default, so the figure is what a user gets.
const DEBOUNCE_MS = DEFAULT_DEBOUNCE_MS;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

const f = (n: number): string => n.toFixed(1);
const stats = (xs: number[]): string => `median ${f(quantile(xs, 0.5))} ms, p95 ${f(quantile(xs, 0.95))} ms`;

/** Peak and current resident memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '0')![0]);
    return { rssMb: kb('VmRSS:') / 1024, peakMb: kb('VmHWM:') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

export interface ServerFigures {
  readonly debounceMs: number;
  /** From sending a one-character edit to the diagnostics of that version, debounce included. */
  readonly diagnosticsAfterEdit: { readonly median: number; readonly p95: number };
  /** A hover sent right after a one-character edit, answered from the new version. */
  readonly hoverAfterEdit: { readonly median: number; readonly p95: number };
}

const figures = (xs: number[]): { median: number; p95: number } => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95) });

export async function benchServer(): Promise<ServerFigures> {
  // About 46 lines per rule: 218 rules make a little over 10,000 lines.
  const text = generatePolicy({ rules: 218 });
  const lines = text.split('\n');
  console.log(`\nLanguage server, bundled, over stdio: ${lines.length} lines, ${f(text.length / 1024)} KB`);
  // The work behind one keystroke, in this process: parse, model and checks, lint, LSP conversion.
  const ws = new Workspace();
  const perEdit: number[] = [];
  for (let i = 0; i < 40; i++) {
    const s = performance.now();
    ws.setDocument('file:///bench/inproc.ttls', i % 2 ? text : `${text}x`, i);
    getDiagnostics(ws.snapshot('file:///bench/inproc.ttls')!);
    if (i >= 5) perEdit.push(performance.now() - s);
  }
  console.log(`re-analysis per edit:         ${stats(perEdit)} (in process, no debounce)`);
  const client = TestClient.spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), join(repoRoot, 'packages', 'server', 'dist', 'server.cjs'), '--stdio']);
  const uri = 'file:///bench/policy.ttls';
  const rnd = random(7);
  try {
    await client.initialize({ settings: { debounceMs: DEBOUNCE_MS } });
    let version = 1;
    let t = performance.now();
    await client.open(uri, text, version);
    await client.diagnosticsFor(uri, version, 0, 60_000);
    console.log(`open to first diagnostics:    ${f(performance.now() - t)} ms`);

    const linesWith = (needle: string): number[] => lines.flatMap((l, i) => (l.includes(needle) ? [i] : []));
    const refLines = linesWith('TTLSGroupActionRef');
    const paramLines = linesWith('  HandshakeRole');
    const pick = (xs: number[]): number => xs[Math.floor(rnd() * xs.length)]!;

    // One-character edits inside a rule's Priority value, alternately typed and deleted.
    const edit = async (): Promise<number> => {
      const line = pick(linesWith('  Priority'));
      const character = lines[line]!.length;
      const typed = version % 2 === 1;
      const change = typed
        ? { range: { start: { line, character }, end: { line, character } }, text: '1' }
        : { range: { start: { line, character: character - 1 }, end: { line, character } }, text: '' };
      if (typed) lines[line] += '1';
      else lines[line] = lines[line]!.slice(0, -1);
      const from = client.published.length;
      const start = performance.now();
      await client.change(uri, ++version, [change]);
      await client.diagnosticsFor(uri, version, from, 30_000);
      return performance.now() - start;
    };
    const toDiagnostics: number[] = [];
    for (let i = 0; i < 60; i++) toDiagnostics.push(await edit());
    const after = toDiagnostics.map((x) => x - DEBOUNCE_MS);
    console.log(`edit to diagnostics:          ${stats(toDiagnostics)} (debounce ${DEBOUNCE_MS} ms included; target <= 400 ms)`);
    console.log(`  after the debounce:         ${stats(after)}`);

    const measure = async (method: string, params: () => unknown, n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = params();
        const s = performance.now();
        await client.request(method, p);
        out.push(performance.now() - s);
      }
      return out;
    };
    const td = { textDocument: { uri } };
    const hover = (): unknown => ({ ...td, position: { line: pick(paramLines), character: 4 } });
    const completion = (): unknown => ({ ...td, position: { line: pick(paramLines), character: '  HandshakeRole             '.length } });
    const definition = (): unknown => ({ ...td, position: { line: pick(refLines), character: '  TTLSGroupActionRef        '.length + 2 } });
    for (const [name, method, params] of [
      ['hover', 'textDocument/hover', hover],
      ['completion', 'textDocument/completion', completion],
      ['definition', 'textDocument/definition', definition],
    ] as const) {
      await measure(method, params, 20); // warm-up
      const settled = await measure(method, params, 300);
      console.log(`${`${name} (settled document):`.padEnd(30)}${stats(settled)} (target p95 < 20 ms)`);
    }
    // A hover sent right after a one-character edit must be answered from the new version, so
    // the server analyses it first (only the statement the edit touched is parsed again). Each
    // round then waits for that version's diagnostics, so that rounds do not pile up.
    const cold: number[] = [];
    for (let i = 0; i < 60; i++) {
      const from = client.published.length;
      const line = pick(linesWith('  Priority'));
      const character = lines[line]!.length;
      const typed = version % 2 === 1;
      if (typed) lines[line] += '2';
      else lines[line] = lines[line]!.slice(0, -1);
      const change = typed
        ? { range: { start: { line, character }, end: { line, character } }, text: '2' }
        : { range: { start: { line, character: character - 1 }, end: { line, character } }, text: '' };
      const s = performance.now();
      await client.change(uri, ++version, [change]);
      await client.request('textDocument/hover', hover());
      cold.push(performance.now() - s);
      await client.diagnosticsFor(uri, version, from, 30_000);
    }
    console.log(`hover right after an edit:    ${stats(cold)} (target p95 <= 50 ms; answered from the edited version)`);
    const mem = (await client.request<{ rss: number; heapUsed: number }>('attls/memoryUsage', {})) ?? { rss: NaN, heapUsed: NaN };
    const proc = memoryOf(client.child!.pid!);
    console.log(`server memory:                RSS ${f(mem.rss / 1e6)} MB, peak RSS ${f(proc.peakMb)} MB, heap ${f(mem.heapUsed / 1e6)} MB (target < 200 MB)`);
    return { debounceMs: DEBOUNCE_MS, diagnosticsAfterEdit: figures(toDiagnostics), hoverAfterEdit: figures(cold) };
  } finally {
    await client.dispose();
  }
}
