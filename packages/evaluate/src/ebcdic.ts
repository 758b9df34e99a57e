// Rule names in IBM-1047 (EBCDIC) byte order: Policy Agent reads policy files as IBM-1047 and
// orders rules of equal priority "alphabetically". Which collation it uses is not documented; we
// assume a plain comparison of the EBCDIC bytes, where lowercase letters sort before uppercase
// letters and both before digits -- the opposite of ASCII. The table is @attls/language's.
import { UNICODE_TO_IBM1047 } from '@attls/language';

/**
 * The IBM-1047 byte of a character; characters outside the code page sort after every byte (by
 * code point), since Policy Agent could not have read them as written anyway.
 */
export function ebcdicByte(codePoint: number): number {
  return UNICODE_TO_IBM1047.get(codePoint) ?? 256 + codePoint;
}

/** IBM-1047 bytes of a name (characters outside the code page as values above 255). */
export function toEbcdic(name: string): number[] {
  const out: number[] = [];
  for (const ch of name) out.push(ebcdicByte(ch.codePointAt(0)!));
  return out;
}

/**
 * A sort key whose string order is compareEbcdic's order: two UTF-16 units per character, so that
 * characters outside the code page (values above 0xFFFF) keep their order too. Built in a loop:
 * String.fromCharCode(...bytes) overflows the call stack on a name of a few hundred thousand
 * characters (found by the fuzzer).
 */
export function ebcdicKey(name: string): string {
  let out = '';
  for (const ch of name) {
    const v = ebcdicByte(ch.codePointAt(0)!);
    out += String.fromCharCode(v >>> 16, v & 0xffff);
  }
  return out;
}

/** Compares two names as IBM-1047 byte strings (case-sensitive); a prefix sorts first. */
export function compareEbcdic(a: string, b: string): number {
  if (a === b) return 0;
  const x = toEbcdic(a);
  const y = toEbcdic(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Compares two names by UTF-16 code units, i.e. ASCII order for ASCII names. */
export function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
