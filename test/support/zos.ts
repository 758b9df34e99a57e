// Policies as they come off z/OS: fixed-length records without line ends (a binary download of a
// RECFM=FB data set) and ISPF sequence numbers in columns 73-80.

/** The lines as fixed-length records: each padded with blanks to `length`, no line ends. */
export function records(lines: readonly string[], length: number): string {
  return lines.map((l) => l.padEnd(length, ' ')).join('');
}

/** The lines with ISPF standard sequence numbers (00000100, 00000200, ...) in columns 73-80. */
export function numbered(lines: readonly string[]): string[] {
  return lines.map((l, i) => l.padEnd(72, ' ') + String((i + 1) * 100).padStart(8, '0'));
}
