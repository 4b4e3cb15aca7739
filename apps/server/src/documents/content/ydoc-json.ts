// A document's Yjs state ↔ ProseMirror JSON of the shared schema, through y-tiptap (the
// binding the web editor's Collaboration extension uses, so both write the same Yjs shapes).
import { editorSchema } from '@inkwell/editor-schema';
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { TEXT_FRAGMENT } from '../doc-text.ts';

/**
 * The document as ProseMirror JSON. Read from a copy: y-tiptap deletes, inside the doc it
 * reads, any element the schema rejects (it assumes it is binding an editor), and a read must
 * never change the live room's document.
 */
export function docToJSON(doc: Y.Doc): JSONContent {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(TEXT_FRAGMENT), editorSchema).toJSON() as JSONContent;
  } finally {
    copy.destroy();
  }
}

/** A new Y.Doc whose `default` fragment holds `json` (a valid document of the shared schema). */
export function jsonToDoc(json: JSONContent): Y.Doc {
  const doc = new Y.Doc();
  if ((json.content?.length ?? 0) > 0) prosemirrorJSONToYXmlFragment(editorSchema, json, doc.getXmlFragment(TEXT_FRAGMENT));
  return doc;
}
