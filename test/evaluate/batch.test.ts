// Batch matching reads its common lines in place (CsvReader's onLine, BatchMatcher.matchLine) and
// every other line as a row. Both readings must give the same answer for every line: the in-place
// reading takes a line only when it is sure of that, and hands anything else back.
import assert from 'node:assert/strict';
import { batchColumns, BatchMatcher, CsvReader, RuleIndex, type BatchOutcome, type CsvRow } from '@attls/evaluate';
import { pick, random } from '../support/random.js';
import { ACTIONS, policyOf, rule } from './helpers.js';

const POLICY = policyOf(
  [
    rule('rTN3270', ['Direction Inbound', 'LocalPortRange 992', 'LocalAddr 10.1.1.1']),
    rule('rJob', ['Direction Both', 'Jobname FTP*', 'RemoteAddr 10.2.0.0/16']),
    rule('rUser', ['Direction Outbound', 'Userid ADMIN', 'RemotePortRange 443'], 'gOff'),
  ].join('') + ACTIONS,
);

/** What a batch gives, line by line: `inPlace` reads lines in place where it can. */
function outcomes(csv: string, inPlace: boolean, defaultDirection?: 'inbound'): { found: BatchOutcome[]; taken: number } {
  const index = new RuleIndex(POLICY);
  const found: BatchOutcome[] = [];
  let matcher: BatchMatcher | undefined;
  let taken = 0;
  const onRow = (row: CsvRow): void => {
    if (!matcher) matcher = new BatchMatcher(index, batchColumns(row), defaultDirection);
    else found.push(matcher.match(row));
  };
  const onLine = (text: string, start: number, end: number, line: number): boolean => {
    const o = matcher?.matchLine(text, start, end, line);
    if (o) {
      taken++;
      found.push(o);
    }
    return o !== undefined;
  };
  const reader = new CsvReader(onRow, inPlace ? onLine : undefined);
  // In pieces, so that lines also run across the end of a piece.
  for (let i = 0; i < csv.length; i += 7) reader.push(csv.slice(i, i + 7));
  reader.end();
  return { found, taken };
}

/** Outcomes as text: the line and the rule's name, or the line and the error. */
const shown = (os: readonly BatchOutcome[]): string[] => os.map((o) => ('error' in o ? `${o.line}: error ${o.error}` : `${o.line}: ${o.rule?.name ?? '(none)'}`));

describe('evaluate: batch lines read in place', () => {
  it('answers plain lines in place, the same as rows', () => {
    const csv = 'direction,local_addr,local_port,remote_addr,remote_port,jobname,userid\n' + 'inbound,10.1.1.1,992,10.9.9.9,4000,TN3270,\n' + 'outbound,10.0.0.1,2000,10.2.3.4,21,ftpd,\n' + 'out,10.0.0.1,2000,10.3.3.3,443,,admin\n';
    const lines = outcomes(csv, true);
    assert.deepEqual(shown(lines.found), ['2: rTN3270', '3: rJob', '4: rUser']);
    assert.equal(lines.taken, 3, 'every line was read in place');
    assert.deepEqual(shown(outcomes(csv, false).found), shown(lines.found));
  });

  it('takes blanks, tabs and CRLF around fields, and hands back what only the row reading can word', () => {
    const header = 'direction,local_port,jobname\r\n';
    const cases: [string, boolean][] = [
      [' inbound , 992 ,\tTN3270\t\r\n', true],
      ['inbound,,\r\n', true],
      // Blank, or white space the row reading trims and the in-place reading does not take.
      ['\r\n', false],
      ['   \r\n', false],
      ['\u00a0inbound,992,TN3270\r\n', false],
      ['inbound,992\u000b,TN3270\r\n', false],
      // Another number of fields, and values that are not quick ones: errors worded by the row reading.
      ['inbound,992\r\n', false],
      ['inbound,992,TN3270,extra\r\n', false],
      ['sideways,992,TN3270\r\n', false],
      ['inbound,99999,TN3270\r\n', false],
      ['inbound,992,TOOLONGNAME\r\n', false],
      // A line with quotes is never offered.
      ['inbound,"992",TN3270\r\n', false],
    ];
    for (const [line, inPlace] of cases) {
      const lines = outcomes(header + line, true);
      assert.deepEqual(shown(lines.found), shown(outcomes(header + line, false).found), JSON.stringify(line));
      assert.equal(lines.taken, inPlace ? 1 : 0, `${JSON.stringify(line)} read in place: ${inPlace}`);
    }
  });

  it('skips a blank line of a one-column file in place too (it makes no row)', () => {
    const csv = 'local_port\n992\n\n  \n443\n';
    const lines = outcomes(csv, true, 'inbound');
    assert.deepEqual(shown(lines.found), ['2: rJob', '5: rJob']);
    assert.deepEqual(shown(outcomes(csv, false, 'inbound').found), shown(lines.found));
  });

  it('gives the same answers both ways on random lines (fixed seed)', () => {
    const rnd = random(1717);
    const values: Record<string, readonly string[]> = {
      direction: ['inbound', 'Outbound', 'in', 'OUT', 'sideways', '', ' inbound', 'inbound\t'],
      local_addr: ['10.1.1.1', '10.1.1.2', ' 10.1.1.1 ', '2001:db8::1', '10.1.1', '', '\u00a010.1.1.1'],
      local_port: ['992', '0', '65536', '', ' 992', '99x'],
      remote_addr: ['10.2.3.4', '10.3.0.1', '', '::ffff:10.2.0.9', '10.2.3.4\u000b'],
      remote_port: ['443', '21', '', '70000'],
      jobname: ['FTPD', 'ftp1', 'TN3270', '', 'TOOLONGNAME', 'A B'],
      userid: ['ADMIN', 'admin', '', 'X'],
      time: ['', '2025-03-01T12:00', 'noon'],
    };
    const columns = Object.keys(values);
    let taken = 0;
    for (let f = 0; f < 40; f++) {
      const cols = columns.filter((c) => c === 'direction' || rnd() < 0.7);
      const out = [cols.join(',')];
      for (let i = 0; i < 50; i++) {
        const r = rnd();
        if (r < 0.05) out.push(pick(rnd, ['', ' ', '\t', '\r']));
        else if (r < 0.1) out.push(cols.map((c) => pick(rnd, values[c]!)).join(',') + ',');
        else if (r < 0.13) out.push(`"${pick(rnd, values['direction']!)}",` + cols.slice(1).map((c) => pick(rnd, values[c]!)).join(','));
        else out.push(cols.map((c) => pick(rnd, values[c]!)).join(','));
      }
      const csv = out.join(rnd() < 0.5 ? '\n' : '\r\n');
      const lines = outcomes(csv, true);
      assert.deepEqual(shown(lines.found), shown(outcomes(csv, false).found), csv);
      taken += lines.taken;
    }
    assert.ok(taken > 100, `enough lines were read in place to mean something (${taken})`);
  });
});
