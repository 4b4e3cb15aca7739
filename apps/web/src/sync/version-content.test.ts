import { getSchema } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CONTENT_FRAGMENT, versionToProseMirror } from './version-content.ts';

const schema = getSchema([StarterKit.configure({ undoRedo: false })]);

describe('versionToProseMirror', () => {
  it('rebuilds the document a version update holds', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Plans' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'move' },
          ],
        },
      ],
    };
    const source = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, json, source.getXmlFragment(CONTENT_FRAGMENT));
    const node = versionToProseMirror(toBase64(Y.encodeStateAsUpdate(source)), schema);
    expect(node.textContent).toBe('PlansBold move');
    expect(node.child(0).type.name).toBe('heading');
    expect(
      node
        .child(1)
        .child(0)
        .marks.map((mark) => mark.type.name),
    ).toEqual(['bold']);
  });

  it('gives an empty document for an empty update and throws on garbage', () => {
    expect(versionToProseMirror(toBase64(Y.encodeStateAsUpdate(new Y.Doc())), schema).textContent).toBe('');
    expect(() => versionToProseMirror(toBase64(new Uint8Array([1, 2, 3, 250, 7])), schema)).toThrow();
  });
});
