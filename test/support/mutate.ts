// Mutations of policy texts for property tests and the fuzzer: byte flips, truncation, deleted and
// doubled braces, random insertions, very long lines, deep nesting and repeated slices.
import { int, pick } from './random.js';

export const PIECES = ['{', '}', '\n', '\r\n', '#', '"', ' ', '\t', 'TTLSRule', 'Ref', '\u0000', '\ufeff', '\ud800', '?x?', '<a b>', 'All', '::', '1-2', '…'];

export function mutate(text: string, rnd: () => number): string {
  let t = text;
  const rounds = int(rnd, 1, 8);
  for (let k = 0; k < rounds; k++) {
    const at = int(rnd, 0, t.length);
    switch (int(rnd, 0, 7)) {
      case 0: // byte flip
        t = t.slice(0, at) + String.fromCharCode(int(rnd, 0, 0xffff)) + t.slice(at + 1);
        break;
      case 1: // truncation
        t = t.slice(0, at);
        break;
      case 2: {
        // delete a brace
        const b = t.indexOf(pick(rnd, ['{', '}']), at);
        if (b >= 0) t = t.slice(0, b) + t.slice(b + 1);
        break;
      }
      case 3: {
        // double a brace
        const b = t.indexOf(pick(rnd, ['{', '}']), at);
        if (b >= 0) t = t.slice(0, b) + t[b] + t.slice(b);
        break;
      }
      case 4: // random insertion
        t = t.slice(0, at) + pick(rnd, PIECES) + t.slice(at);
        break;
      case 5: // a very long line
        t = t.slice(0, at) + 'x'.repeat(int(rnd, 1000, 50000)) + t.slice(at);
        break;
      case 6: // deep nesting
        t = t.slice(0, at) + '{\n'.repeat(int(rnd, 10, 200)) + t.slice(at);
        break;
      case 7: // repeat a slice
        t = t + t.slice(at, at + int(rnd, 0, 2000)).repeat(int(rnd, 1, 5));
        break;
    }
  }
  return t;
}
