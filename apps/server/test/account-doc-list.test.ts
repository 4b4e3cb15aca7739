// GET /api/docs entries carry what the list shows (docs/protocol.md "Document list"): the
// snippet, the owner and the last editor, and follow a rename of either.
import { DOC_SNIPPET_LENGTH, type DocListEntry } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, cleanup, connect, createDoc, signUp, startServer } from './support/helpers.ts';

afterEach(cleanup);

function writeParagraphs(ydoc: Y.Doc, lines: string[]) {
  const fragment = ydoc.getXmlFragment('default');
  ydoc.transact(() => {
    for (const line of lines) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      fragment.push([paragraph]);
    }
  });
}

describe('GET /api/docs list entries', () => {
  it('shows the snippet, the owner and the last editor, and a renamed editor by the new name', async () => {
    const { url, wsBase } = await startServer();
    const ana = await signUp(url, 'Ana');
    const ben = await signUp(url, 'Ben');
    const doc = await createDoc(url, 'Plan', ana.cookie);
    const untouched = await createDoc(url, 'Blank', ana.cookie);
    await api(url, `/api/docs/${doc.id}/members`, { method: 'PUT', body: { email: ben.email, role: 'editor' }, cookie: ana.cookie });

    const bensTab = connect(wsBase, doc.id, undefined, ben.cookie);
    await bensTab.synced;
    const long = 'word '.repeat(60).trim();
    writeParagraphs(bensTab.ydoc, ['Kick-off   on Monday', long]);

    const entryOf = async (cookie: string, id: string) =>
      (await api<{ docs: DocListEntry[] }>(url, '/api/docs', { cookie })).body.docs.find((d) => d.id === id);
    // The text reaches the index and the editor is recorded a moment after the edit.
    await expect.poll(async () => (await entryOf(ben.cookie, doc.id))?.lastEditor?.name, { timeout: 10_000 }).toBe('Ben');
    await expect.poll(async () => (await entryOf(ben.cookie, doc.id))?.snippet, { timeout: 10_000 }).toMatch(/^Kick-off on Monday word/);

    const seenByBen = (await entryOf(ben.cookie, doc.id))!;
    expect(seenByBen.owner).toEqual({ id: ana.user.id, name: 'Ana', color: ana.user.color });
    expect(seenByBen.role).toBe('editor');
    expect(seenByBen.snippet!.length).toBeLessThanOrEqual(DOC_SNIPPET_LENGTH);
    expect(seenByBen.snippet).toMatch(/word…$/);
    expect(Date.parse(seenByBen.editedAt!)).toBeGreaterThan(Date.parse(doc.createdAt) - 1);

    const blank = (await entryOf(ana.cookie, untouched.id))!;
    expect(blank).toMatchObject({ snippet: '', owner: { id: ana.user.id, name: 'Ana' } });
    expect(blank.lastEditor).toBeUndefined();
    expect(blank.editedAt).toBeUndefined();

    await api(url, '/api/me', { method: 'PATCH', body: { name: 'Benjamin' }, cookie: ben.cookie });
    expect((await entryOf(ana.cookie, doc.id))?.lastEditor?.name).toBe('Benjamin');
  });
});
