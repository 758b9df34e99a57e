// Real policies written by others (test/fixtures/corpus, faults listed in its SOURCES.tsv) and the
// policy snippets in the seed documents (test/fixtures/seeds): no syntax error where Policy Agent
// accepts the text, and the real faults found.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '@attls/language';
import { lintText, type LintResult } from '@attls/lint';
import { corpusDir, seedsDir } from '../support/shared.js';

/** Findings as "code@line" (1-based line). */
function findings(r: LintResult): string[] {
  return r.diagnostics.map((d) => `${d.code}@${r.lineIndex.positionAt(d.span.start).line + 1}`);
}

/**
 * The faults each corpus file is known to have (SOURCES.tsv), as code@line. Every one must be
 * found; other findings may exist (lint rules add more).
 */
const EXPECTED: Record<string, string[]> = {
  '002-pj892031-attls-server-client.conf': [
    'duplicate-definition@17', // ServerEnvironmentAction defined twice, differently
    'duplicate-definition@30', // EnvironmentAdvancedParms
    'duplicate-definition@42', // ServerConnectionAction
    'duplicate-definition@49', // ConnectionAdvancedParms
    'missing-required@103', // the second ServerEnvironmentAction has no key ring
  ],
  '003-cobollm-outbound-openai.conf': [
    'unconfirmed-parameter@37', // HostReferenceIdDNS: listed by other checkers, not confirmed by IBM
    'unconfirmed-parameter@38', // HostRefWildcardValidation
  ],
  '004-zeditor01-shopz-outbound-ftp.conf': [],
  '005-dynatrace-zremote-zlocal-client.conf': ['placeholder@1', 'placeholder@9', 'placeholder@13', 'placeholder@113'],
  '006-zowe-v1-zss-server-tilde-names.conf': [
    'placeholder@4', // [zss_port]
    'undefined-reference@28', // cipherZSS, but the block is named cipher~ZSS
    'unused-definition@44',
    'placeholder@38',
    'placeholder@42',
  ],
  '007-legacytel-cdp-outbound-errors.conf': [
    'undefined-reference@3', // LocalAddrGroupRef No
    'undefined-reference@4', // RemoteAddrGroupRef No
    'undefined-reference@7', // LegacyTelGroupAction never defined
    'unknown-parameter@27', // ClientHandshake is not a parameter
  ],
  '009-zowe-v3-single-service-full-example.conf': [
    'unknown-statement@32', // TLSRule
    'undefined-reference@171', // NoKeyKeyring
    'unused-definition@155', // ZoweNoX509Keyring
  ],
  '010-zowe-v3-common-config-items-duplicates.conf': [
    'duplicate-definition@43', // ClientGroupAction twice
    'duplicate-definition@62', // ClientEnvironmentAdvParms twice
    'trailing-text@76', // CertificateLabel Zowe Server: 'Server' is ignored
    'undefined-reference@12', // ZoweKeyring (defined in another snippet)
    'no-rules@2',
  ],
  '011-zowe-v3-keyring-block-with-stray-prose.conf': ['unknown-statement@13', 'unknown-statement@14'],
  '012-ibm-debugtool-debug-manager-unbalanced.conf': ['syntax-unclosed-brace@14', 'misplaced-statement@28'],
  '017-idug-db2-ddf-server-and-clientauth.conf': [
    'duplicate-definition@19', // DB2SecureEnvAct
    'unknown-statement@41', // stray prose 'Client Authentication'
    'misplaced-parameter@52', // ClientAuthType directly in TTLSEnvironmentAction
  ],
  '018-sunil390-zowe-server-rule-skill.conf': ['undefined-reference@37', 'undefined-reference@38'],
  '019-zowe-v2-apiml-attls-snippets.conf': [
    'undefined-reference@22',
    'undefined-reference@23',
    'undefined-reference@30',
    'undefined-reference@56',
    'trailing-text@82', // CertificateLabel Zowe Server
  ],
  '025-jupyter-kernel-gateway-safcheck-tabs.conf': [],
  '026-ibm-cs-config-guide-xyz-server-checklist.conf': [],
  '029-zowe-draft-outbound-rules-todos-empty-jobname.conf': ['missing-value@65', 'undefined-reference@10', 'undefined-reference@69'],
  '030-zowe-enabling-attls-broad-outbound-portrange-all.conf': ['questionable-value@38', 'undefined-reference@23'],
  // CertificateLabel in TTLSConnectionAction and without a value: both faults at line 6.
  '031-zowe-v2-clientconnaction-empty-certlabel-trailing-spaces.conf': ['misplaced-parameter@6', 'missing-value@6', 'undefined-reference@4'],
  '033-ibm-pbn-compound-rule-indented-en.conf': [
    'undefined-reference@6', // portGroup2: its definition lost the PortGroup keyword
    'undefined-reference@10', // ttlsAction7
    'unknown-statement@49', // PortGroup2
  ],
};

