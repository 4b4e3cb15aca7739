// Before the server listens it runs the Yjs paths a room takes (applying stored rows,
// encoding a snapshot or a sync answer, merging updates) over a small made-up document, so
// that the first compaction and the first document load after a start do not also compile
// them. Without it, a room's first compaction stalled every room on the instance for tens of
// milliseconds while V8 compiled and optimised the encoder (docs/performance.md, "Warm-up").
import * as Y from 'yjs';

/** Transactions the made-up documents get: enough for V8 to optimise the loops that matter. */
const EDITS = 300;

function writeDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = doc.getText('text');
  const fragment = doc.getXmlFragment('content');
  for (let i = 0; i < EDITS; i++) {
    doc.transact(() => {
      // Typing at moving places, with a deletion now and then (splits and tombstones).
      const at = (i * 7919) % (text.length + 1);
      text.insert(at, i % 5 === 0 ? 'word ' : 'x');
      if (i % 9 === 0 && text.length > 10) text.delete(at, 2);
      if (i % 30 === 0) {
        // Rich text as the editor stores it: an element holding formatted text.
        const paragraph = new Y.XmlElement('paragraph');
        const inner = new Y.XmlText();
        paragraph.insert(0, [inner]);
        fragment.insert(fragment.length, [paragraph]);
        inner.insert(0, 'Some text', i % 60 === 0 ? { bold: true } : {});
        paragraph.setAttribute('textAlign', 'left');
      }
    });
  }
  return doc;
}

/** Runs the paths; returns how long it took (ms). */
export function warmUpYjs(): number {
  const started = performance.now();
  const a = writeDoc(1);
  const b = writeDoc(2);
  const updates = [Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)];
  for (let round = 0; round < 8; round++) {
    const merged = Y.mergeUpdates(updates);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, merged);
    Y.encodeStateAsUpdate(doc);
    Y.encodeStateAsUpdate(doc, Y.encodeStateVector(a));
    Y.encodeStateVectorFromUpdate(merged);
    doc.destroy();
  }
  a.destroy();
  b.destroy();
  return performance.now() - started;
}
