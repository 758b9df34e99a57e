// Bytes of a policy file to text and back: the one decoder the CLI, the language server and the
// extension use. It recognises how the file came off z/OS (UTF-8 or UTF-16, IBM-1047 with NL or
// LF line ends, fixed-length records without line ends, ISPF sequence numbers in columns 73-80) and
// keeps that as a layout, so that a file written back (`fmt --write`, `lint --fix`) stays as it was.
import { decodeIbm1047, IBM1047_BYTE, isUtf8, looksLikeIbm1047 } from '../ebcdic.js';
import type { Diagnostic } from '../diagnostic.js';
import { applySequenceNumbers, findSequenceNumbers, SEQUENCE_COLUMN, type SequenceNumbers } from './sequence.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'ibm-1047';

/** How a file's text is laid out in bytes: what writing it back must keep. */
export interface TextLayout {
  readonly encoding: TextEncoding;
  /** The line end between lines: LF, CRLF or CR (in IBM-1047, LF stands for `newlineByte`). */
  readonly lineEnd: '\n' | '\r\n' | '\r';
  /** IBM-1047 only: the byte of a line end, NL (0x15, z/OS UNIX) or LF (0x25). */
  readonly newlineByte?: number;
  /**
   * Fixed-length records without line ends (a binary download of a RECFM=F or FB data set): each
   * line of the text is one record, padded with blanks to this length.
   */
  readonly recordLength?: number;
  /** ISPF sequence numbers in columns 73-80, blanked out in the text and put back on writing. */
  readonly sequence?: SequenceNumbers;
}

export interface DecodedText {
  readonly text: string;
  readonly layout: TextLayout;
  /** What the reader should know about the layout (sequence numbers ignored), as findings. */
  readonly notes: readonly Diagnostic[];
}

export interface DecodeRefusal {
  /** One line saying why the bytes are not read as a policy, for `attls: <file>: <reason>`. */
  readonly refused: string;
}

export interface DecodeOptions {
  /**
   * Record length of a file without line ends (`--record-length`); without it a file is split into
   * records only when it is IBM-1047 and its length a multiple of 80, the usual LRECL.
   */
  readonly recordLength?: number;
}

/** Files larger than this are refused: no policy comes near it, and reading it would take the memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The reason given for a file larger than MAX_INPUT_BYTES. */
export function oversizedReason(size: number): string {
  return `it is ${(size / 1024 / 1024).toFixed(0)} MiB, larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MiB a policy file may be`;
}

/** The usual record length of z/OS policy members (RECFM=FB, LRECL=80). */
export const DEFAULT_RECORD_LENGTH = 80;

export function isRefusal(d: DecodedText | DecodeRefusal): d is DecodeRefusal {
  return (d as DecodeRefusal).refused !== undefined;
}

/**
 * Decodes the bytes of a policy, never throwing: IBM-1047 when they are a policy copied from z/OS
 * in binary, UTF-16 when they start with its byte-order mark, otherwise UTF-8 (a byte-order mark is
 * kept in the text, where LineIndex gives it no column; bad bytes are replaced). Binary data (a NUL
 * byte in the first 8,000 bytes of a file that is neither IBM-1047 nor UTF-16, the test git and
 * grep use) and files larger than MAX_INPUT_BYTES are refused: linting them would print control
 * characters, formatting them would rewrite them.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText | DecodeRefusal {
  if (bytes.length > MAX_INPUT_BYTES) return { refused: oversizedReason(bytes.length) };
  let encoding: TextEncoding;
  let text: string;
  const utf16 = utf16Of(bytes);
  if (utf16) {
    encoding = utf16;
    text = new TextDecoder(utf16, { fatal: false, ignoreBOM: true }).decode(bytes);
  } else if (looksLikeIbm1047(bytes) || (options.recordLength !== undefined && !isUtf8(bytes.subarray(0, 8192)) && bytes.subarray(0, 8000).indexOf(0) < 0)) {
    encoding = 'ibm-1047';
    text = decodeIbm1047(bytes);
  } else {
    const nul = bytes.subarray(0, 8000).indexOf(0);
    if (nul >= 0) return { refused: `it is a binary file, not a policy (a NUL byte at offset ${nul})` };
    encoding = 'utf-8';
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  }
  let recordLength: number | undefined;
  const hasLineEnd = /[\n\r]/.test(text);
  if (!hasLineEnd && text.length > 0) {
    if (options.recordLength !== undefined) recordLength = options.recordLength;
    else if (encoding === 'ibm-1047' && text.length % DEFAULT_RECORD_LENGTH === 0) recordLength = DEFAULT_RECORD_LENGTH;
  }
  if (recordLength !== undefined) text = splitRecords(text, recordLength);
  const lineEnd = recordLength !== undefined ? '\n' : firstLineEnd(text);
  const newlineByte = encoding === 'ibm-1047' ? firstNewlineByte(bytes) : undefined;
  const seq = findSequenceNumbers(text);
  const layout: TextLayout = {
    encoding,
    lineEnd,
    ...(newlineByte !== undefined ? { newlineByte } : {}),
    ...(recordLength !== undefined ? { recordLength } : {}),
    ...(seq ? { sequence: seq.numbers } : {}),
  };
  return { text: seq ? seq.text : text, layout, notes: seq ? [seq.note] : [] };
}

/**
 * What an editor's text becomes for analysis: sequence numbers blanked out (same length, so every
 * position the editor sends stays right). The numbers are kept so that an edit of the whole
 * document can put them back.
 */
