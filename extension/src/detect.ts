// Recognises an AT-TLS policy by its content, for files VS Code cannot place by name: members
// copied or opened from a z/OS data set (TTLSPOL, PAGENT) usually have no extension, and often
// start with a block of # comments that VS Code's one-line `firstLine` test cannot see past. The
// test is the one `attls lint` and the language server use, from @attls/language.
import type * as Input from '@attls/language/input' with { 'resolution-mode': 'import' };

// The extension is CommonJS and @attls/language an ES module: the bundle the editor loads has it
// inlined; Node (20.19 and later) loads it here directly, for the unit tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const input = require('@attls/language/input') as typeof Input;

/**
 * True when the first line that is neither blank nor a `#` comment starts with an AT-TLS or
 * Policy Agent statement keyword followed by a name, a brace or an operand.
 */
export function looksLikePolicy(text: string): boolean {
  return input.looksLikePolicy(text);
}

/**
 * The text of a file the user picked (a pasearch report), decoded as `attls` decodes its input
 * (IBM-1047 copied in binary, UTF-16, UTF-8); or why it cannot be read as text.
 */
export function decodeFile(bytes: Uint8Array): { readonly text: string } | { readonly refused: string } {
  const d = input.decodeText(bytes);
  return input.isRefusal(d) ? { refused: d.refused } : { text: d.text };
}
