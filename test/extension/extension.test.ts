// The VS Code extension without VS Code: its manifest against the server and the catalogue, the
// language configuration, which documents content detection may claim, the Explain prompt, where a
// suppression's reason lands, the webview HTML, and the packaged .vsix (size, no node_modules,
// bundles present; the check shown rejecting bad packages) and its bundled server running on its own.
import assert from 'node:assert/strict';
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver/node';
import { answerJson, compilePolicy, diffPolicies, explainMatch, readConnection } from '@attls/evaluate';
import { buildModel, DEFAULT_TARGET_RELEASE, parse, readPasearch, TARGET_RELEASES } from '@attls/language';
import { lintText } from '@attls/lint';
import { readSettings } from '@attls/server';
import { getCodeActions, SHOW_RULE_COMMAND } from '@attls/service';
import { getPropertyLenses, MATCH_CONNECTION_COMMAND } from '@attls/service/property-lenses';
import { announceClaim, mayClaim, MAX_DECLINED, withDeclined } from 'attls/out/claim.js';
import { looksLikePolicy } from 'attls/out/detect.js';
import { explainableSelection, fromInputBox, toInputBox } from 'attls/out/explain-input.js';
import { breakable, escapeHtml, linkPlaces, shortenUris, page, renderExplain as explainHtml, renderMatch as matchHtml, renderOrder as orderHtml, type MatchAnswer } from 'attls/out/render.js';
import { reasonAfterEdits } from 'attls/out/suppress.js';
import { renderInstalledDiff, type InstalledDiff } from 'attls/out/installed-diff.js';
import { installedLenses, matchArgument } from 'attls/out/lenses.js';
import { applyWorkspaceEdit, snapshotOf, URI } from '../support/markers.js';
import { repoRoot } from '../support/shared.js';

const EXT = join(repoRoot, 'extension');
const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));
const languageConfig = JSON.parse(readFileSync(join(EXT, 'language-configuration.json'), 'utf8'));
const source = readFileSync(join(EXT, 'src', 'extension.ts'), 'utf8');

