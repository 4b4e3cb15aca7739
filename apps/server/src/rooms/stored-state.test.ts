import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { flipOne, seeded } from '../../test/support/seeded.ts';
import { DocDamagedError } from '../storage/errors.ts';
import { buildStoredDoc } from './stored-state.ts';

/** A document shaped like the editor's: paragraphs in the `default` fragment, by three people. */
function editedDoc(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  for (const [client, words] of [
    [11, 'the first paragraph'],
    [22, 'a second one, from someone else'],
    [33, 'and a third'],
  ] as const) {
    const other = new Y.Doc();
    other.clientID = client;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const p = new Y.XmlElement('paragraph');
    other.getXmlFragment('default').push([p]);
    p.insert(0, [new Y.XmlText(words)]);
    (p.get(0) as Y.XmlText).delete(0, 4);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
  }
  expect(fragment.length).toBe(3);
  return doc;
}

/** What Yjs itself does with `update` in an empty document. */
function yjsOutcome(update: Uint8Array): 'undecodable' | 'integration throws' | 'pending' | 'loads' {
  try {
    Y.decodeUpdate(update);
  } catch {
    return 'undecodable';
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch {
    return 'integration throws';
  } finally {
    doc.destroy();
  }
  return doc.store.pendingStructs || doc.store.pendingDs ? 'pending' : 'loads';
}

describe('buildStoredDoc', () => {
  it('builds a seeded corruption of a snapshot into a working doc or refuses it with DocDamagedError, nothing else', () => {
    const snapshot = Y.encodeStateAsUpdate(editedDoc());
    const rand = seeded(5);
    const seen = { undecodable: 0, 'integration throws': 0, pending: 0, loads: 0 };
    for (let i = 0; i < 3000; i++) {
      const update = flipOne(snapshot, rand);
      const outcome = yjsOutcome(update);
      seen[outcome] += 1;
      let built: ReturnType<typeof buildStoredDoc> | undefined;
      try {
        built = buildStoredDoc('d', { snapshot: update, updates: [], lastSeq: 0 });
      } catch (err) {
        expect(err).toBeInstanceOf(DocDamagedError);
        expect(outcome === 'undecodable' || outcome === 'integration throws').toBe(true);
        continue;
      }
      // Built means usable: it encodes, and a room's later work on it does not throw.
      expect(outcome === 'loads' || outcome === 'pending').toBe(true);
      expect(built.legacyPending).toBe(outcome === 'pending');
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(built.doc));
      built.doc.getText('probe').insert(0, 'x');
      built.doc.destroy();
    }
    // The case that killed the server (rows that decode, then make Yjs throw) is among them.
    expect(seen['integration throws']).toBeGreaterThan(10);
    expect(seen.undecodable).toBeGreaterThan(10);
    expect(seen.loads).toBeGreaterThan(10);
  });

  it('names the tail row that makes integration throw, and refuses a tail that waits on a lost row', () => {
    const doc = editedDoc();
    const snapshot = Y.encodeStateAsUpdate(doc);
    const edits: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => edits.push(u));
    const text = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'one ');
    text.insert(0, 'two ');

    const ok = buildStoredDoc('d', { snapshot, updates: edits, lastSeq: 2 });
    expect(ok.doc.getXmlFragment('default').toString()).toContain('two one first paragraph');
    expect(ok.legacyPending).toBe(false);

    const lost = () => buildStoredDoc('d', { snapshot, updates: [edits[1]!], lastSeq: 2 });
    expect(lost).toThrow(DocDamagedError);
    expect(lost).toThrow(/merged state: .*does not have/);

    const cut = edits[1]!.subarray(0, edits[1]!.length - 3);
    expect(() => buildStoredDoc('d', { snapshot, updates: [edits[0]!, cut], lastSeq: 2 })).toThrow(/update seq 2/);
  });
});
