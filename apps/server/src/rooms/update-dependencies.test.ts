import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seeded } from '../../test/support/seeded.ts';
import { missingDependency } from './update-dependencies.ts';

const check = (doc: Y.Doc, update: Uint8Array) => missingDependency(doc, Y.decodeUpdate(update));

/** Whether applying `update` to a copy of `doc` leaves anything pending, as Yjs decides it. */
function yjsLeavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
}

describe('missingDependency', () => {
  it('accepts an update whose structs depend on each other across clients', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'hello');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getText('t').insert(5, ' world');
    a.getText('t').insert(0, '>');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    a.getText('t').delete(1, 2);
    // Everything, from every client, in one update for an empty server doc.
    expect(check(new Y.Doc(), Y.encodeStateAsUpdate(a))).toBeNull();
  });

  it('refuses a struct whose own client history is missing, and one whose origin is missing', () => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'first');
    const sv = Y.encodeStateVector(writer);
    writer.getText('t').insert(5, ' second');
    expect(check(new Y.Doc(), Y.encodeStateAsUpdate(writer, sv))).toMatch(/depends on changes the server does not have/);

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(writer));
    const otherSv = Y.encodeStateVector(other);
    other.getText('t').insert(3, '!'); // origin: a struct of `writer`'s client
    expect(check(new Y.Doc(), Y.encodeStateAsUpdate(other, otherSv))).toMatch(/depends on changes/);
  });

  it('refuses a deletion of changes the server does not have', () => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'gone');
    const sv = Y.encodeStateVector(writer);
    writer.getText('t').delete(0, 4);
    expect(check(new Y.Doc(), Y.encodeStateAsUpdate(writer, sv))).toMatch(/deletion of .* refers to changes/);
  });

  it('agrees with Yjs on what would wait, for updates of several concurrent editors of paragraphs in any order', () => {
    const rand = seeded(7);
    const editors = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const updates: Uint8Array[] = [];
    for (const editor of editors) editor.on('update', (u: Uint8Array) => updates.push(u));
    for (let step = 0; step < 300; step++) {
      const d = editors[Math.floor(rand() * editors.length)]!;
      const fragment = d.getXmlFragment('default');
      const paragraphs = fragment.toArray() as Y.XmlElement[];
      const roll = rand();
      if (paragraphs.length === 0 || roll < 0.15) {
        // A paragraph: its text's parent is a struct (an ID reference), not a root.
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('p')]);
        fragment.insert(Math.floor(rand() * (paragraphs.length + 1)), [p]);
      } else {
        const text = paragraphs[Math.floor(rand() * paragraphs.length)]!.get(0) as Y.XmlText;
        if (text.length > 0 && roll < 0.4) text.delete(Math.floor(rand() * text.length), 1);
        else text.insert(Math.floor(rand() * (text.length + 1)), String.fromCharCode(97 + Math.floor(rand() * 26)));
      }
      if (rand() < 0.2) {
        // Editors sync now and then, so that later edits depend on other clients.
        const [x, y] = [editors[Math.floor(rand() * 3)]!, editors[Math.floor(rand() * 3)]!];
        Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
      }
    }
    const server = new Y.Doc();
    let [accepted, refused] = [0, 0];
    for (let i = 0; i < 2000; i++) {
      // A run of updates merged into one, from a window that moves through the list: some
      // come too early (their dependencies are later in the list), some repeat old ones.
      const frontier = Math.floor((i / 1500) * updates.length);
      const from = Math.max(0, Math.min(updates.length - 1, frontier + Math.floor(rand() * 40) - 20));
      const update = Y.mergeUpdates(updates.slice(from, from + 1 + Math.floor(rand() * 3)));
      const verdict = check(server, update);
      expect(verdict === null).toBe(!yjsLeavesPending(server, update));
      if (verdict === null) {
        Y.applyUpdate(server, update);
        accepted += 1;
      } else refused += 1;
    }
    // Both outcomes were exercised.
    expect(Math.min(accepted, refused)).toBeGreaterThan(100);
  });
});
