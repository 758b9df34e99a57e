// Rule fixtures: test/fixtures/rules/<code>/ holds policies whose expected findings of <code> are
// `#` annotations (see annotations.ts). This module finds the cases, reads their settings and
// lints them the way `attls lint` would; the runner and the meta-tests compare and count.
//
// A case is one of:
//   <name>.ttls          one policy file, linted alone;
//   <name>/*.ttls        the files of one policy, linted together in name order (a common file
//                        before a stack's file: name them 1-common.ttls, 2-stack.ttls);
//   <name>/pagent.conf   a Policy Agent main configuration file, followed to every stack's policy
//                        with the case folder as the z/OS root (a flat folder works too: a file
//                        is also looked for by its base name next to pagent.conf).
//
// The first line of a case's first file (pagent.conf, or the first policy file) may set:
//   # attls-fixture: release=3.2 severity=warning options={"max":2} failing-rule
// release     the target z/OS release (default: the linter's own);
// severity    the configured severity of the fixture's code (configuring it, as a user would,
//             also lifts the warning cap on findings that rest on unconfirmed facts);
// options     the fixture's rule options, as in .attlslintrc.json (the severity is then the
//             configured one, or the rule's default);
// failing-rule  adds a rule that throws, to show where internal-rule-error lands.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { loadPolicySet, parse, TARGET_RELEASES, type Diagnostic, type LineIndex, type TargetRelease } from '@attls/language';
import {
  builtinCode,
  defineRule,
  EMPTY_CONFIG,
  lintPolicy,
  lintPolicySet,
  lintText,
  parseConfig,
  RULES,
  type LintConfig,
  type LintOptions,
  type LintResult,
  type Rule,
} from '@attls/lint';
import { fixturesDir } from './shared.js';

/** Where the rule fixtures live: one folder per rule and per built-in code. */
export const RULE_FIXTURES_DIR = join(fixturesDir, 'rules');

/** The main file that makes a case folder a whole Policy Agent configuration. */
export const MAIN_CONFIGURATION = 'pagent.conf';

export interface FixtureSettings {
  readonly release?: TargetRelease;
  readonly severity?: 'off' | 'error' | 'warning' | 'info' | 'hint';
  readonly options?: Record<string, unknown>;
  readonly failingRule?: boolean;
}

export interface FixtureCase {
  /** The code the fixture is about (its folder's name). */
  readonly code: string;
  /** Path of the case relative to RULE_FIXTURES_DIR/<code>: a file or a folder name. */
  readonly name: string;
  readonly kind: 'file' | 'policy' | 'configuration';
  /** The files of the case, absolute, in reading order (pagent.conf first for a configuration). */
  readonly files: readonly string[];
}

/** What one file of a case is compared with: its text and every finding in it, of every code. */
export interface FixtureFile {
  readonly path: string;
  readonly text: string;
  readonly lineIndex: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

const DIRECTIVE = /^#\s*attls-fixture:(.*)$/;

/**
 * Reads the settings of a fixture's first line. Anything it does not understand is an error, so
 * that a misspelt setting cannot silently test something else.
 */
export function readSettings(text: string): FixtureSettings {
  const first = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const m = DIRECTIVE.exec(first);
  if (!m) return {};
  const body = m[1]!;
  const out: { -readonly [K in keyof FixtureSettings]: FixtureSettings[K] } = {};
  let i = 0;
  while (i < body.length) {
    if (/\s/.test(body[i]!)) {
      i++;
      continue;
    }
    const word = /^[a-z-]+/.exec(body.slice(i))?.[0];
    if (!word) throw new Error(`attls-fixture: cannot read '${body.slice(i)}'`);
    i += word.length;
    if (word === 'failing-rule') {
      out.failingRule = true;
      continue;
    }
    if (body[i] !== '=') throw new Error(`attls-fixture: '${word}' needs a value (${word}=...)`);
    i++;
    let value: string;
    if (body[i] === '{') {
      const end = jsonObjectEnd(body, i);
      value = body.slice(i, end);
      i = end;
    } else {
      value = /^\S*/.exec(body.slice(i))![0];
      i += value.length;
    }
    if (word === 'release') {
      if (!(TARGET_RELEASES as readonly string[]).includes(value)) throw new Error(`attls-fixture: release must be one of ${TARGET_RELEASES.join(', ')}, not '${value}'`);
      out.release = value as TargetRelease;
    } else if (word === 'severity') {
      if (!['off', 'error', 'warning', 'info', 'hint'].includes(value)) throw new Error(`attls-fixture: unknown severity '${value}'`);
      out.severity = value as FixtureSettings['severity'];
    } else if (word === 'options') {
      const parsed: unknown = JSON.parse(value);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('attls-fixture: options must be a JSON object');
      out.options = parsed as Record<string, unknown>;
    } else {
      throw new Error(`attls-fixture: unknown setting '${word}' (known: release, severity, options, failing-rule)`);
    }
  }
  return out;
}

/** The offset after the JSON object that starts at `start` (braces inside strings do not count). */
function jsonObjectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error('attls-fixture: options are not a complete JSON object');
}

/** A rule that always throws: what a defect in a rule looks like to the engine. */
export const FAILING_RULE: Rule = defineRule({
  meta: { id: 'fixture-failing-rule', category: 'correctness', defaultSeverity: 'error', description: 'Throws, for the internal-rule-error fixtures.', fixable: false },
  check() {
    throw new Error('this rule fails on purpose');
  },
});

function defaultSeverity(code: string): string {
  const severity = RULES.find((r) => r.meta.id === code)?.meta.defaultSeverity ?? builtinCode(code)?.defaultSeverity;
  if (!severity) throw new Error(`'${code}' is neither a rule nor a built-in code`);
  return severity;
}

