// End to end in a real editor: Neovim's built-in LSP client, headless, drives the bundled server
// (diagnostics, hover, definition, completion, quick fix, rename, formatting). Fails when nvim is
// missing: CI installs it (.ci/run), and a skipped editor test would hide a broken server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatText } from '@attls/service';
import { repoRoot } from '../support/shared.js';

const POLICY = `TTLSRule Secure {
  LocalPortRange 992
  Direction inbound
  TTLSGroupActionRef gSecure
  TTLSEnvironmentActionRef eServer
}
TTLSGroupAction gSecure
{
  TLLSEnabled On
}
TTLSEnvironmentAction eServer
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring TCPIP/Ring
  }
  TTLSEnvironmentAdvancedParms
  {
    ClientAuthType Required
  }
}
`;

describe('Neovim end to end', function () {
  this.timeout(90_000);

  it('diagnoses, hovers, jumps, completes, fixes, renames and formats in headless Neovim', () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.ok(!version.error, 'nvim not found: install Neovim (apt-get install -y neovim; .ci/run does this)');
    const dir = mkdtempSync(join(tmpdir(), 'attls-nvim-'));
    const xdg = mkdtempSync(join(tmpdir(), 'attls-xdg-'));
    try {
      mkdirSync(join(dir, 'ws'));
      writeFileSync(join(dir, 'ws', 'policy.ttls'), POLICY);
      copyFileSync(join(repoRoot, 'test', 'e2e', 'neovim.lua'), join(dir, 'test.lua'));
      const env = { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CACHE_HOME: xdg, ATTLS_SERVER: join(repoRoot, 'packages', 'server', 'dist', 'server.cjs') };
      const run = spawnSync('timeout', ['60', 'nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', 'luafile test.lua'], { cwd: dir, env, encoding: 'utf8' });
      let result = '';
      try {
        result = readFileSync(join(dir, 'result.txt'), 'utf8');
      } catch {
        // no result file: reported below
      }
      assert.equal(run.status, 0, `nvim exited ${run.status}\n${result}\n${run.stderr}`);
      if (process.env.ATTLS_E2E_VERBOSE) console.log(result);
      const lines = result.split('\n');
      const get = (tag: string): string[] => lines.filter((l) => l.startsWith(`${tag} `)).map((l) => l.slice(tag.length + 1));
      assert.ok(get('DIAG').some((d) => /^8:2 sev=1 Unknown parameter 'TLLSEnabled'/.test(d)), get('DIAG').join('\n'));
      assert.ok(get('DIAG').some((d) => /^0:16 sev=2 Put '\{' on a line of its own/.test(d)), 'brace placement warning');
      // Style reaches Neovim as a hint (LSP severity 4), not as information.
      assert.ok(get('DIAG').some((d) => /^2:12 sev=4 Write 'Inbound' as documented/.test(d)), 'value case hint');
      assert.match(get('HOVER')[0]!, /\*\*ClientAuthType\*\* — parameter of TTLSEnvironmentAdvancedParms/);
      assert.deepEqual(get('DEFINITION'), ['10:22']);
      assert.deepEqual(get('COMPLETION'), ['Client,Server,ServerWithClientAuth']);
      assert.deepEqual(get('QUICKFIX'), ['  TTLSEnabled On']);
      assert.deepEqual(get('RENAME'), ['2']);
      assert.ok(Number(get('FORMAT')[0]) > 0);
      const text = get('TEXT').join('\n') + '\n';
      const expected = formatText(POLICY.replace('TLLSEnabled', 'TTLSEnabled').replaceAll('gSecure', 'gRenamed')).text;
      assert.equal(text, expected, 'the buffer ends formatted, fixed and renamed');
      assert.equal(get('AFTER').length, 1, 'diagnostics updated after the edits');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(xdg, { recursive: true, force: true });
    }
  });
});
