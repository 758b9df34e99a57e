// Meta-tests: the registry, the docs pages, `attls rules` and the README agree, and every docs
// example does what it claims (Avoid triggers the rule, Prefer does not).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeInfo, docsUrl, SEVERITY_RANK, type Severity } from '@attls/language';
import { BUILTIN_CODES, ConfigError, lintText, parseConfig, RULES, ruleEntries, RULE_CATEGORIES } from '@attls/lint';
import { run } from '@attls/cli';
import { docFiles, readDoc } from '../support/docs.js';
import { lintFileExample } from '../support/fixtures.js';
import { memoryIo } from '../support/io.js';
import { repoRoot } from '../support/shared.js';

/** Built-in codes whose Avoid example cannot be produced by a policy, with the reason. */
const NOT_EXECUTABLE: Record<string, string> = {
  'internal-rule-error': 'only a failing rule produces it; the engine test covers it',
  'internal-check-error': 'only a failing built-in check produces it; test/language/checks.test.ts covers it',
  'syntax-unexpected-token': 'the grammar is total, so only a parser defect produces it',
  'sequence-numbers': 'reading the file finds it, not linting a text; test/cli/inputs.test.ts covers it',
  'unreadable-file': 'only following a configuration to a file on disk produces it; test/cli/inputs.test.ts covers it',
};

function fixColumn(fixable: boolean, suggestions: boolean | undefined): string {
  return fixable ? 'safe fix' : suggestions ? 'suggestion' : 'none';
}

const SEVERITY_WORDS = ['error', 'warning', 'info', 'hint'] as const;

/**
 * A severity cell of a docs page or the README: the default severity, then, for a code whose
 * messages differ in weight, the lower ones and when they apply in parentheses ("error (warning
 * when On by default)"). It must name exactly the lower severities of the metadata.
 */
function checkSeverityCell(cell: string, meta: { defaultSeverity: Severity; severities?: Readonly<Record<string, Severity>> }, where: string): void {
  const m = /^([a-z]+)(?: \((.+)\))?$/.exec(cell);
  assert.ok(m, `${where}: severity cell '${cell}'`);
  assert.equal(m[1], meta.defaultSeverity, `${where}: default severity`);
  const lower = [...new Set(Object.values(meta.severities ?? {}))].sort();
  const named = SEVERITY_WORDS.filter((s) => new RegExp(`\\b${s}\\b`).test(m[2] ?? '')).sort();
  assert.deepEqual(named, lower, `${where}: the parenthesis names the lower severities of some findings`);
}

