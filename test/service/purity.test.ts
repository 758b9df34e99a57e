// @attls/service stays pure: no file system, process or connection, so the same features can run
// in a browser (Monaco) or any other host. Only types come from the LSP packages.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('@attls/service purity', () => {
  const files = sources(join(repoRoot, 'packages', 'service', 'src'));
  it('has sources', () => assert.ok(files.length > 10));
  for (const file of files) {
    it(file.slice(file.indexOf('packages/')), () => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        const [, typeOnly, from] = m;
        assert.ok(!from!.startsWith('node:') && !['fs', 'path', 'os', 'child_process'].includes(from!), `${from} imported`);
        if (from!.startsWith('vscode-languageserver')) {
          assert.equal(from, 'vscode-languageserver-types', 'only the LSP types');
          assert.ok(typeOnly, 'LSP types are imported as types only');
        }
      }
      assert.doesNotMatch(text, /\bprocess\.|\brequire\(/, 'no process or require');
    });
  }
});
