// SARIF output validated against the official SARIF 2.1.0 JSON schema (vendored, see
// test/fixtures/sarif/SOURCE.md), plus what GitHub code scanning reads from it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { run } from '@attls/cli';
import { docsUrl } from '@attls/language';
import { RULES } from '@attls/lint';
import { memoryIo } from '../support/io.js';
import { BASE_ADV, policy } from '../support/policies.js';
import { repoRoot } from '../support/shared.js';

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
// ajv-draft-04 is CommonJS with a default export; load it the CommonJS way to keep types simple.
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as new (options: object) => { compile(schema: object): Validate };

const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
    results: { ruleId: string; ruleIndex?: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[]; suppressions?: { kind: string; justification?: string }[] }[];
  }[];
}

async function sarif(files: Record<string, string>, argv: string[]): Promise<{ code: number; log: SarifLog }> {
  const m = memoryIo(files);
  const code = await run(['lint', '--format', 'sarif', ...argv], m.io);
  return { code, log: JSON.parse(m.out()) as SarifLog };
}

describe('SARIF output', () => {
  const text = `# attls-lint-disable trace-too-verbose -- raised while IBM support investigates\n${policy({ group: 'Trace 255', adv: 'TLSv1 On\nTLSv1.1 Off\nTLSv1.2 On\nHandshakeTimout 3' })}`;
  const files = { '/work/dir with space/a.ttls': text, '/work/b.ttls': `${policy()}}\n` };

  it('is valid against the SARIF 2.1.0 schema', async () => {
    const { log } = await sarif(files, ['dir with space/a.ttls', 'b.ttls']);
    // The schema's uri and date-time formats are not checked (ajv-formats is not a dependency).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it('describes every rule with its help URI, and results point into that list', async () => {
    const { log } = await sarif(files, ['dir with space/a.ttls', 'b.ttls']);
    const r = log.runs[0]!;
    assert.equal(log.version, '2.1.0');
    assert.equal(r.tool.driver.name, 'attls-lint');
    for (const rule of RULES) assert.equal(r.tool.driver.rules.find((x) => x.id === rule.meta.id)?.helpUri, docsUrl(rule.meta.id));
    for (const res of r.results) assert.equal(r.tool.driver.rules[res.ruleIndex!]!.id, res.ruleId);
  });

  it('has 1-based regions, levels, encoded relative URIs and suppressions with their reason', async () => {
    const { log, code } = await sarif(files, ['dir with space/a.ttls', 'b.ttls']);
    assert.equal(code, 1);
    const results = log.runs[0]!.results;
    const weak = results.find((x) => x.ruleId === 'weak-protocol')!;
    assert.equal(weak.level, 'error');
    assert.equal(weak.locations[0]!.physicalLocation.artifactLocation.uri, 'dir%20with%20space/a.ttls');
    assert.deepEqual(weak.locations[0]!.physicalLocation.region, { startLine: 24, startColumn: 11, endLine: 24, endColumn: 13 });
    const suppressed = results.find((x) => x.ruleId === 'trace-too-verbose')!;
    assert.deepEqual(suppressed.suppressions, [{ kind: 'inSource', justification: 'raised while IBM support investigates' }]);
    assert.equal(results.find((x) => x.ruleId === 'syntax-unexpected-brace')?.level, 'error');
    void BASE_ADV;
  });
});