describe('VS Code extension: manifest', () => {
  const lang = manifest.contributes.languages[0];

  it('declares language attls for the policy file names', () => {
    assert.equal(lang.id, 'attls');
    assert.deepEqual(lang.extensions, ['.ttls', '.attls', '.pagent']);
    assert.deepEqual(lang.filenamePatterns, ['pagent*.conf']);
    assert.ok(manifest.activationEvents.includes('onLanguage:attls'), 'activates for the language');
    // Content detection needs the extension awake for documents VS Code labelled otherwise.
    for (const e of ['onLanguage:plaintext', 'onLanguage:properties', 'onStartupFinished']) assert.ok(manifest.activationEvents.includes(e), e);
    assert.equal(manifest.main, './dist/extension.cjs');
    assert.equal(manifest.contributes.grammars[0].scopeName, 'source.attls');
    assert.equal(manifest.contributes.grammars[0].path, './dist/attls.tmLanguage.json');
  });

  it('firstLine claims policy first lines in any case, and leaves other files alone', () => {
    // VS Code compiles firstLine without flags, as a plain JavaScript RegExp.
    const re = new RegExp(lang.firstLine);
    for (const yes of ['TTLSRule TN3270', 'ttlsrule x', 'TTLSGROUPACTION g1', '  TTLSEnvironmentAction e', 'TcpImage TCPIP /etc/x FLUSH', 'CommonTTLSConfig /etc/c', '# AT-TLS policy for SYSA', '#### TTLS rules ####', '# Policy Agent configuration', '# pagent.conf for SYSB']) {
      assert.ok(re.test(yes), yes);
    }
    for (const no of ['#!/bin/sh', '# just notes', 'import os', 'rule TTLSRule', '{', '']) assert.ok(!re.test(no), no);
  });

  it('contributes the five commands, each registered by the client', () => {
    const ids = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(ids, ['attls.compareInstalled', 'attls.explain', 'attls.matchConnection', 'attls.restartServer', 'attls.showEvaluationOrder']);
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'AT-TLS');
      assert.ok(source.includes(`registerCommand('${c.command}'`), `${c.command} is registered`);
    }
    const titles = manifest.contributes.commands.map((c: { title: string }) => c.title);
    assert.ok(titles.includes('Which rule matches a connection...'));
    assert.ok(titles.includes('Explain return code or log line...'));
    assert.ok(titles.includes('Show rule evaluation order'));
    assert.ok(titles.includes('Restart language server'));
    assert.ok(titles.includes('Compare with installed policy...'));
    // The commands about the open policy are offered in the palette only with one open.
    const palette = manifest.contributes.menus.commandPalette as { command: string; when: string }[];
    assert.equal(palette.find((m) => m.command === 'attls.compareInstalled')?.when, 'editorLangId == attls');
    // The lenses the client adds: on rules a report shows differently, on properties of case files.
    assert.match(source, /registerCodeLensProvider\(\{ language: LANGUAGE \}, installedLensProvider\(\)\)/);
    assert.match(source, /registerCodeLensProvider\(\[\{ pattern: '\*\*\/\*\.yaml' \}, \{ pattern: '\*\*\/\*\.yml' \}\], propertyLensProvider\(context\)\)/);
    assert.match(source, /sendRequest<LspLens\[\]>\('attls\/propertyLenses'/);
    assert.ok(source.includes(`registerCommand('${MATCH_CONNECTION_COMMAND}', (arg?: unknown) => matchConnection(context, arg))`), 'the property lenses\' command takes their argument');
  });

  it('has settings the server reads: target release, rule severities, root, and an LSP trace', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), ['attls.detectByContent', 'attls.format.mode', 'attls.format.valueColumn', 'attls.root', 'attls.rules', 'attls.targetRelease', 'attls.trace.server']);
    assert.equal(props['attls.detectByContent'].type, 'boolean');
    assert.equal(props['attls.detectByContent'].default, true);
    assert.match(source, /getConfiguration\('attls', doc\.uri\)\.get<boolean>\('detectByContent', true\)/);
    // Empty by default, so that a .attlslintrc.json can decide; the server reads '' as unset.
    assert.deepEqual(props['attls.targetRelease'].enum, ['', ...TARGET_RELEASES]);
    assert.equal(props['attls.targetRelease'].default, '');
    assert.equal(readSettings({ targetRelease: '' }).targetRelease, undefined);
    assert.ok(props['attls.targetRelease'].enumDescriptions[0].includes(DEFAULT_TARGET_RELEASE));
    assert.deepEqual(props['attls.trace.server'].enum, ['off', 'messages', 'verbose']);
    // The values the settings UI offers are what the server accepts.
    const severities = props['attls.rules'].additionalProperties.anyOf[0].enum as string[];
    for (const s of severities) assert.equal(readSettings({ rules: { x: s } }).rules?.x, s, s);
    assert.deepEqual(readSettings({ targetRelease: '3.2', root: '/zfs', rules: { 'unused-definition': { severity: 'off' } } }), {
      targetRelease: '3.2',
      root: '/zfs',
      rules: { 'unused-definition': 'off' },
    });
    // Rule options as in .attlslintrc.json, checked as the file's are; bad options leave the severity.
    assert.deepEqual(readSettings({ rules: { 'priority-gaps': ['warning', { minGap: 10 }], 'too-many-groups': { severity: 'info', options: { max: 3 } } } }).rules, {
      'priority-gaps': { severity: 'warning', options: { minGap: 10 } },
      'too-many-groups': { severity: 'info', options: { max: 3 } },
    });
    const bad = readSettings({ rules: { 'priority-gaps': ['error', { minGap: 'ten' }] } });
    assert.deepEqual(bad.rules, { 'priority-gaps': 'error' });
    assert.match(bad.problems![0]!, /option "minGap" must be a number/);
    // The format settings: '' and 0 are "not set" (the .attlslintrc.json decides); what the settings
    // UI offers, the server takes.
    assert.deepEqual(props['attls.format.mode'].enum, ['', 'align', 'keepLayout']);
    assert.equal(props['attls.format.valueColumn'].default, 0);
    assert.deepEqual(readSettings({ format: { mode: '', valueColumn: 0 } }).format, {});
    assert.deepEqual(readSettings({ format: { mode: 'keepLayout', valueColumn: 0 } }).format, { mode: 'keepLayout' });
    assert.deepEqual(readSettings({ format: { valueColumn: props['attls.format.valueColumn'].maximum } }).format, { valueColumn: 200 });
    assert.equal(readSettings({ format: { valueColumn: 201 } }).format, undefined);
    // Completion comes from the server alone: no words of the document mixed in.
    assert.equal(manifest.contributes.configurationDefaults['[attls]']['editor.wordBasedSuggestions'], 'off');
    assert.equal(manifest.contributes.snippets, undefined, 'no contributed snippets');
    const schema = props['attls.rules'].additionalProperties.anyOf as { type: string }[];
    assert.ok(schema.some((s) => s.type === 'array'), 'the settings schema offers the ["severity", {options}] form');
    // vscode-languageclient traces "<client id>.trace.server": the client id must be "attls".
    assert.match(source, /new LanguageClient\(LANGUAGE,/);
    assert.match(source, /const LANGUAGE = 'attls';/);
    // ...and reads the same setting to make its trace visible (the channel's level alone decided).
    assert.match(source, /traceOutputChannel: trace,/);
    assert.match(source, /get<string>\('trace\.server', 'off'\)/);
  });

  it('intercepts the command of the server\'s rule lenses to open the evaluation order at the rule', () => {
    assert.ok(source.includes(`const SHOW_RULE = '${SHOW_RULE_COMMAND}';`), `the client's SHOW_RULE is ${SHOW_RULE_COMMAND}`);
    assert.match(source, /command === SHOW_RULE && typeof uri === 'string' && typeof name === 'string'\) \{\s*await showEvaluationOrder\(context, vscode\.Uri\.parse\(uri\), name\);/);
  });

  it('contributes no snippets: completion comes from the language server only', () => {
    assert.equal(manifest.contributes.snippets, undefined);
    assert.ok(!manifest.categories.includes('Snippets'));
    assert.ok(!existsSync(join(EXT, 'snippets')), 'extension/snippets is gone');
  });
});

