// Definition, references, highlights and rename, in one file and across the files of a policy set
// (a main configuration file naming a common file and a stack file).
import assert from 'node:assert/strict';
import { computePolicySets, configLinks, findReferences, getDefinition, getDocumentHighlights, pathMatches, prepareRename, rename, Workspace } from '@attls/service';
import { parse } from '@attls/language';
import { applyEdits, at, markers, offsetOf, positionAt, rangeText, URI } from '../support/markers.js';

const POLICY = `TTLSRule r1
{
  Direction Inbound
  TTLSGroupActionRef g<|>Act
}
TTLSRule r2
{
  Direction Outbound
  TTLSGroupActionRef gAct
}
TTLSGroupAction <|gAct|>
{
  TTLSEnabled Off
}
TTLSGroupAction other
{
  TTLSEnabled On
}
`;

describe('definition, references and rename', () => {
  it('goes from a reference to its definition', () => {
    const { snap, pos, m } = at(POLICY);
    const defs = getDefinition(snap, pos)!;
    assert.equal(defs.length, 1);
    assert.equal(defs[0]!.uri, URI);
    assert.deepEqual([offsetOf(m.text, defs[0]!.range.start), offsetOf(m.text, defs[0]!.range.end)], [m.ranges[0]!.start, m.ranges[0]!.end]);
  });

  it('goes to the definition Policy Agent uses when a name is defined twice', () => {
    const { snap, pos, m } = at('TTLSRule r\n{\n  TTLSGroupActionRef <|>g\n}\nTTLSGroupAction g\n{\n}\nTTLSGroupAction g\n{\n}\n');
    const defs = getDefinition(snap, pos)!;
    assert.equal(defs[0]!.range.start.line, 7);
    assert.equal(rangeText(m.text, defs[0]!.range), 'g');
  });

  it('finds every reference, with or without the declaration', () => {
    const { snap, pos } = at(POLICY);
    assert.deepEqual(findReferences(snap, pos, true)!.map((l) => l.range.start.line).sort(), [10, 3, 8]);
    assert.deepEqual(findReferences(snap, pos, false)!.map((l) => l.range.start.line).sort(), [3, 8]);
    assert.deepEqual(getDocumentHighlights(snap, pos)!.map((h) => [h.range.start.line, h.kind]), [[10, 3], [3, 2], [8, 2]]);
  });

  it('answers nothing where there is no name', () => {
    const { snap, pos } = at('TTLSRule r1\n{\n  Dir<|>ection Inbound\n}\n');
    assert.equal(getDefinition(snap, pos), null);
    assert.equal(findReferences(snap, pos), null);
    assert.equal(prepareRename(snap, pos), null);
  });

  it('renames a definition and all its references', () => {
    const { snap, pos, m } = at(POLICY);
    assert.equal(prepareRename(snap, pos)!.placeholder, 'gAct');
    const r = rename(snap, pos, 'gSecure')!;
    assert.ok('edit' in r);
    const after = applyEdits(m.text, r.edit.changes![URI]!);
    assert.equal((after.match(/gSecure/g) ?? []).length, 3);
    assert.ok(!after.includes('gAct'));
  });

  it('refuses a new name that clashes or is not a name', () => {
    const { snap, pos } = at(POLICY);
    const clash = rename(snap, pos, 'other')!;
    assert.ok('error' in clash && /already exists/.test(clash.error));
    for (const bad of ['', 'two words', 'x'.repeat(33), 'a{b']) assert.ok('error' in rename(snap, pos, bad)!, bad);
  });

  describe('across the files of a policy set', () => {
    const MAIN = 'file:///ws/pagent.conf';
    const COMMON = 'file:///ws/common.ttls';
    const STACK = 'file:///ws/tcpip.ttls';
    const main = 'CommonTTLSConfig /etc/pagent/common.ttls\nTTLSConfig /etc/pagent/tcpip.ttls FLUSH\n';
    const common = 'TTLSGroupAction gShared\n{\n  TTLSEnabled On\n}\n';
    const stack = markers('TTLSRule r\n{\n  Direction Inbound\n  TTLSGroupActionRef gSh<|>ared\n}\n');

    function workspace(): Workspace {
      const ws = new Workspace();
      ws.setDocument(MAIN, main, 1);
      ws.setDocument(COMMON, common, 1);
      ws.setDocument(STACK, stack.text, 1);
      return ws;
    }

    it('reads the common file before the stack file', () => {
      assert.deepEqual(workspace().policySetsOf(STACK), [[COMMON, STACK]]);
      assert.deepEqual(workspace().policySetsOf('file:///ws/unrelated.ttls'), [['file:///ws/unrelated.ttls']]);
      assert.deepEqual(configLinks(parse(main)), { common: ['/etc/pagent/common.ttls'], stack: ['/etc/pagent/tcpip.ttls'], image: [] });
      assert.ok(pathMatches("//'SYS1.TCPPARMS(TTLSPOL)'", 'file:///ws/ttlspol.ttls'));
      assert.ok(!pathMatches('/etc/x/a.ttls', 'file:///ws/b.ttls'));
    });

    it('follows TcpImage to the image file and its TTLSConfig', () => {
      const sets = computePolicySets(['file:///m.conf', 'file:///img.conf', 'file:///s.ttls', 'file:///c.ttls'], (u) =>
        u === 'file:///m.conf'
          ? { common: ['/etc/c.ttls'], stack: [], image: ['/etc/img.conf'] }
          : u === 'file:///img.conf'
            ? { common: [], stack: ['/etc/s.ttls'], image: [] }
            : { common: [], stack: [], image: [] },
      );
      assert.deepEqual(sets, [['file:///c.ttls', 'file:///s.ttls']]);
    });

    it('resolves, finds and renames across files', () => {
      const ws = workspace();
      const snap = ws.snapshot(STACK)!;
      const pos = positionAt(snap, stack.indices[0]!);
      assert.equal(getDefinition(snap, pos)![0]!.uri, COMMON);
      assert.deepEqual(findReferences(snap, pos)!.map((l) => l.uri).sort(), [COMMON, STACK]);
      const r = rename(snap, pos, 'gAll')!;
      assert.ok('edit' in r);
      assert.equal(applyEdits(common, r.edit.changes![COMMON]!), common.replace('gShared', 'gAll'));
      assert.equal(applyEdits(stack.text, r.edit.changes![STACK]!), stack.text.replace('gShared', 'gAll'));
      // No undefined-reference in the stack file: the common file defines the name.
      assert.ok(!snap.diagnostics().some((d) => d.code === 'undefined-reference'));
    });
  });
});