describe('rule catalogue meta-tests', () => {
  const ids = RULES.map((r) => r.meta.id);

  it('registers rules sorted by id, with unique kebab-case ids and valid metadata', () => {
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) {
      assert.match(r.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.meta.id);
      assert.ok(RULE_CATEGORIES.includes(r.meta.category), `${r.meta.id}: category`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(r.meta.defaultSeverity), `${r.meta.id}: severity`);
      for (const [id, sev] of Object.entries(r.meta.severities ?? {})) {
        assert.ok(r.meta.messages?.[id] !== undefined, `${r.meta.id}: severities names the message '${id}'`);
        assert.ok(SEVERITY_RANK[sev] < SEVERITY_RANK[r.meta.defaultSeverity], `${r.meta.id}: '${id}' is below the default severity`);
      }
      assert.match(r.meta.description, /^[A-Z].*\.$/, `${r.meta.id}: description is one sentence`);
      if (r.meta.certainty === 'recalled') assert.notEqual(r.meta.defaultSeverity, 'error', `${r.meta.id}: uncertain rules default to a warning at most`);
      assert.ok(!BUILTIN_CODES.some((b) => b.id === r.meta.id), `${r.meta.id} clashes with a built-in code`);
    }
  });

  it('has at least 25 rules, including the ones the issue names', () => {
    assert.ok(RULES.length >= 25, `${RULES.length} rules`);
    for (const id of ['weak-protocol', 'weak-cipher', 'client-auth-unverified']) assert.ok(ids.includes(id), id);
  });

  it('has a docs page for every rule and built-in code, and no page without one', () => {
    const pages = docFiles().map((f) => f.replace(/\.md$/, ''));
    const codes = [...ids, ...BUILTIN_CODES.map((b) => b.id)];
    for (const id of codes) assert.ok(pages.includes(id), `docs/rules/${id}.md is missing`);
    for (const p of pages) assert.ok(codes.includes(p), `docs/rules/${p}.md documents no rule or code`);
  });

  for (const file of docFiles()) {
    const id = file.replace(/\.md$/, '');
    describe(`docs/rules/${file}`, () => {
      const doc = readDoc(file);
      const rule = RULES.find((r) => r.meta.id === id);
      const builtin = BUILTIN_CODES.find((b) => b.id === id);
      it('follows the page format and agrees with the metadata', () => {
        assert.equal(doc.title, id);
        const meta = rule?.meta ?? builtin!;
        assert.equal(doc.summary, meta.description);
        assert.equal(doc.category, meta.category);
        checkSeverityCell(doc.severity, meta, `docs/rules/${file}`);
        assert.equal(doc.fix, fixColumn(meta.fixable, rule?.meta.hasSuggestions));
        for (const s of ['Why it matters', 'Avoid', 'Prefer', 'Options', 'Fix']) assert.ok(doc.sections.has(s), `section '${s}'`);
        assert.ok(doc.avoid.length + doc.avoidJson.length > 0, 'an Avoid example');
        assert.ok(doc.prefer.length + doc.preferJson.length > 0, 'a Prefer example');
        if (rule?.meta.certainty === 'recalled') {
          assert.match(doc.sections.get('Why it matters')!, /recalled|not confirmed|believed|not documented|unconfirmed/i, 'uncertain facts are said to be uncertain');
        }
      });
      if (NOT_EXECUTABLE[id]) return;
      if (builtin?.source === 'editor') {
        // The editor's own code is about configuration files: the examples are .attlslintrc.json.
        it('Avoid examples are configurations that cannot be used, Prefer examples can be', () => {
          assert.ok(doc.avoidJson.length > 0 && doc.preferJson.length > 0, 'json examples');
          for (const ex of doc.avoidJson) assert.throws(() => parseConfig(ex, '.attlslintrc.json', RULES), ConfigError, ex);
          for (const ex of doc.preferJson) assert.doesNotThrow(() => parseConfig(ex, '.attlslintrc.json', RULES), ex);
        });
        return;
      }
      // A rule that needs options to act shows the configuration its examples are linted with.
      const config = doc.config !== undefined ? parseConfig(doc.config, `docs/rules/${file}`, RULES) : undefined;
      // Codes of a whole configuration are shown with several files (`# file: <path>` lines).
      const lint = async (text: string) => {
        const options = { reportUnusedDisable: true, ...(config ? { config } : {}) };
        const results = builtin?.source === 'policy-set' ? await lintFileExample(text, options) : [lintText(`${id}.ttls`, text, options)];
        return results.flatMap((r) => r.diagnostics).filter((d) => d.code === id);
      };
      it('Avoid examples trigger it', async () => {
        for (const ex of doc.avoid) assert.ok((await lint(ex)).length > 0, `Avoid example does not trigger ${id}:\n${ex}`);
      });
      it('Prefer examples do not trigger it', async () => {
        for (const ex of doc.prefer) assert.deepEqual((await lint(ex)).map((d) => d.message), [], `Prefer example triggers ${id}`);
      });
    });
  }

  it('attls rules --format json equals the registry', async () => {
    const io = memoryIo();
    assert.equal(await run(['rules', '--format', 'json'], io.io), 0);
    const listed = JSON.parse(io.out()) as { id: string; category: string; defaultSeverity: string; description: string; fixable: boolean; docs: string }[];
    assert.deepEqual(
      listed,
      [...RULES].map((r) => ({ id: r.meta.id, category: r.meta.category, defaultSeverity: r.meta.defaultSeverity, description: r.meta.description, fixable: r.meta.fixable, docs: docsUrl(r.meta.id) })),
    );
    assert.deepEqual(Object.keys(listed[0]!), ['id', 'category', 'defaultSeverity', 'description', 'fixable', 'docs']);
  });

  it('attls rules --all adds the built-in codes', async () => {
    const io = memoryIo();
    assert.equal(await run(['rules', '--all', '--format', 'json'], io.io), 0);
    assert.deepEqual((JSON.parse(io.out()) as { id: string }[]).map((e) => e.id), ruleEntries(RULES, { builtins: true }).map((e) => e.id));
  });

  it("the README's rule table matches the registry", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\) \| ([a-z]+) \| ([a-z]+(?: \([^)|]*\))?) \| (yes|no) \|/gm)].map((m) => [m[1], m[2], m[3], m[4]]);
    assert.deepEqual(
      rows.map((r) => [r[0], r[1], r[3]]),
      RULES.map((r) => [r.meta.id, r.meta.category, r.meta.fixable ? 'yes' : 'no']),
    );
    // The severity cell says what the rule's docs page says.
    for (const [id, , cell] of rows) {
      assert.equal(cell, readDoc(`${id}.md`).severity, `README severity of ${id}`);
      checkSeverityCell(cell!, RULES.find((r) => r.meta.id === id)!.meta, `README row ${id}`);
    }
  });

  it('built-in codes give each message its documented default severity', () => {
    for (const b of BUILTIN_CODES) {
      const info = codeInfo(b.id);
      for (const [id, sev] of Object.entries(b.severities ?? {})) {
        if (info) assert.ok(info.messages[id] !== undefined, `${b.id}: severities names the message '${id}'`);
        assert.ok(SEVERITY_RANK[sev] < SEVERITY_RANK[b.defaultSeverity], `${b.id}: '${id}' is below the default severity`);
      }
    }
  });
});
