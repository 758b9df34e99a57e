// Reading pasearch reports: every field of the real z/OS 3.1 report (EasyAT-TLS), the same report
// as copied from ISPF or a job log, layouts the real report does not show, and the installed policy
// that matching reads from it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePolicy, effectiveSettings, explainMatch, policyVerdict, readConnection, type CompiledRule, type Setting } from '@attls/evaluate';
import { catalogue, CURVES, isPasearchReport, KEY_SHARE_GROUPS, SIGNATURE_PAIRS, readPasearch, readReport, reportPosition, type ParamInfo, type ReportEntry, type ReportValue, type StatementInfo } from '@attls/language';
import { repoRoot } from '../support/shared.js';

const dir = join(repoRoot, 'test', 'fixtures', 'pasearch');
const REPORT = readFileSync(join(dir, 'easyattls.report'), 'utf8');
const REBUILT = readFileSync(join(dir, 'easyattls-rebuilt.ttls'), 'utf8');
const lines = REPORT.split('\n');

/** The 1-based line of the first line at or after `from` that contains `text`. */
function lineOf(text: string, from = 1): number {
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(text)) return i + 1;
  throw new Error(`'${text}' is not in the report after line ${from}`);
}

interface ExpectedRule {
  name: string;
  priority: number;
  actions: [string, 'Group' | 'Environment' | 'Connection'][];
  remote?: string;
  localPorts?: string;
  remotePorts?: string;
  jobname?: string;
  userid?: string;
  direction: string;
}

// Read off the report by hand, in the order pasearch prints the rules.
const RULES: ExpectedRule[] = [
  { name: 'AZFClientRule', priority: 255, actions: [['eActAZFClient', 'Environment'], ['AZFGroupAction1', 'Group'], ['AZFConnAction1', 'Connection']], remote: '0.0.26.137', jobname: 'AZF*', direction: 'Outbound' },
  { name: 'AZFMutAuthRule', priority: 255, actions: [['AZFGroupAction1', 'Group'], ['AZFEnvActionMutual', 'Environment'], ['AZFConnActionMutual', 'Connection']], localPorts: '6794', direction: 'Inbound' },
  { name: 'AZFSrvAuthRule', priority: 255, actions: [['AZFGroupAction1', 'Group'], ['AZFEnvAction1', 'Environment'], ['AZFConnAction1', 'Connection']], localPorts: '6793', direction: 'Inbound' },
  { name: 'CPJES2IN', priority: 255, actions: [['AZFGroupAction1', 'Group'], ['AZFEnvAction1', 'Environment'], ['AZFConnAction1', 'Connection']], localPorts: '2252', direction: 'Inbound' },
  { name: 'CPJES2OUT', priority: 255, actions: [['AZFGroupAction1', 'Group'], ['AZFEnvAction1Client', 'Environment'], ['AZFConnAction1', 'Connection']], remote: '10.1.0.2', remotePorts: '2175', direction: 'Outbound' },
  { name: 'COLATTLJ', priority: 1, actions: [['TNGA', 'Group'], ['TNEA', 'Environment'], ['TNCA', 'Connection']], remote: '10.1.1.2', localPorts: '4000', jobname: 'COLCOMPI', userid: 'COLIN', direction: 'Both' },
  { name: 'COLATTLS', priority: 1, actions: [['TNGA', 'Group'], ['TNEA', 'Environment'], ['TNCA', 'Connection']], localPorts: '4000', userid: 'START1', direction: 'Both' },
  { name: 'CSSMTPRule', priority: 1, actions: [['CSSMTPGroup', 'Group'], ['CSSMTPEnvironment', 'Environment']], remotePorts: '25', direction: 'Outbound' },
  { name: 'DEFAULTRULE12', priority: 1, actions: [['DEFAULTTNEA', 'Environment'], ['DEFAULTTNCA12', 'Connection'], ['DEFAULTTNGA', 'Group']], localPorts: '9999', direction: 'Both' },
  { name: 'DEFAULTRULE13', priority: 1, actions: [['DEFAULTTNEA', 'Environment'], ['DEFAULTTNCA13', 'Connection'], ['DEFAULTTNGA', 'Group']], localPorts: '9999', direction: 'Both' },
  { name: 'GPMSERVE', priority: 1, actions: [['TNGA', 'Group'], ['TNEA', 'Environment'], ['TNCA', 'Connection']], localPorts: '8803', direction: 'Both' },
  { name: 'TNZZZZ', priority: 1, actions: [['TNGA', 'Group'], ['TNEA', 'Environment'], ['TNCA', 'Connection']], localPorts: '2023', jobname: 'TN3270', direction: 'Inbound' },
];

