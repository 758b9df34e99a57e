// The editor's "Compare with installed policy": the language server's attls/compareInstalled
// request (the open policy against report text the editor sends) and the panel's HTML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderInstalledDiff, type InstalledDiff } from 'attls/out/installed-diff.js';
import { TestClient } from '../support/lsp-client.js';
import { repoRoot } from '../support/shared.js';

const dir = join(repoRoot, 'test', 'fixtures', 'pasearch');
const REPORT = readFileSync(join(dir, 'easyattls.report'), 'utf8');
const REBUILT = readFileSync(join(dir, 'easyattls-rebuilt.ttls'), 'utf8');
const URI = 'file:///ws/rebuilt.ttls';
const REPORT_URI = 'file:///ws/pasearch.txt';

describe('editor: compare with installed policy', function () {
  this.timeout(20000);
  let client: TestClient | undefined;
  afterEach(async () => {
    if (client) {
      assert.deepEqual(client.errors(), [], 'the server logged no error');
      await client.dispose();
    }
    client = undefined;
  });

  it('attls/compareInstalled: the open policy against the report, with places on both sides', async () => {
    client = TestClient.inProcess({ files: null });
    await client.initialize();
    await client.open(URI, REBUILT, 1);
    await client.diagnosticsFor(URI, 1);
    const r = (await client.request('attls/compareInstalled', { textDocument: { uri: URI }, report: { uri: REPORT_URI, text: REPORT } })) as { diff: InstalledDiff; text: string };
    assert.deepEqual(r.diff.old, { source: URI, kind: 'policy' });
    assert.deepEqual(r.diff.new, { source: REPORT_URI, kind: 'pasearch' });
    assert.deepEqual(r.diff.rules.added, ['TNZZZZ']);
    assert.deepEqual(r.diff.places.new['TNZZZZ'], { file: REPORT_URI, line: REPORT.split('\n').findIndex((l) => l.startsWith('policyRule:             TNZZZZ')) + 1 });
    assert.deepEqual(r.diff.places.old['GPMSERVE'], { file: URI, line: REBUILT.split('\n').findIndex((l) => l.includes('TTLSRule GPMSERVE')) + 1 });
    assert.match(r.text, /^1 rule added, 11 rules changed, 10 regions of connections with another outcome\.$/m);

    const html = renderInstalledDiff(r.diff);
    // Links go to the rule on its side: the report's line of TNZZZZ, 0-based.
    assert.match(html, new RegExp(`<a href="#" class="place" data-file="${REPORT_URI}" data-line="${r.diff.places.new['TNZZZZ']!.line - 1}" data-character="0"[^>]*>TNZZZZ</a>`));
    assert.match(html, /<td>setting TLSv1 <span class="badge info"[^>]*>default<\/span><\/td><td><code>On<\/code><\/td><td><code>Off<\/code>/);
    assert.match(html, /local port 2023, job TN3270/);
  });

  it('says what is wrong with the report text, and takes the image of a report of several', async () => {
    client = TestClient.inProcess({ files: null });
    await client.initialize();
    await client.open(URI, REBUILT, 1);
    await client.diagnosticsFor(URI, 1);
    await assert.rejects(client.request('attls/compareInstalled', { textDocument: { uri: URI }, report: { uri: URI, text: REBUILT } }), /is not pasearch output/);
    await assert.rejects(client.request('attls/compareInstalled', { textDocument: { uri: URI } }), /needs textDocument\.uri and report\.uri and report\.text/);
    const two = `${REPORT}\n${REPORT.replace('Image Name: TCPIP', 'Image Name: TCPIPB')}`;
    await assert.rejects(client.request('attls/compareInstalled', { textDocument: { uri: URI }, report: { uri: REPORT_URI, text: two } }), /several images \(TCPIP, TCPIPB\)/);
    const r = (await client.request('attls/compareInstalled', { textDocument: { uri: URI }, report: { uri: REPORT_URI, text: two }, image: 'TCPIPB' })) as { diff: InstalledDiff };
    assert.deepEqual(r.diff.rules.added, ['TNZZZZ']);
  });

  it('the panel escapes what policies and reports contain', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const d: InstalledDiff = {
      old: { source: 'a.ttls', kind: 'policy' },
      new: { source: 'r.txt', kind: 'pasearch' },
      rules: { added: [evil], removed: [], reordered: [], changed: [{ rule: evil, changes: [{ kind: 'setting', name: 'Keyring', old: evil, new: 'x"y' }] }] },
      connections: [{ example: { direction: 'inbound', jobname: evil }, old: { rule: null, secured: false }, new: { rule: evil, secured: true }, settings: [], region: [{ family: 4, direction: 'inbound', jobname: evil }] }],
      notes: [evil],
      places: { old: {}, new: { [evil]: { file: 'r.txt"><script>', line: 3 } } },
    };
    const html = renderInstalledDiff(d);
    assert.doesNotMatch(html, /<img|<script/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /data-file="r\.txt&quot;&gt;&lt;script&gt;" data-line="2"/);
  });
});
