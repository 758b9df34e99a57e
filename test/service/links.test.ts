// Document links of configuration files, the service's half: which words name files (the file
// operands of TcpImage, TTLSConfig and CommonTTLSConfig, paths and data set names) and where their
// local copies are looked for -- the places the policy-set resolution looks, in its order.
import assert from 'node:assert/strict';
import { candidatePaths } from '@attls/language';
import { documentLinks, namedFiles } from '@attls/service';
import { markers, rangeText, snapshotOf } from '../support/markers.js';

describe('document links: the file names of a configuration file', () => {
  const source = `# main configuration
LogLevel 31
CommonTTLSConfig <|/etc/pagent/common.ttls|>
TcpImage TCPIPA <|/etc/pagent/tcpipa.image|> FLUSH
TcpImage TCPIPB <|//'SYS1.TCPPARMS(IMAGEB)'|> NOFLUSH
TcpImage TCPIPC FLUSH
PEPInstance TCPIPD <|/etc/pagent/d.image|>
TTLSConfig <|//SYS1.TCPPARMS(TTLSD)|> FLUSH
TTLSConfig //'1BAD.NAME' FLUSH
`;

  it('finds every path and data set name of TcpImage, TTLSConfig and CommonTTLSConfig, and nothing else', () => {
    const m = markers(source);
    const snap = snapshotOf(m.text);
    const names = namedFiles(snap, '/sys/etc/pagent.conf');
    assert.deepEqual(
      names.map((n) => `${n.statement} ${n.zosName}`),
      ['CommonTTLSConfig /etc/pagent/common.ttls', 'TcpImage /etc/pagent/tcpipa.image', "TcpImage //'SYS1.TCPPARMS(IMAGEB)'", 'TcpImage /etc/pagent/d.image', 'TTLSConfig //SYS1.TCPPARMS(TTLSD)'],
    );
    // Each link covers exactly the word that names the file.
    assert.deepEqual(
      names.map((n) => rangeText(m.text, n.range)),
      m.ranges.map((r) => m.text.slice(r.start, r.end)),
    );
  });

  it('looks where the policy-set resolution looks, with the root and the "paths" given', () => {
    const snap = snapshotOf(source.replace(/<\||\|>/g, ''));
    const options = { root: '/copy', paths: { "SYS1.TCPPARMS(IMAGEB)": '/members/imageb.txt' } };
    const names = namedFiles(snap, '/sys/etc/pagent.conf', options);
    for (const n of names) assert.deepEqual(n.candidates.map((c) => c.path), candidatePaths(n.zosName, '/sys/etc/pagent.conf', options), n.zosName);
    assert.equal(names[0]!.candidates[0]!.path, '/copy/etc/pagent/common.ttls');
    assert.equal(names[2]!.candidates[0]!.path, '/members/imageb.txt', 'a "paths" entry first');
    assert.equal(names[4]!.candidates[0]!.path, '/copy/SYS1.TCPPARMS/TTLSD');
  });

  it('links only the names whose copy was found, with what was found in the tooltip', () => {
    const snap = snapshotOf(source.replace(/<\||\|>/g, ''));
    const names = namedFiles(snap, '/sys/etc/pagent.conf');
    const links = documentLinks(names, (n) => (n.zosName.includes('tcpipa') ? { uri: 'file:///sys/etc/pagent/tcpipa.image', path: '/sys/etc/pagent/tcpipa.image' } : undefined));
    assert.deepEqual(links.map((l) => [l.range.start.line, l.target, l.tooltip]), [[3, 'file:///sys/etc/pagent/tcpipa.image', 'Open the local copy of /etc/pagent/tcpipa.image: /sys/etc/pagent/tcpipa.image']]);
  });

  it('a policy file has no file names to link', () => {
    assert.deepEqual(namedFiles(snapshotOf('TTLSRule r\n{\n  Direction Inbound\n  TTLSGroupActionRef g\n}\n'), '/x/p.ttls'), []);
  });
});