describe('pasearch report: recognition', () => {
  it('recognises the real report and not policies', () => {
    assert.equal(isPasearchReport(REPORT), true);
    assert.equal(isPasearchReport(REBUILT), false);
    assert.equal(isPasearchReport('# policyRule: x\nTTLSRule r\n{\n}\n'), false);
    assert.equal(isPasearchReport(''), false);
  });

  it('recognises a report without its header by a rule line and its Rule Type line', () => {
    const body = lines.slice(lineOf('policyRule:') - 1).join('\n');
    assert.equal(isPasearchReport(body), true);
    assert.equal(isPasearchReport('policyRule: x\nTTLSRule r\n'), false);
  });

  it('takes the phrases only at the start of a line, after a copied margin of at most 12 characters', () => {
    const rule = (prefix: string, eol = '\n'): string => `TTLSRule r${eol}{${eol}}${eol}${prefix}policyRule: r1${eol}  Rule Type: TTLS${eol}`;
    assert.equal(isPasearchReport(rule('')), true);
    assert.equal(isPasearchReport(rule('', '\r\n')), true);
    assert.equal(isPasearchReport(rule('', '\r')), true);
    assert.equal(isPasearchReport(rule('000123 + -  ')), true);
    assert.equal(isPasearchReport(rule(' '.repeat(13))), false);
    assert.equal(isPasearchReport(rule('x ')), false);
    assert.equal(isPasearchReport(rule('\t')), false);
    // A phrase in the middle of a line does not hide a later one that qualifies.
    assert.equal(isPasearchReport(`x policyRule: a\n${rule('')}`), true);
    assert.equal(isPasearchReport('1234 TCP/IP pasearch CS V3R1\n'), true);
    assert.equal(isPasearchReport('see TCP/IP pasearch output\n'), false);
  });
});

