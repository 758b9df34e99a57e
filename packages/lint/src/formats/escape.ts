// The one escaping function for text that reaches a terminal or a log viewer: control characters
// from a policy or a file name (an ESC that starts a sequence, BEL, a C1 control) are shown as
// visible escapes, so that a policy cannot set a window title, clear a screen or colour a CI log.

export interface EscapeOptions {
  /** Keep line feeds and tabs (multi-line reports); otherwise they are escaped too. */
  readonly lineBreaks?: boolean;
}

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 controls, DEL and the C1 controls (U+0080-U+009F: U+009B alone starts a sequence on some
// terminals). An escape sequence is neutralised by escaping its ESC: the rest of it is plain text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `\n`, `\r`, `\t` or `\xNN` for each control character; everything else unchanged. */
export function escapeControl(text: string, options: EscapeOptions = {}): string {
  const pattern = options.lineBreaks ? CONTROL_KEEPING_LINES : CONTROL;
  return text.replace(pattern, (c) => SHORT[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * JSON text with DEL and the C1 controls written as \u escapes. JSON.stringify already escapes
 * C0 controls but leaves these raw; inside a JSON string both spellings are the same data, so
 * the report parses to exactly the same values and can be shown with `cat` safely.
 */
export function jsonWithoutControls(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