export function prepareEditorText(text: string): { text: string; sequence?: SequenceNumbers; notes: readonly Diagnostic[] } {
  const seq = findSequenceNumbers(text);
  return seq ? { text: seq.text, sequence: seq.numbers, notes: [seq.note] } : { text, notes: [] };
}

/** Why a new text cannot be written in a layout (a line too long for its record), or undefined. */
export interface EncodeRefusal {
  readonly refused: string;
}

/**
 * Lays a (changed) text out as the original file was: the same encoding and line ends, records
 * padded to their length, sequence numbers back in columns 73-80 (unchanged lines keep theirs,
 * new lines get numbers between their neighbours'). Whether the text ends with a line end is the
 * new text's choice. Refused, with the reason, when a line no longer fits its record or a
 * character has no byte in the encoding: writing such a file would damage it.
 */
export function encodeText(text: string, layout: TextLayout): Uint8Array | EncodeRefusal {
  let lines = text.split(/\r\n|\r|\n/);
  const finalLineEnd = lines.length > 1 && lines[lines.length - 1] === '';
  if (finalLineEnd) lines = lines.slice(0, -1);
  if (layout.sequence) {
    const limit = SEQUENCE_COLUMN;
    const tooLong = lines.findIndex((l) => l.trimEnd().length > limit);
    if (tooLong >= 0) return { refused: `line ${tooLong + 1} would reach past column ${limit}, where the sequence numbers are; the file is left unchanged` };
    lines = applySequenceNumbers(lines, layout.sequence);
  }
  let out: string;
  if (layout.recordLength !== undefined) {
    const n = layout.recordLength;
    const tooLong = lines.findIndex((l) => l.trimEnd().length > n);
    if (tooLong >= 0) return { refused: `line ${tooLong + 1} is longer than the ${n}-byte records of this file; the file is left unchanged` };
    out = lines.map((l) => l.trimEnd().padEnd(n, ' ')).join('');
  } else {
    out = lines.join('\n') + (finalLineEnd ? '\n' : '');
  }
  switch (layout.encoding) {
    case 'utf-8':
      return new TextEncoder().encode(withLineEnd(out, layout.lineEnd));
    case 'utf-16le':
    case 'utf-16be':
      return encodeUtf16(withLineEnd(out, layout.lineEnd), layout.encoding === 'utf-16be');
    case 'ibm-1047':
      return encodeIbm1047(withLineEnd(out, layout.lineEnd), layout.newlineByte ?? 0x15);
  }
}

function withLineEnd(text: string, lineEnd: string): string {
  return lineEnd === '\n' ? text : text.replace(/\n/g, lineEnd);
}

function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >>> 8;
  }
  return out;
}

function encodeIbm1047(text: string, newlineByte: number): Uint8Array | EncodeRefusal {
  const out = new Uint8Array(text.length);
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      out[i] = newlineByte;
      line++;
      continue;
    }
    const b = IBM1047_BYTE.get(ch);
    if (b === undefined) {
      return { refused: `line ${line} has a character (U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}) that IBM-1047 cannot hold; the file is left unchanged` };
    }
    out[i] = b;
  }
  return out;
}

/** Records of `length` characters, one line each. */
function splitRecords(text: string, length: number): string {
  const records: string[] = [];
  for (let i = 0; i < text.length; i += length) records.push(text.slice(i, i + length));
  return records.join('\n');
}

function firstLineEnd(text: string): '\n' | '\r\n' | '\r' {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** NL or LF, whichever an IBM-1047 file uses first (NL when it has neither). */
function firstNewlineByte(bytes: Uint8Array): number {
  const nl = bytes.indexOf(0x15);
  const lf = bytes.indexOf(0x25);
  if (lf >= 0 && (nl < 0 || lf < nl)) return 0x25;
  return 0x15;
}

function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** True when writing `text` in `layout` gives back exactly `bytes` (nothing to write). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Decodes a file that arrives in pieces (a large batch of connections read a chunk at a time):
 * the encoding is decided on the first piece, as decodeText decides it, and a character split
 * between two pieces is joined. Records and sequence numbers are not looked for: this is for data
 * with line ends, not for policies.
 */
export class ChunkDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private ebcdic = false;
  private started = false;

  /** The text of the next piece (empty when it ends inside a character). */
  decode(bytes: Uint8Array, last = false): string {
    if (!this.started) {
      this.started = true;
      const utf16 = utf16Of(bytes);
      if (utf16) this.decoder = new TextDecoder(utf16, { fatal: false, ignoreBOM: true });
      else if (looksLikeIbm1047(bytes)) this.ebcdic = true;
      else this.decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    }
    // IBM-1047 is one byte per character: every piece decodes on its own.
    return this.ebcdic ? decodeIbm1047(bytes) : this.decoder!.decode(bytes, { stream: !last });
  }
}
