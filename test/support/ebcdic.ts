// Encodes text as IBM-1047, to test policies copied from z/OS in binary.
import { IBM1047_BYTE } from '@attls/language';

export function encodeIbm1047(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((c) => {
      const b = IBM1047_BYTE.get(c);
      if (b === undefined) throw new Error(`no IBM-1047 byte for ${JSON.stringify(c)}`);
      return b;
    }),
  );
}
