// The return-code table against test/fixtures/reference/return-codes.json: every code is covered, the
// certainty follows the reference's marks, and meanings are in our own words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainCode, RETURN_CODES, returnCodeInfo } from '@attls/explain';
import { referenceDir } from '../support/shared.js';

const reference = JSON.parse(readFileSync(join(referenceDir, 'return-codes.json'), 'utf8')) as Record<string, string>;
const codes = Object.keys(reference).filter((k) => /^\d+$/.test(k));

/** Codes the seeds show in their log lines and stories (seeds 003 and 004). */
const SEED_CODES = [6, 202, 401, 406, 417, 428, 438, 5006];

/** Words of a text, lower case, for comparing wording. */
const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);

/** Longest run of consecutive words two texts share. */
function sharedRun(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let best = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

describe('explain: return-code table', () => {
  it('has an entry for every code of the reference', () => {
    const missing = codes.filter((c) => !returnCodeInfo(Number(c)));
    assert.deepEqual(missing, []);
    assert.ok(codes.length > 60, 'the reference lists the System SSL and AT-TLS codes');
  });

  it('has an entry for every code the seeds show', () => {
    for (const c of SEED_CODES) assert.ok(returnCodeInfo(c), `RC ${c}`);
  });

  it('marks codes the reference calls unconfirmed as uncertain, and the others as confirmed', () => {
    for (const c of codes) {
      const info = returnCodeInfo(Number(c))!;
      if (/unconfirmed/i.test(reference[c]!)) assert.notEqual(info.certainty, 'confirmed', `RC ${c}`);
      else assert.equal(info.certainty, 'confirmed', `RC ${c}`);
    }
  });

  it('gives 5006 (not in the reference table) as seen in IBM material, not confirmed', () => {
    assert.equal(returnCodeInfo(5006)!.certainty, 'usage');
  });

  it('words meanings itself: no run of six or more words copied from the reference', () => {
    const copied = codes.filter((c) => sharedRun(returnCodeInfo(Number(c))!.meaning, reference[c]!) >= 6);
    assert.deepEqual(copied, []);
  });

  it('is sorted, without duplicates, and every entry has causes and a source', () => {
    const list = RETURN_CODES.map((e) => e.code);
    assert.deepEqual(list, [...new Set(list)].sort((a, b) => a - b));
    for (const e of RETURN_CODES) {
      assert.ok(e.causes.length > 0, `RC ${e.code} causes`);
      assert.ok(e.source.length > 0, `RC ${e.code} source`);
      assert.ok(e.meaning.length > 10, `RC ${e.code} meaning`);
    }
  });
});

describe('explain: sources', () => {
  it('read as sentences: no source quotes a quote or names the same session twice', () => {
    for (const e of RETURN_CODES) {
      assert.ok((e.source.match(/quot/gi) ?? []).length <= 1, `RC ${e.code}: ${e.source}`);
      assert.ok((e.source.match(/SHARE 2014/g) ?? []).length <= 1, `RC ${e.code}: ${e.source}`);
    }
  });

  it('say for 406 and 5006 what the SHARE session quotes and what we have not checked', () => {
    assert.equal(
      returnCodeInfo(406)!.source,
      'SHARE 2014 session 14869 (IBM) quotes the IP Diagnosis Guide for this code ("Connection Init": an I/O error on the socket). We have not checked the guide itself, and the z/OS System SSL wording is not confirmed.',
    );
    assert.equal(
      returnCodeInfo(5006)!.source,
      'SHARE 2014 session 14869 (IBM) quotes the IP Diagnosis Guide for this code. We have not checked the guide itself, and the part of the AT-TLS return code table our reference covers does not list it.',
    );
  });
});

describe('explain: explainCode', () => {
  const focuses = (rc: number) => explainCode(rc).lookAt.map((l) => l.focus);

  it('202 points at the key ring and its owner', () => {
    const e = explainCode(202);
    assert.equal(e.range.kind, 'system-ssl');
    assert.equal(e.known, true);
    assert.equal(e.certainty, 'confirmed');
    assert.equal(focuses(202)[0], 'keyring');
    assert.match(e.lookAt[0]!.description, /owner/);
    assert.ok(e.checks.some((c) => /IRR\.DIGTCERT\.LISTRING/.test(c) && /RDATALIB/.test(c)));
  });

  it('5006 points at the environment action and an earlier environment error', () => {
    const e = explainCode(5006);
    assert.equal(e.range.kind, 'attls-user');
    assert.ok(focuses(5006).includes('environment-action'));
    assert.equal(e.followsEnvironmentError, true);
    assert.ok(e.checks.some((c) => /202/.test(c)));
  });

  it('401 is an expired certificate, 402 no common cipher, 403 and 5001 the client certificate', () => {
    assert.match(explainCode(401).meaning, /expired/);
    assert.ok(focuses(401).includes('certificate-label'));
    assert.match(explainCode(402).meaning, /cipher/);
    assert.deepEqual(focuses(402).slice(0, 2), ['ciphers', 'protocols']);
    assert.ok(focuses(403).includes('client-auth'));
    assert.ok(focuses(5001).includes('client-auth'));
    assert.match(explainCode(5001).meaning, /ClientAuthType/);
  });

  it('5004 points at HandshakeRole on both ends and HandshakeTimeout', () => {
    assert.deepEqual(focuses(5004).slice(0, 2), ['handshake-role', 'handshake-timeout']);
    assert.ok(explainCode(5004).causes.some((c) => /both/i.test(c)));
  });

  it('5004 is the start interval running out: the value on the listening side, five times it on the connecting side', () => {
    const e = explainCode(5004);
    assert.match(e.meaning, /start/);
    assert.match(e.meaning, /five times HandshakeTimeout on the side that opened the connection/);
    assert.match(e.source, /AT-TLS handshake timer/);
    assert.match(e.lookAt.find((l) => l.focus === 'handshake-timeout')!.description, /five times/);
  });

  it('5018 (Policy Mapping, APAR PH68292) has its own entry that says how little is known', () => {
    const e = explainCode(5018);
    assert.equal(e.known, true);
    assert.equal(e.range.kind, 'attls-user');
    assert.match(e.meaning, /Policy Mapping/);
    assert.equal(e.certainty, 'usage');
    assert.match(e.source, /PH68292/);
  });

  it('5008 and 5009 get only the range, since no source confirms their meaning', () => {
    for (const code of [5008, 5009]) {
      const e = explainCode(code);
      assert.equal(e.known, false, `RC ${code}`);
      assert.equal(e.range.kind, 'attls-user');
    }
  });

  it('428 is a missing private key, 417 an untrusted self-signed certificate (unconfirmed)', () => {
    assert.match(explainCode(428).meaning, /private key/);
    const e = explainCode(417);
    assert.equal(e.certainty, 'recalled');
    assert.match(e.meaning, /self-signed/);
  });

  it('406 and 438 say the real error is on the partner', () => {
    assert.equal(explainCode(406).partnerSide, true);
    assert.equal(explainCode(438).partnerSide, true);
    assert.equal(explainCode(202).partnerSide, false);
  });

  it('explains codes without an entry by their range and where IBM documents it', () => {
    const ssl = explainCode(99);
    assert.equal(ssl.known, false);
    assert.equal(ssl.range.kind, 'system-ssl');
    assert.match(ssl.meaning, /not in our table/);
    assert.match(ssl.range.documentedIn, /System SSL Programming/);
    const user = explainCode(5555);
    assert.equal(user.range.kind, 'attls-user');
    assert.match(user.range.documentedIn, /IP Diagnosis Guide/);
    const internal = explainCode(6123);
    assert.equal(internal.range.kind, 'attls-internal');
    assert.match(internal.meaning, /IBM/);
    assert.equal(explainCode(7000).range.kind, 'outside');
    assert.equal(explainCode(5000).range.kind, 'outside');
    assert.equal(explainCode(0).range.kind, 'success');
  });
});