describe('VS Code extension: language configuration', () => {
  it('comments with #, pairs and folds braces', () => {
    assert.equal(languageConfig.comments.lineComment, '#');
    assert.deepEqual(languageConfig.brackets, [['{', '}']]);
  });

  it('folds #region ... #endregion, and no ordinary comment starts a region (nor a minimap section header)', () => {
    const start = new RegExp(languageConfig.folding.markers.start);
    const end = new RegExp(languageConfig.folding.markers.end);
    for (const yes of ['#region TN3270 rules', '  #region', '#region']) assert.ok(start.test(yes), yes);
    for (const yes of ['#endregion', '  #endregion TN3270 rules']) assert.ok(end.test(yes), yes);
    for (const no of ['# region call a partner in the DMZ', '# Region: EMEA', '#regional rules', '# endregion of the old rules', '  # end region', 'TTLSRule region']) {
      assert.ok(!start.test(no) && !end.test(no), no);
    }
  });

  it('keeps names, versions, data set names and addresses whole as words', () => {
    const word = new RegExp(languageConfig.wordPattern, 'g');
    const words = (line: string) => line.match(word) ?? [];
    assert.deepEqual(words('  TTLSEnvironmentActionRef eAct1~FTPTat192.168.20.9n'), ['TTLSEnvironmentActionRef', 'eAct1~FTPTat192.168.20.9n']);
    assert.deepEqual(words('    TLSv1.2 On # modern'), ['TLSv1.2', 'On', 'modern']);
    assert.deepEqual(words("TTLSConfig //'SYS1.TCPPARMS(TTLS#1)' FLUSH"), ['TTLSConfig', "//'SYS1.TCPPARMS(TTLS#1)'", 'FLUSH']);
    assert.deepEqual(words('TTLSRule r1{'), ['TTLSRule', 'r1']);
  });

  it('indents after an opening brace and outdents a closing one', () => {
    const inc = new RegExp(languageConfig.indentationRules.increaseIndentPattern);
    const dec = new RegExp(languageConfig.indentationRules.decreaseIndentPattern);
    assert.ok(inc.test('{'));
    assert.ok(inc.test('TTLSRule r1 {'));
    assert.ok(inc.test('  { # inline block'));
    assert.ok(!inc.test('TTLSRule r1 { Priority 1 }'));
    assert.ok(!inc.test('# {'));
    assert.ok(dec.test('  }'));
    assert.ok(!dec.test('  TTLSRule r1'));
  });
});

describe('VS Code extension: which documents content detection may claim', () => {
  const claim = (path: string, languageId: string, scheme = 'file') => mayClaim({ scheme, path, languageId });

  it('*.conf, *.txt and names without an extension, whatever language VS Code gave them first', () => {
    assert.ok(claim('/ws/tn3270.conf', 'properties'));
    assert.ok(claim('/ws/TTLS.CONF', 'ini'));
    assert.ok(claim('/ws/policy.txt', 'plaintext'));
    assert.ok(claim('/ws/FTPMEMBR', 'plaintext'));
    assert.ok(claim('/ws/FTPMEMBR', 'shellscript'), 'a firstLine of another language does not decide');
    assert.ok(claim('/ws/.pagentrc', 'properties'), 'a leading dot is no extension');
    assert.ok(claim('/ws/ttls.policy', 'plaintext'), 'anything left as Plain Text');
  });

  it('documents of other file systems: Zowe Explorer data sets by any name, z/OS UNIX files by their name', () => {
    assert.ok(claim('/LPAR1/SYS1.TCPPARMS/TTLSPOL', 'plaintext', 'zowe-ds'));
    assert.ok(claim('/LPAR1/USER.TTLS.POLICY', 'plaintext', 'zowe-ds'));
    assert.ok(claim('/LPAR1/SYS1.TCPPARMS.JCL/TTLS.jcl', 'jcl', 'zowe-ds'), 'a data set name is qualifiers, not a file type');
    assert.ok(claim('/LPAR1/etc/pagent/ttls.conf', 'properties', 'zowe-uss'));
    assert.ok(claim('/etc/pagent/TTLSPOL', 'plaintext', 'vscode-remote'));
    assert.ok(claim('/share/ttls.conf', 'properties', 'vscode-vfs'));
  });

  it('leaves other languages, AT-TLS documents and the editor\'s own views alone', () => {
    assert.ok(!claim('/ws/policy.ttls', 'attls'));
    assert.ok(!claim('/ws/app.properties', 'properties'));
    assert.ok(!claim('/ws/setup.sh', 'shellscript'));
    assert.ok(!claim('/ws/notes.md', 'markdown'));
    assert.ok(!claim('/USS/etc/x.json', 'json', 'zowe-uss'));
    assert.ok(!claim('extension-output-attls.attls-#1-AT-TLS Language Server', 'log', 'output'));
    assert.ok(!claim('/settings', 'plaintext', 'vscode-settings'));
  });

  it('announces a claim with its offer to undo, except for versions source control opens in the background', () => {
    for (const yes of ['file', 'untitled', 'zowe-ds', 'zowe-uss', 'vscode-remote']) assert.ok(announceClaim(yes), yes);
    for (const no of ['git', 'gitlens', 'svn']) assert.ok(!announceClaim(no), no);
    assert.ok(claim('/ws/tn3270b.conf', 'properties', 'git'), 'claimed all the same, so that both sides of a diff read alike');
  });

  it('remembers declined documents once each, the latest last, and forgets the oldest beyond the limit', () => {
    assert.deepEqual(withDeclined(['a', 'b'], 'a'), ['b', 'a']);
    assert.deepEqual(withDeclined([], 'zowe-ds:/LPAR1/SYS1.TCPPARMS/TTLS'), ['zowe-ds:/LPAR1/SYS1.TCPPARMS/TTLS']);
    const full = Array.from({ length: MAX_DECLINED }, (_, i) => `file:///ws/p${i}.conf`);
    const next = withDeclined(full, 'file:///ws/new.conf');
    assert.equal(next.length, MAX_DECLINED);
    assert.equal(next[0], 'file:///ws/p1.conf');
    assert.equal(next[next.length - 1], 'file:///ws/new.conf');
  });
});

describe('VS Code extension: the Explain prompt', () => {
  const LOG = 'SYSA  EZD1281I TTLS Map   CONNID: 00000032 LOCAL: 10.1.1.1..992\nSYSA  EZD1286I TTLS Error GRPID: 00000007 ENVID: 00000003 CONNID: 00000032 RC:  402 Initial Handshake\n';

  it('offers a selection only when it is return codes or AT-TLS log lines', () => {
    assert.equal(explainableSelection(' 402 '), '402');
    assert.equal(explainableSelection('402, 5003 8'), '402, 5003 8');
    assert.equal(explainableSelection(LOG), LOG.trim());
    // What a click leaves selected: a rule name, a keyword, a value.
    for (const no of ['TN3270Old', 'TTLSRule', 'Inbound', '10.1.1.1', 'RC', '', '   ', 'EZD1290I other message']) assert.equal(explainableSelection(no), undefined, no);
  });

  it('shows log lines on one line in the input box and restores them', () => {
    const shown = toInputBox(LOG);
    assert.doesNotMatch(shown, /\n/);
    assert.equal(shown.split('\u23CE').length, 2);
    assert.equal(fromInputBox(shown), LOG.trim().split('\n').map((l) => l.trim()).join('\n'));
    assert.equal(fromInputBox(' 402 '), '402');
  });
});

