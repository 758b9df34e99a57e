// The build step that turns array for-of loops and array patterns into indexed reads
// (scripts/array-loops.mjs): what it rewrites, what it leaves alone, and that the rewritten code
// behaves as the original.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { repoRoot } from '../support/shared.js';

type Transformer = (checker: ts.TypeChecker) => ts.TransformerFactory<ts.SourceFile>;

/** Compiles one TypeScript module in memory, with or without the transformer. */
function compile(source: string, indexedLoops: Transformer | undefined): string {
  const name = '/virtual/sample.ts';
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, strict: true, lib: ['lib.es2023.d.ts'] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === name ? source : readFile(f));
  host.fileExists = (f) => f === name || ts.sys.fileExists(f);
  host.getSourceFile = (f, v) => (f === name ? ts.createSourceFile(f, source, v) : getSourceFile(f, v));
  let out = '';
  host.writeFile = (_f, text) => {
    out = text;
  };
  const program = ts.createProgram([name], options, host);
  program.emit(undefined, undefined, undefined, false, indexedLoops ? { before: [indexedLoops(program.getTypeChecker())] } : undefined);
  return out;
}

/** Runs a compiled module whose last statement assigns `result`, and returns it. */
function run(js: string): unknown {
  return new Function(`${js.replace(/^export /gm, '')}\nreturn result;`)();
}

const SAMPLE = `
const words: string[] = ['a', 'b', 'c'];
const seen: string[] = [];
for (const w of words) {
  if (w === 'a') words.push('d');
  if (w === 'b') continue;
  seen.push(w);
}
const pairs: [string, number][] = [['x', 1], ['y', 2]];
let sum = 0;
for (const [k, n] of pairs) sum += n + k.length;
const m = new Map<string, number>([['p', 10], ['q', 20]]);
for (const [key, value] of m) sum += value + key.length;
const set = new Set([100]);
for (const v of set) sum += v;
let chars = '';
for (const ch of 'hé') chars += ch + '.';
const [first, , third] = words;
const [withDefault = 'z'] = [] as string[];
const closures: (() => string)[] = [];
for (const w of ['u', 'v']) closures.push(() => w);
const maybe: number[] | readonly number[] = [7, 8];
for (const x of maybe) sum += x;
const result = { seen, sum, chars, first, third, withDefault, closed: closures.map((f) => f()) };
`;

describe('build: indexed array loops (scripts/array-loops.mjs)', () => {
  let indexedLoops: Transformer;
  before(async () => {
    ({ indexedLoops } = (await import(pathToFileURL(join(repoRoot, 'scripts', 'array-loops.mjs')).href)) as { indexedLoops: Transformer });
  });

  it('rewrites loops and patterns over arrays and tuples, and leaves maps, sets and strings to the iterator', () => {
    const js = compile(SAMPLE, indexedLoops);
    assert.match(js, /for \(let i(_\d+)? = 0, a(_\d+)? = words; i\1? < a\2?\.length; i\1?\+\+\)/);
    assert.doesNotMatch(js, /of words\)|of pairs\)|of maybe\)|of \['u', 'v'\]\)/);
    assert.match(js, /of m\)/);
    assert.match(js, /of set\)/);
    assert.match(js, /of 'hé'\)/);
    // `[key, value]` over a map's entries reads the entry by index; a pattern with a default stays.
    assert.match(js, /key = e(_\d+)?\[0\], value = e\1?\[1\]/);
    assert.match(js, /first = e(_\d+)?\[0\], third = e\1?\[2\]/);
    assert.match(js, /\[withDefault = 'z'\]/);
  });

  it('gives the same results as the loops it replaces (pushes during the loop, continue, closures)', () => {
    const plain = run(compile(SAMPLE, undefined));
    const rewritten = run(compile(SAMPLE, indexedLoops));
    assert.deepEqual(rewritten, plain);
    assert.deepEqual((plain as { seen: string[] }).seen, ['a', 'c', 'd']);
  });

  it('is applied to the built packages: the model walks its statements with indexed loops', () => {
    const built = readFileSync(join(repoRoot, 'packages', 'language', 'out', 'model', 'checks.js'), 'utf8');
    assert.doesNotMatch(built, /for \(const p of s\.params\)/);
    assert.match(built, /; i(_\d+)? < a(_\d+)?\.length; /);
  });
});