describe('pasearch report: every field of the real report', () => {
  const report = readReport(REPORT);

  it('reads the header: release, image, date, time and instance id', () => {
    assert.equal(report.headers.length, 1);
    const h = report.headers[0]!;
    assert.equal(h.release?.text, '3.1');
    assert.equal(h.image?.text, 'TCPIP');
    assert.equal(h.date?.text, '12/23/2024');
    assert.equal(h.time?.text, '04:52:29');
    assert.equal(h.instanceId?.text, '1734951139');
    assert.equal(h.line + 1, lineOf('TCP/IP pasearch'));
    assert.equal(h.image!.column, lines[h.line]!.indexOf('TCPIP'));
  });

  it('reads the twelve rules with their priority, actions and conditions', () => {
    assert.deepEqual(report.rules.map((r) => r.name.text), RULES.map((r) => r.name));
    for (const [i, want] of RULES.entries()) {
      const r = report.rules[i]!;
      const at = (v: ReportValue | undefined): string => `${want.name} line ${(v?.line ?? -1) + 1}`;
      assert.equal(r.name.line + 1, lineOf(`policyRule:             ${want.name}`), want.name);
      assert.equal(r.ruleType?.text, 'TTLS', at(r.ruleType));
      assert.equal(r.version?.text, '3', at(r.version));
      assert.equal(r.status?.text, 'Active', at(r.status));
      assert.equal(r.priority?.text, String(want.priority), at(r.priority));
      // pasearch prints the weight equal to the priority.
      assert.equal(r.weight?.text, String(want.priority), at(r.weight));
      assert.equal(r.forLoadDist?.text, 'False', at(r.forLoadDist));
      assert.equal(r.sequenceActions?.text, "Don't Care", at(r.sequenceActions));
      assert.equal(r.actionCount?.text, String(want.actions.length), at(r.actionCount));
      assert.deepEqual(r.actions.map((a) => [a.name.text, a.type?.text, a.sequence?.text]), want.actions.map(([n, t]) => [n, `TTLS ${t}`, '0']), want.name);
      const c = r.condition!;
      assert.equal(c.negative?.text, 'Off', at(c.negative));
      assert.equal(c.local?.from?.text, 'All', at(c.local?.from));
      assert.equal(c.local?.to?.text, 'All', at(c.local?.to));
      assert.equal(c.remote?.from?.text, want.remote ?? 'All', at(c.remote?.from));
      assert.equal(c.remote?.to?.text, want.remote ?? 'All', at(c.remote?.to));
      assert.deepEqual([c.localPortFrom?.text, c.localPortTo?.text], [want.localPorts ?? '0', want.localPorts ?? '0'], at(c.localPortFrom));
      assert.deepEqual([c.remotePortFrom?.text, c.remotePortTo?.text], [want.remotePorts ?? '0', want.remotePorts ?? '0'], at(c.remotePortFrom));
      assert.equal(c.jobname?.text, want.jobname ?? '', at(c.jobname));
      assert.equal(c.userid?.text, want.userid ?? '', at(c.userid));
      assert.equal(c.direction?.text, want.direction, at(c.direction));
      assert.equal(r.created?.text, 'Mon Dec 23 04:52:19 2024', at(r.created));
      assert.equal(r.updated?.text, 'Mon Dec 23 04:52:19 2024', at(r.updated));
      assert.equal(r.timePeriods.length, 1, want.name);
      const t = r.timePeriods[0]!;
      assert.deepEqual(
        [t.firstToLast?.text, t.lastToFirst?.text, t.monthMask?.text, t.weekdayMask?.text, t.start?.text, t.end?.text, t.fromTime?.text, t.toTime?.text, t.fromTimeUtc?.text, t.toTimeUtc?.text, t.timeZone?.text],
        ['1'.repeat(31), '1'.repeat(31), '1'.repeat(12), '1111111', 'None', 'None', '00:00', '24:00', '00:00', '00:00', 'Local'],
        want.name,
      );
      // Each rule is followed by every action it names, in the order it names them.
      assert.deepEqual(r.printed.map((a) => a.name.text), want.actions.map(([n]) => n), want.name);
      for (const a of r.printed) {
        assert.equal(a.version?.text, '3', at(a.version));
        assert.equal(a.status?.text, 'Active', at(a.status));
        assert.equal(a.scope?.text, want.actions.find(([n]) => n === a.name.text)![1], at(a.scope));
        assert.equal(a.created?.text, 'Mon Dec 23 04:52:19 2024', at(a.created));
      }
    }
  });

  it('accounts for every non-blank line of the report', () => {
    const seen = new Set<number>();
    const mark = (v: { line: number } | undefined): void => void (v && seen.add(v.line));
    const walk = (entries: readonly ReportEntry[]): void => {
      for (const e of entries) {
        if (e.kind === 'item') mark(e.code);
        else {
          mark(e.key);
          if (e.kind === 'group') walk(e.entries);
        }
      }
    };
    for (const h of report.headers) [h, h.date, h.instanceId].forEach(mark);
    for (const r of report.rules) {
      [r.name, r.ruleType, r.version, r.weight, r.priority, r.actionCount, r.created, r.updated].forEach(mark);
      for (const a of r.actions) [a.name, a.type, a.sequence].forEach(mark);
      for (const t of r.timePeriods) {
        [t, t.firstToLast, t.lastToFirst, t.monthMask, t.weekdayMask, t.start, t.end, t.fromTime, t.fromTimeUtc, t.timeZone].forEach(mark);
        seen.add(t.line + 1); // "Day of Month Mask:", the label of the two masks after it
      }
      const c = r.condition!;
      [c, c.local, c.local?.from, c.local?.to, c.remote, c.remote?.from, c.remote?.to, c.localPortFrom, c.remotePortFrom, c.jobname, c.direction].forEach(mark);
      for (const a of r.printed) {
        [a.name, a.version, a.status, a.scope, a.created, a.updated].forEach(mark);
        walk(a.entries);
      }
    }
    const missed = lines.map((l, i) => (l.trim() !== '' && !seen.has(i) ? `${i + 1}: ${l.trim()}` : '')).filter(Boolean);
    assert.deepEqual(missed, []);
    assert.deepEqual(report.skipped, []);
  });

  it('turns every printed setting into a parameter on its own report line, with the printed value', () => {
    const p = readPasearch('easyattls.report', REPORT);
    const model = p.model;
    let checked = 0;
    // Each action is defined once, where it is first printed; its later printings are identical.
    const firstPrinting = new Map<string, number>();
    for (const r of p.rules) for (const a of r.printed) if (!firstPrinting.has(a.name.text)) firstPrinting.set(a.name.text, a.line);
    const lineOfWord = (offset: number): number => p.document.parse.lineIndex.positionAt(offset).line;
    const paramAt = new Map<number, ParamInfo>();
    const blockAt = new Map<number, StatementInfo>();
    for (const st of model.statements) {
      blockAt.set(lineOfWord(st.keyword.start), st);
      for (const x of st.params) paramAt.set(lineOfWord(x.keyword.start), x);
    }
    const check = (entries: readonly ReportEntry[], owner: string): void => {
      for (const e of entries) {
        if (e.kind === 'item') continue;
        if (e.kind === 'group' && e.entries.every((x) => x.kind !== 'item')) {
          assert.equal(blockAt.get(e.key.line)?.kind, e.key.text, `line ${e.key.line + 1}: block ${e.key.text}`);
          check(e.entries, e.key.text);
          continue;
        }
        const info = paramAt.get(e.key.line);
        assert.ok(info, `line ${e.key.line + 1}: ${e.key.text} in ${owner} is a parameter`);
        assert.equal(info.owner.kind, owner.startsWith('TTLS') ? owner : info.owner.kind, `line ${e.key.line + 1}: in ${owner}`);
        const want = e.kind === 'param' ? e.value.text : e.entries.map((x) => (x.kind === 'item' ? x.code.text : '')).join('');
        assert.equal(info.values.map((v) => v.text).join(' '), want, `line ${e.key.line + 1}: ${e.key.text}`);
        assert.equal(info.spec?.name.toLowerCase().replace('4char', ''), e.key.text.toLowerCase(), `line ${e.key.line + 1}`);
        checked++;
      }
    };
    for (const r of p.rules) {
      for (const a of r.printed) {
        if (firstPrinting.get(a.name.text) !== a.line) continue;
        const def = model.resolve(`TTLS${a.scope!.text}Action`, a.name.text)!;
        assert.equal(p.document.parse.lineIndex.positionAt(def.nameWord!.start).line, a.name.line, a.name.text);
        check(a.entries, a.name.text);
      }
    }
    assert.ok(checked > 250, `${checked} settings checked`);
    assert.equal(p.problem, undefined);
    assert.deepEqual(p.notes.length, 2, p.notes.join('\n'));
  });

  it('reads key rings, cipher lists with their names, signature and curve lists, GSK, OCSP and HTTP CDP parameters', () => {
    const p = readPasearch('easyattls.report', REPORT);
    const policy = compilePolicy(p.model);
    const settingsOf = (rule: string): Map<string, Setting> => new Map(effectiveSettings(p.model, policy.byName.get(rule)!).map((s) => [s.name, s]));
    const lineOfSetting = (s: Setting | undefined): number => (s?.source.kind === 'policy' ? p.document.parse.lineIndex.positionAt(s.source.param.node.start).line + 1 : -1);

    const gpm = settingsOf('GPMSERVE');
    const tnca = lineOf('TTLS Action:                  TNCA');
    assert.deepEqual(gpm.get('V3CipherSuites')!.value, ['003D', 'C02C']);
    // The names attls gives the codes are the names pasearch prints beside them.
    assert.deepEqual(gpm.get('V3CipherSuites')!.names, ['TLS_RSA_WITH_AES_256_CBC_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384']);
    assert.equal(lineOfSetting(gpm.get('V3CipherSuites')), lineOf('v3CipherSuites:', tnca));
    assert.deepEqual(gpm.get('ClientECurves')!.value, ['Any']);
    assert.equal(lineOfSetting(gpm.get('ClientECurves')), lineOf('ClientECurves:', tnca));
    assert.equal(gpm.get('HandshakeTimeout')!.value, '3');
    assert.equal(gpm.get('ServerCertificateLabel')!.value?.toString(), 'NISTECCTEST');
    assert.equal(gpm.get('Keyring')!.value, 'start1/TN3270');
    assert.equal(lineOfSetting(gpm.get('Keyring')), lineOf('Keyring:', lineOf('TTLS Action:                  TNEA')));

    const client = settingsOf('AZFClientRule');
    const env = lineOf('TTLS Action:                  eActAZFClient');
    assert.equal(client.get('HandshakeRole')!.value, 'Client');
    assert.equal(client.get('TLSv1')!.value, 'Off');
    assert.equal(client.get('CertificateLabel')!.value, 'RSA2048');
    assert.deepEqual(client.get('V3CipherSuites')!.value, ['C023', 'C024', 'C027', 'C028', 'C02B', 'C02C', 'C02F']);
    assert.deepEqual(client.get('V3CipherSuites')!.names, [
      'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    ]);
    assert.deepEqual(client.get('ClientECurves')!.value, ['00210023002400250019']);
    assert.deepEqual(client.get('ServerKeyShareGroups')!.value, ['00230024002500290030']);
    assert.deepEqual(client.get('SignaturePairs')!.value, ['0601060305010503040104030402030103030302020102030202']);
    assert.equal(lineOfSetting(client.get('SignaturePairs')), lineOf('SignaturePairs:', env));
    const gsk: [string, string][] = [
      ['GSK_V3_SESSION_TIMEOUT', '86400'],
      ['GSK_V3_SIDCACHE_SIZE', '512'],
      ['GSK_SESSION_TICKET_CLIENT_ENABLE', 'On'],
      ['GSK_SESSION_TICKET_CLIENT_MAXSIZE', '8192'],
      ['GSK_SESSION_TICKET_SERVER_ENABLE', 'On'],
      ['GSK_SESSION_TICKET_SERVER_ALGORITHM', 'AESCBC128'],
      ['GSK_SESSION_TICKET_SERVER_COUNT', '2'],
      ['GSK_SESSION_TICKET_SERVER_KEY_REFRESH', '300'],
      ['GSK_SESSION_TICKET_SERVER_TIMEOUT', '300'],
      ['HttpCdpEnable', 'Off'],
      ['HttpCdpProxyServerPort', '80'],
      ['HttpCdpResponseTimeout', '15'],
      ['HttpCdpMaxResponseSize', '204800'],
      ['HttpCdpCacheSize', '32'],
      ['HttpCdpCacheEntryMaxsize', '0'],
      ['OcspAiaEnable', 'Off'],
      ['OcspProxyServerPort', '80'],
      ['OcspRetrieveViaGet', 'Off'],
      ['OcspUrlPriority', 'On'],
      ['OcspRequestSigalg', '0401'],
      ['OcspClientCacheSize', '256'],
      ['OcspCliCacheEntryMaxsize', '0'],
      ['OcspNonceGenEnable', 'Off'],
      ['OcspNonceCheckEnable', 'Off'],
      ['OcspNonceSize', '8'],
      ['OcspResponseTimeout', '15'],
      ['OcspMaxResponseSize', '20480'],
      ['OcspServerStapling', 'Off'],
    ];
    for (const [name, value] of gsk) {
      assert.equal(client.get(name)?.value, value, name);
      assert.equal(lineOfSetting(client.get(name)), lineOf(`${name}:`, env), name);
    }
    assert.equal(client.get('EnvironmentUserInstance')!.value, '1');
    // Every code the report names is one the catalogue names the same way.
    for (const [code, name] of [['0029', 'X25519'], ['0806', 'TLS_SIGALG_SHA512_WITH_RSASSA_PSS']]) assert.ok(REPORT.includes(`${code}  ${name}`));
    assert.equal(catalogue.cipherSuite('C02F')?.name, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');

    const smtp = settingsOf('CSSMTPRule');
    assert.equal(smtp.get('Trace')!.value, '7');
    assert.equal(smtp.get('ApplicationControlled')!.value, 'On');
    assert.equal(smtp.get('Keyring')!.value, 'START1/TN3270');
    const d13 = settingsOf('DEFAULTRULE13');
    assert.equal(d13.get('TLSv1.3')!.value, 'On');
    assert.deepEqual(d13.get('SignaturePairs')!.value, ['0601060305010503040104030402030103030302020102030202080608050804']);
    assert.equal(d13.get('Trace')!.value, '2');
  });
});

describe('pasearch report: the codes of its lists', () => {
  it('knows every cipher, curve, key share group and signature pair the report prints, by code', () => {
    const report = readReport(REPORT);
    const known = (list: string, code: string): string | undefined =>
      /cipher/i.test(list) ? catalogue.cipherSuite(code)?.name : (/KeyShare/.test(list) ? KEY_SHARE_GROUPS : /Curves/.test(list) ? CURVES : SIGNATURE_PAIRS).find((c) => c.code === code)?.name;
    let items = 0;
    const walk = (entries: readonly ReportEntry[], list: string): void => {
      for (const e of entries) {
        if (e.kind === 'group') walk(e.entries, e.key.text);
        else if (e.kind === 'item') {
          items++;
          const name = known(list, e.code.text);
          assert.ok(name, `line ${e.code.line + 1}: ${list} ${e.code.text} (${e.name?.text}) is in the catalogue`);
          // Cipher suites, curves and groups carry pasearch's own names in the catalogue.
          if (!/SignaturePairs|Sigalg/.test(list)) assert.equal(name, e.name?.text, `line ${e.code.line + 1}`);
        }
      }
    };
    for (const r of report.rules) for (const a of r.printed) walk(a.entries, '');
    assert.ok(items > 400, `${items} codes`);
  });
});

describe('pasearch report: the installed policy', () => {
  const p = readPasearch('easyattls.report', REPORT);
  const policy = compilePolicy(p.model);

  it('orders the rules as pasearch lists them, with their conditions', () => {
    assert.deepEqual(policy.rules.map((r) => r.name), RULES.map((r) => r.name));
    const text = (r: CompiledRule): unknown => [r.priority, r.directionText, r.remoteAddr?.text, r.localPort?.text, r.remotePort?.text, r.jobname?.text, r.userid?.text, r.enabled];
    for (const want of RULES) {
      assert.deepEqual(text(policy.byName.get(want.name)!), [want.priority, want.direction, want.remote, want.localPorts, want.remotePorts, want.jobname, want.userid, true], want.name);
    }
    assert.deepEqual(policyVerdict(policy.model), { rejected: 0, ignored: 0 });
  });

  it('answers a connection with the installed rule, pointing at the report lines', () => {
    const c = readConnection({ direction: 'inbound', local_port: '4000', remote_addr: '10.1.1.2', jobname: 'COLCOMPI', userid: 'COLIN' }).connection!;
    const e = explainMatch(policy, c);
    assert.equal(e.result.rule?.name, 'COLATTLJ');
    assert.equal(p.document.parse.lineIndex.positionAt(e.result.rule!.statement.nameWord!.start).line + 1, lineOf('policyRule:             COLATTLJ'));
    // COLATTLS has the same port and priority: name order decides, as in the report.
    const other = explainMatch(policy, readConnection({ direction: 'inbound', local_port: '4000', userid: 'START1' }).connection!);
    assert.equal(other.result.rule?.name, 'COLATTLS');
  });

  it('keeps the user ID printed beside the job name, on a line of its own rule, and knows where it was printed', () => {
    const rule = policy.byName.get('COLATTLJ')!;
    const userid = rule.userid!.param;
    const at = p.document.parse.lineIndex.positionAt(userid.values[0]!.start);
    const printed = lineOf('JobName:             COLCOMPI');
    assert.ok(at.line + 1 > printed && at.line + 1 < lineOf('TTLS Action:', printed));
    assert.deepEqual(reportPosition(p, at.line, at.character), { line: printed - 1, character: lines[printed - 1]!.indexOf('COLIN') });
    // Values elsewhere are written at the column the report prints them.
    const job = rule.jobname!.param.values[0]!;
    const jp = p.document.parse.lineIndex.positionAt(job.start);
    assert.deepEqual(reportPosition(p, jp.line, jp.character), { line: printed - 1, character: lines[printed - 1]!.indexOf('COLCOMPI') });
  });
});

describe('pasearch report: copies from ISPF and job logs', () => {
  const base = compilePolicy(readPasearch('r', REPORT).model);
  const summary = (text: string): unknown => {
    const p = readPasearch('r', text);
    const c = compilePolicy(p.model);
    return c.rules.map((r) => [r.name, r.priority, r.localPort?.text, r.userid?.text, effectiveSettings(p.model, r).map((s) => `${s.name}=${String(s.value)}`).join(';')]);
  };
  const want = summary(REPORT);

  it('reads a copy with ISPF line numbers and CRLF line ends', () => {
    const copy = lines.map((l, i) => `${String((i + 1) * 100).padStart(6, '0')} ${l}`).join('\r\n');
    assert.equal(isPasearchReport(copy), true);
    assert.deepEqual(summary(copy), want);
    const p = readPasearch('r', copy);
    // Positions are in the copy: the name of a rule sits 7 columns to the right.
    const r = compilePolicy(p.model).byName.get('TNZZZZ')!;
    const pos = p.document.parse.lineIndex.positionAt(r.statement.nameWord!.start);
    assert.equal(pos.character, 7 + lines[pos.line]!.indexOf('TNZZZZ'));
  });

  it('reads a job log copy: carriage control, job lines before it, a page header inside it, sequence numbers', () => {
    const out: string[] = ['1                    J E S 2  J O B  L O G  --  S Y S T E M  S 0 W 1', ' 04.52.28 JOB00042 ---- MONDAY, 23 DEC 2024 ----', ' 04.52.28 JOB00042  IRR010I  USERID IBMUSER IS ASSIGNED TO THIS JOB.'];
    const at = lineOf('      0024  secp384r1', lineOf('policyRule:             GPMSERVE'));
    lines.forEach((l, i) => {
      if (i + 1 === at) out.push('1 PAGE     2', ' ');
      // Carriage control in column 1, then the record: its data, and sequence numbers in 73-80.
      out.push(` ${l.padEnd(72).slice(0, 72)}${String(i + 1).padStart(8, '0')}`);
    });
    const copy = out.join('\n');
    assert.equal(isPasearchReport(copy), true);
    assert.deepEqual(summary(copy), want);
    const p = readPasearch('r', copy);
    assert.equal(p.report.headers[0]!.image?.text, 'TCPIP');
    assert.ok(p.notes.some((n) => /1 line of the report did not fit/.test(n)), p.notes.join('\n'));
    assert.equal(compilePolicy(p.model).rules.length, base.rules.length);
  });

  it('reads trailing blanks and a byte-order mark', () => {
    const copy = '\ufeff' + lines.map((l) => `${l}      `).join('\n');
    assert.deepEqual(summary(copy), want);
  });
});

describe('pasearch report: layouts the real report does not show', () => {
  // The first rule of the real report with its three actions, edited line by line.
  const first = lines.slice(0, lineOf('policyRule:             AZFMutAuthRule') - 1);
  const edit = (changes: Record<string, string>, base = first): string =>
    base.map((l) => Object.entries(changes).reduce((acc, [from, to]) => (acc.includes(from) ? acc.replace(from, to) : acc), l)).join('\n');
  const notesOf = (text: string): string => readPasearch('r', text).notes.join('\n');
  const only = (text: string): CompiledRule => compilePolicy(readPasearch('r', text).model).rules[0]!;

  it('reads an address range and a port range, and says the range may be a group summary', () => {
    const text = edit({
      'FromAddr:           0.0.26.137': 'FromAddr:           10.1.0.0',
      'ToAddr:             0.0.26.137': 'ToAddr:             10.1.255.255',
      'RemotePortFrom:      0                 RemotePortTo:      0': 'RemotePortFrom:      8000              RemotePortTo:      8080',
    });
    const r = only(text);
    assert.equal(r.remoteAddr?.text, '10.1.0.0-10.1.255.255');
    assert.equal(r.remotePort?.text, '8000-8080');
    assert.match(notesOf(text), /remote addresses as one range \(10\.1\.0\.0-10\.1\.255\.255, line 37\)/);
    assert.match(notesOf(text), /remote ports as one range \(8000-8080, line 40\)/);
  });

  it('reads a Prefix line after FromAddr as a prefix length', () => {
    const text = edit({ 'ToAddr:             0.0.26.137': 'Prefix:             24', 'FromAddr:           0.0.26.137': 'FromAddr:           192.0.2.0' });
    assert.equal(only(text).remoteAddr?.text, '192.0.2.0/24');
    assert.match(notesOf(text), /Prefix line .* third-party parsers only/);
  });

  it('reads IPv6 addresses', () => {
    const text = edit({ 'FromAddr:           0.0.26.137': 'FromAddr:           2001:db8::1', 'ToAddr:             0.0.26.137': 'ToAddr:             2001:db8::1' });
    assert.equal(only(text).remoteAddr?.v6.length, 1);
  });

  it('reads a time period into an IpTimeCondition that matching honours', () => {
    const text = edit({
      'Day of Week Mask:    1111111': 'Day of Week Mask:    0111110',
      'Fr TimeOfDay:        00:00             To TimeOfDay:      24:00': 'Fr TimeOfDay:        08:00             To TimeOfDay:      17:00',
      'Start Date Time:     None': 'Start Date Time:     Wed Jan  1 00:00:00 2025',
      'End Date Time:       None': 'End Date Time:       Wed Dec 31 23:59:59 2025',
    });
    const p = readPasearch('r', text);
    const r = compilePolicy(p.model).rules[0]!;
    assert.ok(r.time);
    const t = r.time.statement;
    assert.deepEqual([t.value('DayOfWeekMask'), t.value('TimeOfDayRange'), t.value('TimePeriod')], ['0111110', '08:00-17:00', '20250101000000:20251231235959']);
    const at = (time: string): boolean | undefined => r.time!.check(readConnection({ direction: 'outbound', time }).connection!.time!).inEffect;
    assert.equal(at('2025-03-04T09:00'), true); // a Tuesday
    assert.equal(at('2025-03-02T09:00'), false); // a Sunday
    assert.equal(at('2025-03-04T18:00'), false);
    assert.equal(at('2026-03-03T09:00'), false);
  });

  it('notes what it cannot represent: a negative condition, an inactive rule, several time periods', () => {
    const periods = first.slice(lineOf('Time Periods:') - 1, lineOf('TimeZone:'));
    const at = lineOf('TTLS Condition Summary:') - 1;
    const text = edit({ 'NegativeIndicator: Off': 'NegativeIndicator: On', 'Status:            Active': 'Status:            Inactive' }, [...first.slice(0, at), ...periods, ...first.slice(at)]);
    const n = notesOf(text);
    assert.match(n, /AZFClientRule: NegativeIndicator is On/);
    assert.match(n, /AZFClientRule has Status Inactive/);
    assert.match(n, /AZFClientRule has 2 time periods/);
  });

  it('notes settings it does not know and leaves them out, without failing', () => {
    const text = edit({ 'MiddleBoxCompatMode:       Off': 'FutureKnob:                On' });
    const p = readPasearch('r', text);
    assert.match(p.notes.join('\n'), /'FutureKnob' \(line 62\) is not a parameter attls knows there/);
    assert.equal(compilePolicy(p.model).rules.length, 1);
  });

  it('notes an action printed differently under two rules and uses the first printing', () => {
    const second = edit({ 'policyRule:             AZFClientRule': 'policyRule:             AZFClientRule2', 'HandshakeTimeout:          10': 'HandshakeTimeout:          99' }, first.slice(lineOf('policyRule:') - 1));
    const p = readPasearch('r', `${first.join('\n')}\n${second}`);
    assert.match(p.notes.join('\n'), /Action eActAZFClient is printed differently under AZFClientRule and AZFClientRule2/);
    const policy = compilePolicy(p.model);
    assert.equal(effectiveSettings(p.model, policy.byName.get('AZFClientRule2')!).find((s) => s.name === 'HandshakeTimeout')!.value, '10');
  });

  it('asks which image to read when the report has several, and reads the one chosen', () => {
    const other = edit({ 'Image Name: TCPIP': 'Image Name: TCPIPB', 'policyRule:             AZFClientRule': 'policyRule:             OtherRule' });
    const text = `${first.join('\n')}\n${other}`;
    assert.match(readPasearch('r', text).problem ?? '', /several images \(TCPIP, TCPIPB\)/);
    const b = readPasearch('r', text, { image: 'tcpipb' });
    assert.equal(b.problem, undefined);
    assert.deepEqual(compilePolicy(b.model).rules.map((r) => r.name), ['OtherRule']);
    assert.match(readPasearch('r', text, { image: 'X' }).problem ?? '', /image 'X' is not in the report/);
  });

  it('reads "No policies retrieved" as a policy without rules, and leaves out rules of other types', () => {
    const none = readPasearch('r', 'TCP/IP pasearch CS 3.1                    Image Name: TCPIP\nNo policies retrieved\n');
    assert.equal(compilePolicy(none.model).rules.length, 0);
    assert.match(none.notes.join('\n'), /No policies retrieved/);
    const qos = edit({ 'Rule Type:            TTLS': 'Rule Type:            QoS' });
    const p = readPasearch('r', qos);
    assert.equal(compilePolicy(p.model).rules.length, 0);
    assert.match(p.notes.join('\n'), /1 rule of other policy types/);
  });

  it('never fails on damaged reports', () => {
    for (let cut = 0; cut < first.length; cut += 7) {
      const text = first.slice(0, cut).join('\n') + '\n' + first.slice(cut + 3).map((l, i) => (i % 5 === 0 ? l.slice(3) : l)).join('\n');
      const p = readPasearch('r', text);
      compilePolicy(p.model);
      assert.ok(p.text.split('\n').length >= text.split('\n').length);
    }
  });
});