describe('VS Code extension: the suppression fix selects its reason', () => {
  it('finds the placeholder reason where the service\'s suppression comment lands', () => {
    const text = 'TTLSGroupAction g\n{\n  TTLSEnabled On\n  Trace 2 extra\n}\n';
    const snap = snapshotOf(text);
    const finding = snap.diagnostics().find((d) => d.code === 'trailing-text')!;
    const li = snap.document.lineIndex;
    const range = { start: li.positionAt(finding.span.start), end: li.positionAt(finding.span.end) };
    const action = getCodeActions(snap, range).find((a) => /^Suppress trailing-text/.test(a.title))!;
    assert.ok(action, 'the service offers the suppression');
    const reason = reasonAfterEdits(action.edit!.changes![URI]!)!;
    const after = applyWorkspaceEdit(text, action.edit).split('\n');
    assert.deepEqual(reason.start.line, reason.end.line);
    assert.equal(after[reason.start.line]!.slice(reason.start.character, reason.end.character), 'TODO: say why this finding is acceptable');
  });

  it('counts the lines earlier edits add, and gives up when one ends on the same line', () => {
    const at = (line: number, character: number) => ({ line, character });
    const insert = { range: { start: at(5, 2), end: at(5, 2) }, newText: '# attls-lint-disable-next-line x -- TODO: why\n  ' };
    const earlier = { range: { start: at(1, 0), end: at(2, 0) }, newText: 'a\nb\nc\n' };
    assert.deepEqual(reasonAfterEdits([earlier, insert]), { start: at(7, 38), end: at(7, 47) });
    assert.equal(reasonAfterEdits([{ range: { start: at(5, 0), end: at(5, 1) }, newText: 'x' }, insert]), undefined);
    assert.equal(reasonAfterEdits([{ range: { start: at(0, 0), end: at(0, 0) }, newText: '# just a comment\n' }]), undefined);
  });
});

describe('VS Code extension: content detection', () => {
  it('recognises policies and configuration files, also behind a comment block', () => {
    assert.ok(looksLikePolicy('TTLSRule r1\n{\n}\n'));
    assert.ok(looksLikePolicy('##########\n# SYS1.TCPPARMS(TTLS)\n##########\n\nTTLSGroupAction g1\n{\n}'));
    assert.ok(looksLikePolicy('\uFEFF  ttlsrule lower\n'));
    assert.ok(looksLikePolicy('# pagent.conf\nLogLevel 15\nTcpImage TCPIP /etc/pagent/TCPIP.image FLUSH\n'));
    assert.ok(looksLikePolicy('TcpImage TCPIP /etc/x'));
    assert.ok(looksLikePolicy('\r\n# comment\r\nTTLSRule x\r\n'));
  });

  it('leaves other text alone', () => {
    assert.ok(!looksLikePolicy(''));
    assert.ok(!looksLikePolicy('# only a comment\n'));
    assert.ok(!looksLikePolicy('#!/bin/sh\necho TTLSRule\n'));
    assert.ok(!looksLikePolicy('Dear TTLSRule fans,\n'));
    assert.ok(!looksLikePolicy('LogLevel=debug\nname=x\n'));
    assert.ok(!looksLikePolicy('[section]\nTTLSRule = 1\n'));
  });
});

/** Panel HTML without its break opportunities (<wbr>), for assertions about its text and links. */
const plain = (html: string): string => html.replace(/<wbr>/g, '');
const renderMatch = (...a: Parameters<typeof matchHtml>): string => plain(matchHtml(...a));
const renderOrder = (...a: Parameters<typeof orderHtml>): string => plain(orderHtml(...a));
const renderExplain = (...a: Parameters<typeof explainHtml>): string => plain(explainHtml(...a));

