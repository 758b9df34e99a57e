// Built-in check of parameter values against their catalogue entry: allowed words, numbers and
// ranges, names, addresses, ports, cipher and curve codes, placeholders, and words after the value.
import { catalogue, CURVES, type ParameterSpec, type StatementSpec } from '../../catalogue/index.js';
import type { Word } from '../../syntax/ast.js';
import { spanOf } from '../../text.js';
import type { BuiltinCheck, Finding } from '../check.js';
import type { ParamInfo, PolicyModel } from '../model.js';
import { forbiddenIpv6, readAddress, readAddressRange, readIpSpec, readJobPattern, readPortSpec, readPrefix, splitCodes } from '../values.js';
import { checkedSpec } from './parameters.js';
import { nearMiss, placeholderRun, probableSpec, replaceFix, Suggester, trailingFinding, wordsSpan } from './support.js';

export const valuesCheck: BuiltinCheck = {
  name: 'values',
  codes: ['missing-value', 'placeholder', 'questionable-value', 'invalid-value', 'unknown-cipher', 'trailing-text'],
  run: (model) => new ValueChecker(model).run(),
};

const CURVE_CODES = new Set(CURVES.map((c) => c.code));
/** How many SSL V2 ciphers a list can hold (reference notes, section 9: at most 10). */
export const MAX_V2_CIPHERS = 10;
/**
 * A suite attls can name: System SSL's table, or an anonymous or export suite of the IANA registry
 * (weak-cipher reports those by name; calling them unknown as well would send the reader to look
 * for a typo that is not there).
 */
const knownSuite = (text: string): boolean => catalogue.cipherSuite(text) !== undefined || catalogue.ianaOnlySuite(text) !== undefined;

function bounds(ps: ParameterSpec): string {
  if (ps.min !== undefined && ps.max !== undefined) return ` from ${ps.min} to ${ps.max}`;
  if (ps.min !== undefined) return ` of at least ${ps.min}`;
  if (ps.max !== undefined) return ` of at most ${ps.max}`;
  return '';
}

class ValueChecker {
  private readonly out: Finding[] = [];
  private readonly suggester = new Suggester();

  constructor(private readonly model: PolicyModel) {}

  run(): Finding[] {
    for (const s of this.model.statements) {
      if (s.node.kind !== 'statement' || s.params.length === 0) continue;
      let probable: StatementSpec | undefined;
      if (!s.spec) {
        probable = probableSpec(s, this.suggester);
        if (!probable) continue;
      }
      let v2 = 0;
      for (const p of s.params) {
        const ps = checkedSpec(p, probable);
        if (ps && ps.kind !== 'inline-block') this.values(p, ps);
        if (ps?.kind === 'cipher-v2') v2 = this.v2Total(p, ps, v2);
      }
    }
    return this.out;
  }

  /**
   * Repeated V2CipherSuites lines are concatenated into one list (IBM), so the limit holds for
   * the lines together: reported once, on the line that takes the list past it.
   */
  private v2Total(p: ParamInfo, ps: ParameterSpec, before: number): number {
    const w = p.values[0];
    if (!w) return before;
    const own = /^(TLS|SSL)_/i.test(w.text) ? 1 : /^[0-9A-Za-z]+$/.test(w.text) ? w.text.length : 0;
    const total = before + own;
    if (before > 0 && before <= MAX_V2_CIPHERS && total > MAX_V2_CIPHERS && own <= MAX_V2_CIPHERS) {
      this.invalid(p, ps, w, 'tooManyV2Lines', { count: total, max: MAX_V2_CIPHERS });
    }
    return total;
  }

  private add(p: ParamInfo, f: Omit<Finding, 'uri'>): void {
    this.out.push({ uri: p.owner.doc.uri, ...f });
  }

  private invalid(p: ParamInfo, ps: ParameterSpec, w: Word, messageId: string, data: Record<string, string | number | readonly string[]> = {}): void {
    this.add(p, { code: 'invalid-value', messageId, data: { keyword: ps.name, value: w.text, ...data }, span: spanOf(w) });
  }