/** Syntax findings that are real (the braces really are unbalanced). */
const REAL_SYNTAX: Record<string, string[]> = {
  '012-ibm-debugtool-debug-manager-unbalanced.conf': ['syntax-unclosed-brace@14'],
};

describe('corpus of real policies', () => {
  const dir = corpusDir;
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf')).sort();

  it('has an expectation for every corpus file', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const f of files) {
    it(f, () => {
      const r = lintText(f, readFileSync(join(dir, f), 'utf8'));
      const found = findings(r);
      const syntax = found.filter((x) => x.startsWith('syntax-'));
      assert.deepEqual(syntax, REAL_SYNTAX[f] ?? [], 'no syntax error where Policy Agent accepts the text');
      const missing = (EXPECTED[f] ?? []).filter((x) => !found.includes(x));
      assert.deepEqual(missing, [], `faults not found; found: ${found.join(', ')}`);
    });
  }
});

/**
 * Cuts the policy snippets out of a seed document: fenced blocks (```) that contain a brace, and
 * runs of lines that start at an AT-TLS statement keyword followed by a block, or at a Policy Agent
 * configuration statement naming a file, running while lines look like policy text or a block is open.
 */
export function extractSnippets(text: string): { line: number; text: string }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const firstWord = (l: string): string => l.trim().split(/\s+/)[0] ?? '';
  const opensBlock = (i: number): boolean => {
    for (let k = i; k < Math.min(lines.length, i + 4); k++) if (lines[k]!.includes('{')) return true;
    return false;
  };
  const isStart = (i: number): boolean => {
    const l = lines[i]!;
    const w = firstWord(l);
    const spec = catalogue.statement(w);
    if (spec?.shape === 'block') return opensBlock(i);
    if ((spec?.shape === 'line' || catalogue.foreignStatement(w)) && /\s\/{1,2}/.test(l)) return true;
    return false;
  };
  const policyLike = (l: string): boolean => {
    const t = l.trim();
    if (t === '' || t.startsWith('#') || t === '{' || t === '}') return true;
    const w = firstWord(l);
    return catalogue.allKeywords().some((k) => k.toLowerCase() === w.toLowerCase());
  };
  const out: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim().startsWith('```')) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim().startsWith('```')) j++;
      const body = lines.slice(i + 1, j);
      if (body.some((l) => l.includes('{')) && body.some((l) => /^\s*[A-Za-z]/.test(l))) out.push({ line: i + 2, text: body.join('\n') + '\n' });
      i = j;
      continue;
    }
    if (!isStart(i)) continue;
    const start = i;
    let depth = 0;
    let j = i;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim().startsWith('```')) break;
      if (depth === 0 && j > start && !policyLike(l)) break;
      for (const c of l.replace(/#.*/, '')) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      if (depth < 0) depth = 0;
    }
    while (j > start && lines[j - 1]!.trim() === '') j--;
    out.push({ line: start + 1, text: lines.slice(start, j).join('\n') + '\n' });
    i = j - 1;
  }
  return out;
}