const ANSWER: MatchAnswer = {
  connection: { direction: 'inbound', localPort: 992 },
  rule: { name: 'TN3270<Secure>', priority: 500, order: 1, file: 'file:///ws/policy.ttls', range: { start: { line: 1, character: 30 }, end: { line: 1, character: 42 } } },
  secured: true,
  actions: { group: 'gSecure', environment: 'eServer', connection: null },
  settings: {
    TTLSEnabled: { value: 'On', from: 'TTLSGroupAction gSecure (policy.ttls:14)', file: 'file:///ws/policy.ttls', line: 14 },
    'TLSv1.1': { value: 'On', from: 'default', certainty: 'recalled' },
    V3CipherSuites: { value: ['C02F', 'C030'], names: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'], from: 'default' },
  },
  trace: [{ rule: 'TN3270<Secure>', order: 1, priority: 500, matched: true, failed: null, detail: 'every condition holds' }],
  alsoMatches: [{ rule: 'Fallback', order: 2, priority: null }],
  notes: ['a note'],
  assumptions: ['remote port not given'],
  targetRelease: '3.1',
  rules: 2,
};

describe('VS Code extension: panels', () => {
  const locate = (name: string) => (name === 'gSecure' ? { file: 'file:///ws/policy.ttls', line: 11, character: 30 } : undefined);

  it('escapes everything that comes from the policy or the user', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderMatch(ANSWER, { direction: 'inbound', jobname: '<script>' }, locate);
    assert.doesNotMatch(html, /<script>|TN3270<Secure>/);
    assert.match(html, /TN3270&lt;Secure&gt;/);
  });

  it('match: verdict linked to the rule, actions, settings with their source, trace and later matches', () => {
    const html = renderMatch(ANSWER, { direction: 'inbound', local_port: '992' }, locate);
    assert.match(html, /id="verdict">Matched rule <a href="#" class="place" data-file="file:\/\/\/ws\/policy.ttls" data-line="1" data-character="30"/);
    assert.match(html, /AT-TLS on/);
    assert.match(html, /inbound, local port 992/);
    assert.match(html, /<th>Group<\/th><td><a [^>]*data-line="11"[^>]*>gSecure<\/a>/);
    assert.match(html, /<th>Connection<\/th><td><span class="muted">none<\/span>/);
    assert.match(html, /<td>TTLSEnabled<\/td><td><span class="value">On<\/span><div class="from"><a [^>]*data-line="13"[^>]*>TTLSGroupAction gSecure \(policy.ttls:14\)<\/a><\/div>/);
    assert.match(html, /default recalled, not confirmed/);
    assert.match(html, /C02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256<br>C030/);
    assert.match(html, /class="trace"/);
    assert.match(html, /Fallback/);
    assert.match(html, /remote port not given/);
  });

  it('match: trace rows, actions and later matches link to the places the answer gives, in any file of the set', () => {
    // A real answer from the engine for a common and a stack file. The environment action shares
    // its name with a rule of the stack file: the stack file's symbols (what `locate` reads) would
    // send the action's link to the rule, and know nothing of the common file.
    const COMMON = 'file:///ws/common.ttls';
    const STACK = 'file:///ws/stack.ttls';
    const common = 'TTLSRule Early\n{\n  Priority 30\n  Direction Inbound\n  LocalPortRange 80\n  TTLSGroupActionRef gOn\n}\nTTLSGroupAction gOn\n{\n  TTLSEnabled On\n}\nTTLSEnvironmentAction Web\n{\n  HandshakeRole Server\n}\n';
    const stack = 'TTLSRule Web\n{\n  Priority 20\n  Direction Inbound\n  LocalPortRange 443\n  TTLSGroupActionRef gOn\n  TTLSEnvironmentActionRef Web\n}\nTTLSRule Wide\n{\n  Priority 10\n  Direction Inbound\n  TTLSGroupActionRef gOn\n}\n';
    const model = buildModel([
      { uri: COMMON, parse: parse(common) },
      { uri: STACK, parse: parse(stack) },
    ]);
    const answer = answerJson(explainMatch(compilePolicy(model), readConnection({ direction: 'inbound', local_port: '443' }).connection!)) as MatchAnswer;
    const symbolsOfStack = (name: string) => ({ Web: { file: STACK, line: 0, character: 9 }, Wide: { file: STACK, line: 8, character: 9 } })[name];
    const html = renderMatch(answer, { direction: 'inbound', local_port: '443' }, symbolsOfStack);
    const a = (file: string, line: number, character: number, name: string) => `<a href="#" class="place" data-file="${file}" data-line="${line}" data-character="${character}" title="[^"]*">${name}</a>`;
    assert.match(html, new RegExp(`<tr class="failed"><td>1</td><td>${a(COMMON, 0, 9, 'Early')}</td>`));
    assert.match(html, new RegExp(`<tr class="matched"><td>2</td><td>${a(STACK, 0, 9, 'Web')}</td>`));
    assert.match(html, new RegExp(`<th>Group</th><td>${a(COMMON, 7, 16, 'gOn')}</td>`));
    assert.match(html, new RegExp(`<th>Environment</th><td>${a(COMMON, 11, 22, 'Web')}</td>`));
    assert.match(html, new RegExp(`<li>${a(STACK, 8, 9, 'Wide')} \\(3rd, Priority 10\\)</li>`));
  });

  it('match: file URIs in "from" texts shortened to the file name', () => {
    assert.equal(shortenUris('TTLSGroupAction g (file:///tmp/ws/policy.ttls:14)'), 'TTLSGroupAction g (policy.ttls:14)');
    assert.equal(shortenUris('default'), 'default');
  });

  it('match: no rule means no AT-TLS for the connection', () => {
    const html = renderMatch({ rule: null, secured: false }, { direction: 'outbound' }, locate);
    assert.match(html, /No rule matches/);
  });

  it('evaluation order: one row per rule with priority, conditions, actions and marks', () => {
    const html = renderOrder(
      {
        rules: [
          { position: 1, name: 'Web', priority: 10, file: 'file:///p.ttls', range: { start: { line: 0, character: 9 }, end: { line: 0, character: 12 } }, conditions: ['LocalPortRange 443'], actions: { group: 'gSecure', environment: null, connection: null }, shadowedBy: [], overlaps: [] },
          { position: 2, name: 'All', priority: null, conditions: [], actions: { group: null, environment: null, connection: null }, shadowedBy: ['Web'], overlaps: ['X'] },
        ],
        notes: ['EBCDIC order assumed'],
      },
      locate,
    );
    assert.equal((html.match(/<tr class=/g) ?? []).length, 2);
    assert.match(html, /<td>1<\/td><td><a [^>]*data-line="0"[^>]*>Web<\/a><\/td><td>10<\/td><td>LocalPortRange 443<\/td>/);
    assert.match(html, /class="shadowed"><td>2<\/td><td>All<\/td><td><span class="muted">none<\/span><\/td><td><span class="muted">every connection<\/span>/);
    assert.match(html, /shadowed<\/span> by <a [^>]*data-file="file:\/\/\/p.ttls" data-line="0"[^>]*>Web<\/a>/);
    assert.match(html, /overlaps<\/span> X/);
    assert.match(html, /EBCDIC order assumed/);
    assert.match(renderOrder({ rules: [] }, locate), /no TTLSRule/);
  });

  it('evaluation order: marks and actions link to the places in the answer, in any file of the set', () => {
    const range = (line: number, character: number, length: number) => ({ start: { line, character }, end: { line, character: character + length } });
    const html = renderOrder(
      {
        rules: [
          { position: 1, name: 'Early', priority: 30, file: 'file:///ws/common.ttls', range: range(0, 9, 5), conditions: [], actions: { group: 'gOn', environment: null, connection: null }, actionPlaces: { group: { name: 'gOn', file: 'file:///ws/common.ttls', range: range(7, 16, 3) }, environment: null, connection: null }, shadowedBy: [], overlaps: [] },
          { position: 2, name: 'Web', priority: 20, file: 'file:///ws/stack.ttls', range: range(0, 9, 3), conditions: [], actions: { group: 'gOn', environment: 'Web', connection: null }, actionPlaces: { group: { name: 'gOn', file: 'file:///ws/common.ttls', range: range(7, 16, 3) }, environment: { name: 'Web', file: 'file:///ws/common.ttls', range: range(11, 22, 3) }, connection: null }, shadowedBy: ['Early'], overlaps: [] },
        ],
      },
      // The stack file's symbols: they know the rule Web only, and no statement of the common file.
      (name) => (name === 'Web' ? { file: 'file:///ws/stack.ttls', line: 0, character: 9 } : undefined),
    );
    const a = (file: string, line: number, character: number, name: string) => `<a href="#" class="place" data-file="file:///ws/${file}" data-line="${line}" data-character="${character}" title="[^"]*">${name}</a>`;
    assert.match(html, new RegExp(`shadowed</span> by ${a('common.ttls', 0, 9, 'Early')}`));
    assert.match(html, new RegExp(`group ${a('common.ttls', 7, 16, 'gOn')}<br>environment ${a('common.ttls', 11, 22, 'Web')}`));
  });

  it('every table sits in its own horizontal scroll box, so that a narrow panel scrolls it rather than cutting it off', () => {
    const match = matchHtml(ANSWER, { direction: 'inbound' }, locate);
    const order = orderHtml({ rules: [{ position: 1, name: 'Web', priority: 10, conditions: [], actions: { group: null, environment: null, connection: null }, shadowedBy: [], overlaps: [] }] }, locate);
    for (const html of [match, order]) {
      const tables = html.match(/<table/g)?.length ?? 0;
      assert.ok(tables > 0);
      assert.equal(html.match(/<div class="scroll"><table/g)?.length, tables);
    }
    assert.match(page('t', match, 'N', 'c'), /\.scroll \{ overflow-x: auto;/);
    // Long names break after underscores and inside camel case, and nowhere else.
    assert.match(match, /TLS_<wbr>ECDHE_<wbr>RSA_<wbr>/);
    assert.equal(breakable('TTLSEnvironmentAdvancedParms'), 'TTLSEnvironment<wbr>Advanced<wbr>Parms');
    assert.equal(breakable('TN3270Secure <C02F> ServerExtendedMasterSecret'), 'TN3270<wbr>Secure &lt;C02F&gt; Server<wbr>Extended<wbr>Master<wbr>Secret');
    assert.equal(breakable('group gShared, rule CommonFTP'), 'group gShared, rule CommonFTP');
  });

  it('evaluation order: the rule a code lens names is marked and scrolled to', () => {
    const rule = (position: number, name: string) => ({ position, name, priority: null, conditions: [], actions: { group: null, environment: null, connection: null }, shadowedBy: position > 1 ? ['A'] : [], overlaps: [] });
    const html = renderOrder({ rules: [rule(1, 'A'), rule(2, 'B'), rule(3, 'C')] }, locate, 'B');
    assert.match(html, /<tr class="shadowed focus" id="focus"><td>2<\/td><td>B<\/td>/);
    assert.equal(html.match(/id="focus"/g)?.length, 1);
    assert.doesNotMatch(renderOrder({ rules: [rule(1, 'A')] }, locate), /focus/);
    assert.match(page('t', html, 'N', 'c'), /getElementById\('focus'\);\s*if \(focus\) focus\.scrollIntoView/);
  });

  it('explain: file references in the text become links to the line, labelled with the file name', () => {
    const text = 'Rule: TN3270Secure at file:///ws/my%20policy.ttls:2\n  Actions: group gSecure at file:///ws/common.ttls:14, environment e\nCompared with the policy of stack TCPIP: file:///ws/a.ttls, zowe-ds:/LPAR1/X.\n<b>';
    const html = linkPlaces(text);
    assert.match(html, /Rule: TN3270Secure at <a href="#" class="place" data-file="file:\/\/\/ws\/my%20policy.ttls" data-line="1" data-character="0" title="[^"]*">my policy.ttls:2<\/a>\n/);
    assert.match(html, /at <a [^>]*data-file="file:\/\/\/ws\/common.ttls" data-line="13"[^>]*>common.ttls:14<\/a>, environment e/);
    assert.match(html, /TCPIP: <a [^>]*data-file="file:\/\/\/ws\/a.ttls" data-line="0"[^>]*>a.ttls<\/a>, /);
    assert.match(html, /&lt;b&gt;$/);
    // Outside the links no URI is printed.
    assert.doesNotMatch(html.replace(/<a [^>]*>/g, ''), /file:\/\//);
    assert.equal(linkPlaces('no places: RC 402 <x>'), 'no places: RC 402 &lt;x&gt;');
    assert.equal(linkPlaces('bad %E0 file:///ws/%E0.ttls:3').includes('>%E0.ttls:3</a>'), true, 'a stray % stays as written');
  });

  it('explain: the text and links to the places', () => {
    const html = renderExplain({ kind: 'log', text: 'RC 202 <ring> at file:///p.ttls:4', places: [{ label: 'TTLSRule Web', file: 'file:///p.ttls', line: 3 }] }, 'EZD1286I ...');
    assert.match(html, /Log explained/);
    assert.match(html, /<a [^>]*data-line="2"[^>]*>TTLSRule Web<\/a>/);
    assert.match(html, /RC 202 &lt;ring&gt; at <a [^>]*data-line="3"[^>]*>p.ttls:4<\/a>/);
  });

  it('page: a strict content security policy with a nonce for the only script', () => {
    const html = page('t', '<p>x</p>', 'NONCE123', 'vscode-resource:');
    assert.match(html, /default-src 'none'; style-src vscode-resource: 'unsafe-inline'; script-src 'nonce-NONCE123';/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="NONCE123">/);
  });
});

describe('VS Code extension: its own lenses', () => {
  const fixtures = join(repoRoot, 'test', 'fixtures', 'pasearch');
  const REPORT = readFileSync(join(fixtures, 'easyattls.report'), 'utf8');
  const REBUILT = readFileSync(join(fixtures, 'easyattls-rebuilt.ttls'), 'utf8');
  const POLICY_URI = 'file:///ws/rebuilt.ttls';
  const REPORT_URI = 'file:///ws/pasearch.report';

  /** The comparison the server's attls/compareInstalled makes: the policy (OLD) against the report (NEW). */
  function compare(text: string): InstalledDiff {
    const model = buildModel([{ uri: POLICY_URI, parse: parse(text) }]);
    const report = readPasearch(REPORT_URI, REPORT, { targetRelease: model.release });
    return diffPolicies({ policy: compilePolicy(model), source: POLICY_URI }, { policy: compilePolicy(report.model), source: REPORT_URI }) as unknown as InstalledDiff;
  }

  it('"installed differs" on each rule the report shows differently, on the rule\'s line', () => {
    const diff = compare(REBUILT);
    const lenses = installedLenses(diff, POLICY_URI);
    assert.deepEqual(lenses.map((l) => l.rule).sort(), diff.rules.changed.map((c) => c.rule).sort(), 'one lens per changed rule');
    const lines = REBUILT.split('\n');
    for (const l of lenses) {
      assert.match(lines[l.line]!, new RegExp(`TTLSRule\\s+${l.rule}\\b`), `the lens of ${l.rule} sits on its rule`);
      assert.match(l.title, /^installed differs: /);
      assert.ok(l.title.length <= 140, l.title);
      assert.match(l.tooltip, /as pasearch\.report shows it:/);
    }
    // What one of them says: a change, old value to new, from the comparison itself.
    const one = diff.rules.changed[0]!;
    const x = one.changes[0]!;
    assert.ok(lenses.find((l) => l.rule === one.rule)!.tooltip.includes(`${x.name} ${x.old ?? '(none)'} \u2192 ${x.new ?? '(none)'}`));
    // Only in the report (TNZZZZ): nothing in the policy to put a lens on; another file gets none.
    assert.ok(!lenses.some((l) => l.rule === 'TNZZZZ'));
    assert.deepEqual(installedLenses(diff, 'file:///ws/other.ttls'), []);
    // A rule of the policy the report does not have is "not installed".
    const extra = compare(`${REBUILT}\nTTLSRule OnlyHere\n{\n  LocalPortRange 4444\n  Direction Inbound\n  TTLSGroupActionRef ${/TTLSGroupActionRef\s+(\S+)/.exec(REBUILT)![1]}\n}\n`);
    const only = installedLenses(extra, POLICY_URI).find((l) => l.rule === 'OnlyHere');
    assert.match(only?.title ?? '', /^installed differs: not installed/);
    const html = renderInstalledDiff(extra);
    assert.match(html, /OnlyHere<\/a><\/td><td>not installed/);
    // Its tables scroll in their own boxes, as every panel's, and no raw URI shows in them.
    const tables = html.match(/<table/g)?.length ?? 0;
    assert.equal(tables, 3);
    assert.equal(html.match(/<div class="scroll"><table/g)?.length, tables);
    assert.doesNotMatch(html.replace(/data-file="[^"]*"/g, ''), /file:\/\//);
  });

  it('a property lens\'s argument opens the match panel on its counterexample, with the answer it carries', () => {
    const cases = readFileSync(join(repoRoot, 'examples', 'sysa-properties.yaml'), 'utf8');
    const policyUri = 'file:///ws/examples/sysa-attls.ttls';
    const policy = readFileSync(join(repoRoot, 'examples', 'sysa-attls.ttls'), 'utf8');
    const fails = getPropertyLenses('file:///ws/examples/sysa-properties.yaml', cases, new Map([[policyUri, policy]])).find((l) => l.command?.command === MATCH_CONNECTION_COMMAND)!;
    const given = matchArgument(fails.command!.arguments![0]);
    assert.ok(given, 'the lens argument is taken');
    assert.equal(given.policy, policyUri);
    assert.deepEqual(given.connection, { direction: 'inbound', local_addr: '0.0.0.0', local_port: '992', remote_addr: '0.0.0.0', remote_port: '1', jobname: 'A', userid: 'A' });
    const html = renderMatch(given.answer, given.connection, () => undefined);
    assert.match(html, /id="verdict"><b>No rule matches\.<\/b>/);
    assert.match(html, /job name A/);
    assert.match(html, /Jobname TN3270\* does not match A/, 'the trace of the answer the lens carries');
    // From the Command Palette (no argument, or anything else) the command asks as before.
    for (const other of [undefined, {}, 'x', { policy: policyUri, connection: {}, answer: {} }, [fails.command!.arguments![0]]]) assert.equal(matchArgument(other), undefined, JSON.stringify(other));
  });
});

describe('VS Code extension: packaged .vsix', function () {
  this.timeout(120000);
  let vsix: string;
  let check: (file: string) => string[];
  let list: (buf: Buffer) => { name: string; size: number }[];

  before(async () => {
    const pkg = await import(pathToFileURL(join(repoRoot, 'scripts', 'package-extension.mjs')).href);
    list = (await import(pathToFileURL(join(repoRoot, 'scripts', 'zip-list.mjs')).href)).listZip;
    check = pkg.checkVsix;
    vsix = pkg.vsixPath();
    // npm test has just built the bundles; package them as `npm run package` does.
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'package-extension.mjs')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it('is under 3 MB, without node_modules, with client, server, grammar, configuration and README', () => {
    assert.ok(existsSync(vsix));
    assert.ok(statSync(vsix).size < 3 * 1024 * 1024, `${statSync(vsix).size} bytes`);
    assert.deepEqual(check(vsix), []);
    const names = list(readFileSync(vsix)).map((e) => e.name);
    assert.ok(!names.some((n) => n.includes('node_modules')));
    assert.ok(!names.some((n) => /\/(src|out)\//.test(n) || n.endsWith('.map') || n.endsWith('.ts')), names.join('\n'));
  });

  it('carries the grammar the repository generates, and a server that starts on its own', () => {
    const files = new Map(list(readFileSync(vsix)).map((e) => [e.name, e]));
    assert.equal(files.get('extension/dist/attls.tmLanguage.json')?.size, statSync(join(repoRoot, 'grammars', 'attls.tmLanguage.json')).size);
    // The bundled server runs without node_modules: ask it for its version.
    const out = execFileSync(process.execPath, [join(EXT, 'dist', 'server.cjs'), '--version'], { cwd: '/', encoding: 'utf8' });
    assert.match(out, /^\d+\.\d+\.\d+/);
  });

  it('carries every picture the Marketplace README shows', () => {
    const readme = readFileSync(join(EXT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 4, `${images.length} pictures`);
    const names = new Set(list(readFileSync(vsix)).map((e) => e.name));
    for (const img of images) {
      assert.ok(!/^https?:/.test(img), `${img} is packaged, not fetched`);
      assert.ok(names.has(`extension/${img}`), `${img} is in the .vsix`);
    }
  });

  it('the check finds what is wrong with a bad package', () => {
    assert.throws(() => list(Buffer.from('not a zip')), /not a zip/);
  });

  describe('the check, on small packages built here', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'attls-vsix-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));
    /** A .vsix holding every file the check requires, plus `extra`. */
    const vsixWith = (name: string, extra: Record<string, Buffer | string> = {}, without: string[] = []): string => {
      const entries: Record<string, Buffer | string> = {};
      for (const f of REQUIRED) if (!without.includes(f)) entries[f] = '{}';
      const file = join(dir, name);
      writeFileSync(file, zip({ ...entries, ...extra }));
      return file;
    };

    it('accepts a package with the required files', () => {
      assert.deepEqual(check(vsixWith('fine.vsix')), []);
    });

    it('rejects a package that contains node_modules', () => {
      const file = vsixWith('modules.vsix', { 'extension/node_modules/vscode-languageclient/package.json': '{}' });
      assert.deepEqual(check(file), ['the .vsix contains node_modules']);
    });

    it('rejects a package of 3 MB or more', () => {
      // Random bytes, stored: the archive is as large as its content.
      const file = vsixWith('big.vsix', { 'extension/media/big.png': randomBytes(3 * 1024 * 1024) });
      const problems = check(file);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, /is \d+ bytes, over the 3 MB limit/);
    });

    it('rejects a package without the server bundle', () => {
      assert.deepEqual(check(vsixWith('no-server.vsix', {}, ['extension/dist/server.cjs'])), ['the .vsix lacks extension/dist/server.cjs']);
    });
  });

  it('the bundled server, copied where no node_modules can be found, answers initialize and diagnoses over IPC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attls-server-alone-'));
    const server = join(dir, 'server.cjs');
    copyFileSync(join(EXT, 'dist', 'server.cjs'), server);
    // The copy is really on its own: nothing the server depends on resolves from its folder.
    assert.throws(() => createRequire(server).resolve('vscode-languageserver/node'), /Cannot find module/);
    // Over Node IPC, as the extension starts it; no NODE_PATH to lean on either.
    const env = { ...process.env };
    delete env['NODE_PATH'];
    const child = fork(server, ['--node-ipc'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: { uri: string; diagnostics: { code?: unknown }[] }[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: unknown }[] }) => void published.push(p));
    connection.listen();
    try {
      const died = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`))));
      died.catch(() => undefined);
      const init = (await Promise.race([connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), died])) as { serverInfo?: { name: string }; capabilities: { hoverProvider?: boolean } };
      assert.equal(init.serverInfo?.name, 'attls-language-server');
      assert.equal(init.capabilities.hoverProvider, true);
      await connection.sendNotification('initialized', {});
      const uri = 'file:///alone/p.ttls';
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'attls', version: 1, text: 'TTLSGroupAction g\n{\n  TTLSEnabld On\n}\n' } });
      const end = Date.now() + 10000;
      const diagnosed = () => published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'unknown-parameter'));
      while (!diagnosed() && Date.now() < end) await Promise.race([new Promise((r) => setTimeout(r, 50)), died]);
      assert.ok(diagnosed(), `no diagnostics; stderr: ${stderr}`);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The files checkVsix requires in every package. */
const REQUIRED = ['extension/package.json', 'extension/dist/extension.cjs', 'extension/dist/server.cjs', 'extension/dist/attls.tmLanguage.json', 'extension/language-configuration.json', 'extension/readme.md'];

/** A zip archive of stored (uncompressed) entries: enough to make test packages without a zip tool. */
function zip(files: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