  private questionable(p: ParamInfo, ps: ParameterSpec, w: Word, messageId: string, data: Record<string, string | number> = {}): void {
    this.add(p, { code: 'questionable-value', messageId, data: { keyword: ps.name, value: w.text, ...data }, span: spanOf(w) });
  }

  private unknownCipher(p: ParamInfo, ps: ParameterSpec, w: Word, messageId: string, codes?: readonly string[]): void {
    this.add(p, { code: 'unknown-cipher', messageId, data: { keyword: ps.name, value: w.text, ...(codes ? { codes } : {}) }, span: spanOf(w) });
  }

  private values(p: ParamInfo, ps: ParameterSpec): void {
    const values = p.values;
    if (values.length === 0) {
      this.add(p, { code: 'missing-value', messageId: 'none', data: { keyword: ps.name }, span: spanOf(p.keyword) });
      return;
    }
    const ph = placeholderRun(values);
    if (ph) {
      this.add(p, { code: 'placeholder', messageId: 'value', data: { keyword: ps.name, text: ph.map((w) => w.text).join(' ') }, span: wordsSpan(ph) });
      return;
    }
    const w = values[0]!;
    const text = w.text;
    let used = 1;
    if (w.quoted && /\s/.test(text)) this.questionable(p, ps, w, 'quoted');
    switch (ps.kind) {
      case 'enum': {
        if (catalogue.enumValue(ps, text) !== undefined) break;
        const allowed = (ps.values ?? []).map((v) => v.value);
        const near = this.suggester.suggest(text, allowed);
        const span = spanOf(w);
        // Suggestions only: Policy Agent rejects the policy as written, and whichever word it
        // becomes is a setting the author chooses, however near (Of is as near to On as to Off).
        // The editor prefers the only near miss.
        const preferred = near.length === 1 && nearMiss(text, near[0]!);
        this.add(p, {
          code: 'invalid-value',
          messageId: 'enum',
          data: { keyword: ps.name, value: text, allowed },
          span,
          suggestions: near.length > 0 ? near.map((x) => ({ ...replaceFix(`Change to '${x}'`, span, x), ...(preferred ? { preferred } : {}) })) : undefined,
        });
        break;
      }
      case 'int': {
        if (!/^\d+$/.test(text)) {
          if (catalogue.enumValue(ps, text) !== undefined) break;
          this.invalid(p, ps, w, 'notNumber', { bounds: bounds(ps) });
          break;
        }
        const n = Number(text);
        if ((ps.min !== undefined && n < ps.min) || (ps.max !== undefined && n > ps.max)) {
          if (ps.boundsCertainty === 'recalled') this.questionable(p, ps, w, 'range', { bounds: bounds(ps) });
          else this.invalid(p, ps, w, 'range', { bounds: bounds(ps) });
        }
        break;
      }
      case 'string':
      case 'name-ref': {
        const max = ps.kind === 'name-ref' ? 32 : ps.maxLength;
        if (max !== undefined && text.length > max) this.invalid(p, ps, w, 'tooLong', { length: text.length, max });
        break;
      }
      case 'job-pattern': {
        const r = readJobPattern(text);
        if (!r.ok) {
          if (/\*./.test(text) && text.length <= 8) this.questionable(p, ps, w, 'wildcard', { reason: r.reason });
          else this.invalid(p, ps, w, 'jobPattern', { reason: r.reason });
        }
        break;
      }
      case 'ip-spec':
      case 'ip-address':
      case 'ip-prefix':
      case 'ip-range': {
        const r =
          ps.kind === 'ip-spec' ? readIpSpec(text)
          : ps.kind === 'ip-prefix' ? readPrefix(text)
          : ps.kind === 'ip-range' ? readAddressRange(text)
          : readAddress(text);
        if (!r.ok) {
          this.invalid(p, ps, w, 'address', { reason: r.reason });
          break;
        }
        const v = r.value as { all?: boolean; family?: 4 | 6; from?: bigint; to?: bigint; value?: bigint; form?: 'address' | 'prefix' | 'range' };
        if (v.all) break;
        const range = v.value !== undefined ? { family: v.family!, from: v.value, to: v.value } : { family: v.family!, from: v.from!, to: v.to! };
        const form = v.form ?? (ps.kind === 'ip-prefix' ? 'prefix' : ps.kind === 'ip-range' ? 'range' : 'address');
        const why = forbiddenIpv6(range, form);
        if (why) this.invalid(p, ps, w, 'ipv6', { reason: why });
        break;
      }
      case 'port-spec': {
        if (text.toLowerCase() === 'all') {
          this.questionable(p, ps, w, 'portAll');
          break;
        }
        const r = readPortSpec(values.map((v) => v.text));
        if (!r.ok) this.invalid(p, ps, w, 'port', { reason: r.reason });
        else used = r.value.used;
        break;
      }
      case 'bitmask': {
        const ok = /^[01]+$/.test(text) && (ps.minLength === undefined || text.length >= ps.minLength) && (ps.maxLength === undefined || text.length <= ps.maxLength);
        if (!ok) this.invalid(p, ps, w, 'bitmask', { length: ps.minLength ? ` of ${ps.minLength} characters` : '' });
        break;
      }
      case 'cipher-v2': {
        if (/^(TLS|SSL)_/i.test(text)) {
          if (!catalogue.cipherV2(text)) this.unknownCipher(p, ps, w, 'v2Name');
        } else if (!/^[0-9A-Za-z]+$/.test(text)) {
          this.invalid(p, ps, w, 'v2Cipher');
        } else {
          const unknown = [...text].filter((c) => !catalogue.cipherV2(c));
          if (unknown.length > 0) this.unknownCipher(p, ps, w, 'v2Codes', unknown);
          else if (text.length > MAX_V2_CIPHERS) this.invalid(p, ps, w, 'tooManyV2', { count: text.length, max: MAX_V2_CIPHERS });
        }
        break;
      }
      case 'cipher-v3': {
        if (/^(TLS|SSL)_/i.test(text)) {
          if (!knownSuite(text)) this.unknownCipher(p, ps, w, 'name');
          break;
        }
        const r = splitCodes(text, 2, true);
        if (!r.ok) {
          this.invalid(p, ps, w, 'cipher', { reason: r.reason });
          break;
        }
        const unknown = r.value.filter((c) => !knownSuite(c));
        if (unknown.length > 0) this.unknownCipher(p, ps, w, 'codes', unknown);
        break;
      }
      case 'cipher-v3-4char': {
        const r = splitCodes(text, 4, true);
        if (!r.ok) {
          this.invalid(p, ps, w, 'codes', { reason: r.reason });
          break;
        }
        const unknown = r.value.filter((c) => !knownSuite(c));
        if (unknown.length > 0) this.unknownCipher(p, ps, w, 'codes', unknown);
        break;
      }
      case 'curve-list':
      case 'group-list': {
        if (catalogue.enumValue(ps, text) !== undefined) break;
        const r = splitCodes(text, 4, false);
        if (!r.ok) {
          this.invalid(p, ps, w, 'codes', { reason: r.reason });
          break;
        }
        const unknown = r.value.filter((c) => !CURVE_CODES.has(c));
        if (unknown.length > 0) this.unknownCipher(p, ps, w, 'curves', unknown);
        break;
      }
      case 'sigalg-list': {
        const r = splitCodes(text, 4, true);
        if (!r.ok) this.invalid(p, ps, w, 'codes', { reason: r.reason });
        break;
      }
      case 'file-ref': {
        if (!text.startsWith('/')) this.invalid(p, ps, w, 'file');
        break;
      }
      case 'time-spec':
      case 'inline-block':
        break;
    }
    if (values.length > used) this.out.push(trailingFinding(p.owner.doc.uri, values.slice(used), `the value of ${ps.name}`, values[used - 1]));
  }
}