describe('policy snippets in the seed documents', () => {
  const dir = seedsDir;
  const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const all = seeds.flatMap((f) => extractSnippets(readFileSync(join(dir, f), 'utf8')).map((s) => ({ ...s, seed: f })));
  const bySeedLine = (seedPrefix: string, line: number) => all.find((s) => s.seed.startsWith(seedPrefix) && s.line === line);

  it('finds the snippets', () => {
    assert.ok(all.length >= 7, `only ${all.length} snippets`);
  });

  it('lints every snippet without throwing, with positions inside the snippet', () => {
    for (const s of all) {
      const r = lintText(`${s.seed}:${s.line}`, s.text);
      for (const d of r.diagnostics) assert.ok(d.span.end <= s.text.length);
    }
  });

  it('reads the Policy Agent configuration lines of seed 004 (TcpImage, TTLSConfig, IpSecConfig) without unknown statements', () => {
    const config = all.filter((s) => s.seed.startsWith('004') && /^(tcpImage|TTLSConfig|IpSecConfig)/i.test(s.text));
    const text = config.map((s) => s.text).join('');
    for (const k of ['tcpImage', 'TTLSConfig', 'IpSecConfig']) assert.ok(text.includes(k), k);
    for (const s of config) {
      const codes = lintText('c', s.text).diagnostics.map((d) => d.code);
      assert.deepEqual(codes.filter((c) => c.startsWith('unknown') || c.startsWith('syntax-')), [], s.text);
    }
  });

  it("finds the misplaced braces of seed 004's CSSMTP policy", () => {
    // The environment action closes after the key ring, so the advanced parms stand alone at the
    // top level (unnamed) and the last brace closes nothing.
    const s = all.find((x) => x.seed.startsWith('004') && x.text.includes('TTLSRule                         CSSMTPRule'));
    assert.ok(s);
    const r = lintText('cssmtp', s.text);
    const found = findings(r);
    const base = s.line - 1;
    const at = (code: string, seedLine: number): string => `${code}@${seedLine - base}`;
    assert.ok(found.includes(at('syntax-unexpected-brace', 604)), found.join(', '));
    assert.ok(found.includes(at('missing-required', 600)), found.join(', '));
  });

  it("reads seed 004's COLATTLJ/COLATTLS policy without syntax errors and resolves all its references", () => {
    const s = all.find((x) => x.seed.startsWith('004') && x.text.includes('COLATTLJ'));
    assert.ok(s);
    const codes = lintText('colattl', s.text).diagnostics.map((d) => d.code);
    assert.deepEqual(codes.filter((c) => c.startsWith('syntax-') || c === 'undefined-reference'), []);
  });

  it("points at seed 003's mistyped TLSKeyringParms and its slide annotations", () => {
    const s = all.filter((x) => x.seed.startsWith('003'));
    const texts = s.map((x) => lintText('s', x.text).diagnostics.map((d) => `${d.code}:${d.message}`)).flat();
    assert.ok(texts.some((t) => t.startsWith("unknown-statement:Unknown statement 'TLSKeyringParms'; did you mean 'TTLSKeyringParms'?")));
    assert.ok(texts.some((t) => t.startsWith('trailing-text:')), 'the <<<< markers after values are ignored text');
    assert.ok(texts.some((t) => t.startsWith('placeholder:')), 'the elided ... line');
  });

  it('snippet extraction finds the expected places and skips other configuration languages', () => {
    assert.ok(bySeedLine('004', 180)?.text.startsWith('tcpImage TCPIP'));
    assert.ok(bySeedLine('004', 1025)?.text.startsWith('TTLSRule                      COLATTLJ'));
    assert.ok(!all.some((s) => s.text.startsWith('  CodePage ISO8859-1')), 'FTP.DATA lines are not policy');
  });
});