/**
 * Lint options for a fixture of `code`: every rule on (and unused directives reported), the
 * fixture's release, and its severity and options written as a configuration file would have them
 * (so that parseConfig checks the option names and types).
 */
export function lintOptionsFor(code: string, settings: FixtureSettings): LintOptions {
  let config: LintConfig = EMPTY_CONFIG;
  if (settings.severity !== undefined || settings.options !== undefined) {
    const severity = settings.severity ?? defaultSeverity(code);
    const setting = settings.options === undefined ? severity : [severity, settings.options];
    config = parseConfig(JSON.stringify({ rules: { [code]: setting } }), `attls-fixture line of a ${code} fixture`, RULES);
  }
  return {
    targetRelease: settings.release,
    config,
    reportUnusedDisable: true,
    rules: settings.failingRule ? [...RULES, FAILING_RULE] : RULES,
  };
}

/** The codes that have a fixture folder. */
export function fixtureCodes(): string[] {
  if (!existsSync(RULE_FIXTURES_DIR)) return [];
  return readdirSync(RULE_FIXTURES_DIR).filter((f) => statSync(join(RULE_FIXTURES_DIR, f)).isDirectory()).sort();
}

const visible = (name: string): boolean => !name.startsWith('.');

/** The cases of one code's folder, by name. Anything that is neither a .ttls file nor a case folder is an error. */
export function fixtureCases(code: string): FixtureCase[] {
  const dir = join(RULE_FIXTURES_DIR, code);
  const out: FixtureCase[] = [];
  for (const name of readdirSync(dir).filter(visible).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path).filter(visible).sort();
      const folders = names.filter((n) => statSync(join(path, n)).isDirectory());
      if (folders.length > 0) throw new Error(`${code}/${name}: a case folder is flat (found the folder ${folders[0]})`);
      if (names.includes(MAIN_CONFIGURATION)) {
        const rest = names.filter((n) => n !== MAIN_CONFIGURATION);
        out.push({ code, name, kind: 'configuration', files: [MAIN_CONFIGURATION, ...rest].map((n) => join(path, n)) });
      } else {
        const other = names.filter((n) => !n.endsWith('.ttls'));
        if (other.length > 0) throw new Error(`${code}/${name}: a policy case holds only .ttls files (or add ${MAIN_CONFIGURATION}); found ${other.join(', ')}`);
        if (names.length === 0) throw new Error(`${code}/${name} is empty`);
        out.push({ code, name, kind: 'policy', files: names.map((n) => join(path, n)) });
      }
    } else if (name.endsWith('.ttls')) {
      out.push({ code, name, kind: 'file', files: [path] });
    } else {
      throw new Error(`${code}/${name}: a fixture is a .ttls file or a case folder`);
    }
  }
  return out;
}

/** Reads a file of a case as the CLI does for UTF-8 text (a byte-order mark is dropped). */
function readText(path: string): string {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

/** Every file of a case with its findings of every code. */
export async function lintCase(c: FixtureCase): Promise<FixtureFile[]> {
  const texts = new Map(c.files.map((f) => [f, readText(f)]));
  const settings = readSettings(texts.get(c.files[0]!)!);
  const options = lintOptionsFor(c.code, settings);
  let results: LintResult[];
  if (c.kind === 'file') {
    results = [lintText(c.files[0]!, texts.get(c.files[0]!)!, options)];
  } else if (c.kind === 'policy') {
    results = lintPolicy(c.files.map((f) => ({ uri: f, text: texts.get(f)! })), options).results;
  } else {
    const root = resolve(c.files[0]!, '..');
    // Confined to the case folder: a configuration naming a file elsewhere finds nothing.
    const read = async (p: string): Promise<string | undefined> => {
      const abs = resolve(p);
      if (relative(root, abs).startsWith('..') || !existsSync(abs) || !statSync(abs).isFile()) return undefined;
      return texts.get(abs) ?? readText(abs);
    };
    const set = await loadPolicySet(c.files[0]!, texts.get(c.files[0]!)!, { root, read });
    results = lintPolicySet(set, options);
  }
  const byUri = new Map(results.map((r) => [resolve(r.uri), r]));
  return c.files.map((f) => {
    const r = byUri.get(f);
    const text = texts.get(f)!;
    return { path: f, text, lineIndex: r?.lineIndex ?? parse(text).lineIndex, diagnostics: r?.diagnostics ?? [] };
  });
}

/** The name a runner shows for one file of a case. */
export function fixtureLabel(path: string): string {
  return relative(RULE_FIXTURES_DIR, path).split(sep).join('/');
}

/**
 * Lints an example made of several files, as docs pages show a whole configuration: an
 * `attls` block whose `# file: <z/OS path>` lines start each file, the main configuration file
 * first. The files are read from memory with `/` as the z/OS root.
 */
export async function lintFileExample(example: string, options: LintOptions = {}): Promise<LintResult[]> {
  const files = splitFileExample(example);
  if (files.length === 0) throw new Error('the example names no file (# file: /etc/pagent.conf)');
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const main = files[0]!;
  const set = await loadPolicySet(main.path, main.text, { root: '/', read: async (p) => byPath.get(p) });
  return lintPolicySet(set, options);
}

/** The files of a multi-file example: each starts at a `# file: <path>` line. */
export function splitFileExample(example: string): { path: string; text: string }[] {
  const out: { path: string; lines: string[] }[] = [];
  for (const line of example.split('\n')) {
    const m = /^# file: (\S+)\s*$/.exec(line);
    if (m) out.push({ path: m[1]!, lines: [] });
    else out[out.length - 1]?.lines.push(line);
  }
  return out.map((f) => ({ path: f.path, text: f.lines.join('\n') }));
}
