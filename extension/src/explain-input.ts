// What the Explain command offers in its input box: the editor's selection only when it is
// something Explain reads (return codes, AT-TLS log lines), never a word that a click elsewhere
// left selected (a code lens selects its rule's name). The input box holds one line, so the lines
// of a log selection are shown joined by a visible mark and split again on the way out.

/** Joins the lines of a log in the one-line input box. */
export const LINE_MARK = ' \u23CE ';

/** Return codes as the server reads them: numbers separated by blanks or commas. */
const CODES = /^\d{1,5}(?:[\s,]+\d{1,5})*$/;

/** An AT-TLS message id anywhere in the text (EZD1281I to EZD1287I). */
const ATTLS_MESSAGE = /\bEZD128[1-7]I\b/;

/** The selection, trimmed, when Explain can use it; undefined for anything else. */
export function explainableSelection(selection: string): string | undefined {
  const text = selection.trim();
  if (text === '') return undefined;
  if (CODES.test(text) || ATTLS_MESSAGE.test(text)) return text;
  return undefined;
}

/** The text as the input box shows it: one line, its lines joined by LINE_MARK. */
export function toInputBox(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join(LINE_MARK);
}

/** What the user accepted in the input box, with its lines restored. */
export function fromInputBox(value: string): string {
  return value
    .split(LINE_MARK.trim())
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}
