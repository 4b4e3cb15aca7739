import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ActivityLog, countTextChanges } from './activity.ts';

function changesOf(doc: Y.Doc, edit: () => void): { added: number; removed: number } {
  let result = { added: -1, removed: -1 };
  const listener = (tr: Y.Transaction) => {
    result = countTextChanges(tr);
  };
  doc.on('afterTransaction', listener);
  doc.transact(edit);
  doc.off('afterTransaction', listener);
  return result;
}

describe('countTextChanges', () => {
  it('counts inserted and deleted characters of text, not formatting or nodes', () => {
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment('default');
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    expect(
      changesOf(doc, () => {
        frag.insert(0, [p]);
        p.insert(0, [text]);
        text.insert(0, 'hello world');
      }),
    ).toEqual({ added: 11, removed: 0 });
    expect(changesOf(doc, () => text.format(0, 5, { bold: true }))).toEqual({ added: 0, removed: 0 });
    expect(changesOf(doc, () => text.delete(0, 6))).toEqual({ added: 0, removed: 6 });
    expect(
      changesOf(doc, () => {
        text.insert(0, 'abc');
        text.delete(text.length - 2, 2);
      }),
    ).toEqual({ added: 3, removed: 2 });
  });

  it('counts text that arrives as a remote update, and a removed paragraph', () => {
    const a = new Y.Doc();
    const ta = a.getText('text');
    ta.insert(0, 'remote text');
    const b = new Y.Doc();
    expect(changesOf(b, () => Y.applyUpdate(b, Y.encodeStateAsUpdate(a)))).toEqual({ added: 11, removed: 0 });
    expect(changesOf(b, () => b.getText('text').delete(0, 7))).toEqual({ added: 0, removed: 7 });
  });
});

describe('ActivityLog', () => {
  it('sums per person over the last minute, most recent first, and forgets older edits', () => {
    let now = 1_000_000;
    const log = new ActivityLog(() => now);
    const ana = { id: 'a', name: 'Ana', color: '#111111' };
    const ben = { id: 'b', name: 'Ben', color: '#222222' };
    log.record(ana, 5, 0);
    now += 500;
    log.record(ana, 3, 1);
    now += 10_000;
    log.record(ben, 0, 4);
    expect(log.editors().map((e) => [e.user.name, e.added, e.removed])).toEqual([
      ['Ben', 0, 4],
      ['Ana', 8, 1],
    ]);
    expect(log.nextExpiryIn()).toBeGreaterThan(0);
    now += 55_000;
    expect(log.editors().map((e) => e.user.name)).toEqual(['Ben']);
    now += 10_000;
    expect(log.editors()).toEqual([]);
    expect(log.nextExpiryIn()).toBeUndefined();
  });
});
