// A version's content as the server sends it (`version.get`: base64 of a Yjs update that
// builds the document as it was), turned into a ProseMirror document for a read-only preview.
import type { Node, Schema } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/** Tiptap's Collaboration extension keeps the document in this root XmlFragment. */
export const CONTENT_FRAGMENT = 'default';

/**
 * Builds the version in a throwaway Y.Doc (never the live one, which must not see it) and
 * reads its fragment with the editor's schema. Nodes the schema does not know are left out
 * rather than failing the whole preview. Throws on an update that does not decode.
 */
export function versionToProseMirror(updateBase64: string, schema: Schema): Node {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, fromBase64(updateBase64));
    return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FRAGMENT), schema);
  } finally {
    doc.destroy();
  }
}
