// IBM-1047 (the EBCDIC code page of z/OS UNIX and Policy Agent files) to Unicode, for policies
// copied from z/OS in binary. Built from the standard EBCDIC 037 table with the six code points
// where 1047 differs (0x5F, 0xAD, 0xB0, 0xBA, 0xBB, 0xBD); NL (0x15) is read as a line feed.

const TABLE =
  "\u0000\u0001\u0002\u0003\u009c\t\u0086\u007f\u0097\u008d\u008e\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u009d\n\b\u0087\u0018\u0019\u0092\u008f\u001c\u001d\u001e\u001f" +
  "\u0080\u0081\u0082\u0083\u0084\n\u0017\u001b\u0088\u0089\u008a\u008b\u008c\u0005\u0006\u0007\u0090\u0091\u0016\u0093\u0094\u0095\u0096\u0004\u0098\u0099\u009a\u009b\u0014\u0015\u009e\u001a" +
  " \u00a0\u00e2\u00e4\u00e0\u00e1\u00e3\u00e5\u00e7\u00f1\u00a2.<(+|&\u00e9\u00ea\u00eb\u00e8\u00ed\u00ee\u00ef\u00ec\u00df!$*);^" +
  "-/\u00c2\u00c4\u00c0\u00c1\u00c3\u00c5\u00c7\u00d1\u00a6,%_>?\u00f8\u00c9\u00ca\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc`:#@'=\"" +
  "\u00d8abcdefghi\u00ab\u00bb\u00f0\u00fd\u00fe\u00b1\u00b0jklmnopqr\u00aa\u00ba\u00e6\u00b8\u00c6\u00a4" +
  "\u00b5~stuvwxyz\u00a1\u00bf\u00d0[\u00de\u00ae\u00ac\u00a3\u00a5\u00b7\u00a9\u00a7\u00b6\u00bc\u00bd\u00be\u00dd\u00a8\u00af]\u00b4\u00d7" +
  "{ABCDEFGHI\u00ad\u00f4\u00f6\u00f2\u00f3\u00f5}JKLMNOPQR\u00b9\u00fb\u00fc\u00f9\u00fa\u00ff" +
  "\\\u00f7STUVWXYZ\u00b2\u00d4\u00d6\u00d2\u00d3\u00d50123456789\u00b3\u00db\u00dc\u00d9\u00da\u009f";

/** Decodes IBM-1047 bytes. */
export function decodeIbm1047(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const end = Math.min(bytes.length, i + 8192);
    let chunk = '';
    for (let j = i; j < end; j++) chunk += TABLE[bytes[j]!];
    out += chunk;
  }
  return out;
}

/** Unicode to IBM-1047 byte values, for characters the code page has. */
export const IBM1047_BYTE: ReadonlyMap<string, number> = new Map([...TABLE].map((c, i) => [c, i] as [string, number]).reverse());

/**
 * True when bytes look like IBM-1047 text rather than ASCII or UTF-8: not valid UTF-8, and once
 * decoded they read as a Policy Agent file (a known statement keyword near the start).
 */
export function looksLikeIbm1047(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, lastBoundary(head)) : head);
    return false;
  } catch {
    // Not UTF-8: see whether EBCDIC makes sense of it.
  }
  return /\b(TTLSRule|TTLSGroupAction|TTLSEnvironmentAction|TTLSConnectionAction|TTLSKeyringParms|TcpImage|TTLSConfig|CommonTTLSConfig)\b/i.test(
    decodeIbm1047(head),
  );
}

/** A cut point that does not split a UTF-8 sequence. */
function lastBoundary(b: Uint8Array): number {
  let i = b.length;
  while (i > 0 && i > b.length - 4 && (b[i - 1]! & 0xc0) === 0x80) i--;
  return i > 0 && b[i - 1]! >= 0xc0 ? i - 1 : b.length;
}
