// The TextMate grammar against the catalogue: it is what the generator makes of the catalogue
// today, every keyword and enum value gets its colour in any case, near-misses get none, and the
// annotated files under grammars/test pass vscode-tmgrammar-test.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as language from '@attls/language';
import { catalogue, closest } from '@attls/language';
import vsctm from 'vscode-textmate';
import onig from 'vscode-oniguruma';
import { repoRoot } from '../support/shared.js';

const require = createRequire(import.meta.url);
const GRAMMAR = join(repoRoot, 'grammars', 'attls.tmLanguage.json');

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammar: vsctm.IGrammar;

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR),
  });
  const g = await registry.loadGrammar('source.attls');
  if (!g) throw new Error('grammar source.attls did not load');
  return g;
}

/** Tokens of each line of `text`, keeping only tokens with a scope beyond the file's and blocks'. */
function tokenize(text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes.filter((s) => s !== 'source.attls' && s !== 'meta.block.attls'),
    }));
  });
}

function scopeOf(line: readonly Token[], text: string): string {
  const t = line.find((x) => x.text.trim() === text);
  assert.ok(t, `no token '${text}' in ${JSON.stringify(line)}`);
  return t.scopes.join(' ');
}

const KEYWORD_SCOPES = /\bkeyword\.other\./;

function variants(word: string): string[] {
  return [word, word.toLowerCase(), word.toUpperCase()];
}

describe('TextMate grammar', () => {
  before(async () => {
    grammar = await loadGrammar();
  });

  it('is what scripts/gen-grammar.mjs makes of the catalogue today', async () => {
    const gen = (await import(pathToFileURL(join(repoRoot, 'scripts', 'gen-grammar.mjs')).href)) as {
      grammarText(lang: unknown): string;
    };
    assert.equal(readFileSync(GRAMMAR, 'utf8'), gen.grammarText(language), 'run: npm run build && node scripts/gen-grammar.mjs');
  });

  it('colours every block statement keyword and alias as a statement, with the name it defines', () => {
    for (const s of catalogue.statements.filter((x) => x.shape === 'block')) {
      for (const kw of [s.name, ...(s.aliases ?? [])].flatMap(variants)) {
        const [line] = tokenize(`${kw} Name1`);
        assert.equal(scopeOf(line!, kw), 'keyword.other.statement.attls', kw);
        assert.equal(scopeOf(line!, 'Name1'), 'entity.name.type.attls', kw);
      }
    }
  });

  it('colours every one-line configuration statement and every foreign statement', () => {
    for (const s of catalogue.statements.filter((x) => x.shape === 'line')) {
      for (const kw of [s.name, ...(s.aliases ?? [])].flatMap(variants)) {
        assert.equal(scopeOf(tokenize(`${kw} x`)[0]!, kw), 'keyword.other.statement.attls', kw);
      }
    }
    assert.ok(catalogue.foreign.length > 0);
    for (const f of catalogue.foreign) {
      for (const kw of variants(f.name)) {
        assert.equal(scopeOf(tokenize(`${kw} x`)[0]!, kw), 'keyword.other.statement.foreign.attls', kw);
      }
    }
  });

  it('colours every parameter keyword inside a block, ...Ref keywords as references with their target', () => {
    const statementNames = new Set(catalogue.statements.map((s) => s.name.toLowerCase()));
    let checked = 0;
    for (const s of catalogue.statements) {
      for (const p of s.parameters) {
        for (const kw of variants(p.name)) {
          const lines = tokenize(`${s.name} n\n{\n  ${kw} Target1\n}`);
          const expected = statementNames.has(p.name.toLowerCase())
            ? 'keyword.other.statement.attls'
            : p.kind === 'name-ref'
              ? 'keyword.other.reference.attls'
              : 'keyword.other.parameter.attls';
          assert.equal(scopeOf(lines[2]!, kw), expected, `${s.name} ${kw}`);
          if (p.kind === 'name-ref') assert.equal(scopeOf(lines[2]!, 'Target1'), 'variable.other.reference.attls', kw);
          checked++;
        }
      }
    }
    assert.ok(checked > 300, `only ${checked} parameter keywords checked`);
  });

  it('colours every enum value of every enum parameter, in any case, and nothing else after it', () => {
    for (const s of catalogue.statements) {
      for (const p of s.parameters.filter((x) => x.kind === 'enum')) {
        const values = (p.values ?? []).map((v) => v.value);
        assert.ok(values.length > 0, `${p.name} has no values`);
        for (const v of values.flatMap(variants)) {
          const [line] = tokenize(`${p.name} ${v}`);
          assert.equal(scopeOf(line!, v), 'constant.language.attls', `${p.name} ${v}`);
        }
        const wrong = values[0] + 'x';
        assert.doesNotMatch(scopeOf(tokenize(`${p.name} ${wrong}`)[0]!, wrong), /constant/, `${p.name} ${wrong}`);
      }
    }
  });

  it('leaves keywords one edit away from a known keyword uncoloured', () => {
    const known = catalogue.allKeywords();
    const knownLower = new Set(known.map((k) => k.toLowerCase()));
    let checked = 0;
    for (const kw of known) {
      // Drop one letter in the middle: the typical typo (TTLSEnabled -> TTLSEnbled).
      const typo = kw.slice(0, Math.floor(kw.length / 2)) + kw.slice(Math.floor(kw.length / 2) + 1);
      if (knownLower.has(typo.toLowerCase()) || typo.length < 3) continue;
      assert.deepEqual(closest(typo, known).length > 0, true, `${typo} should be near ${kw}`);
      const [line] = tokenize(`${typo} On`);
      const scopes = scopeOf(line!, typo);
      assert.doesNotMatch(scopes, KEYWORD_SCOPES, typo);
      assert.equal(scopes, 'meta.keyword.unknown.attls', typo);
      assert.doesNotMatch(scopeOf(line!, 'On'), /constant/, typo);
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} typos checked`);
  });

  it('passes the annotated files under grammars/test (vscode-tmgrammar-test)', function () {
    this.timeout(60000);
    const bin = join(repoRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
    let out: string;
    try {
      out = execFileSync(process.execPath, [bin, '-g', GRAMMAR, 'grammars/test/*.ttls'], {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      assert.fail(`vscode-tmgrammar-test failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
    const files = out.split('\n').filter((l) => /run successfuly/.test(l));
    assert.ok(files.length >= 6, `expected at least 6 annotated files to pass, got:\n${out}`);
  });
});
