// A comment's anchor ends are Yjs relative positions the client encoded. The server does not
// resolve them (the text they point at may be in an update still on its way), but it refuses
// anything that is not exactly one encoded position into the document's text, so every
// stored anchor decodes for every client that reads it.
import * as Y from 'yjs';
import { ProtocolError } from '../errors.ts';

/** The Tiptap document's root XML fragment (Collaboration's default `field`). */
const TEXT_FRAGMENT = 'default';

export function checkAnchorPosition(encoded: string, end: 'start' | 'end'): void {
  const bytes = new Uint8Array(Buffer.from(encoded, 'base64'));
  let position: Y.RelativePosition;
  let again: Uint8Array;
  try {
    position = Y.decodeRelativePosition(bytes);
    // Trailing bytes decode without an error, and a kind Yjs does not know decodes to an
    // empty position that does not encode: encoding again must give back the bytes sent.
    again = Y.encodeRelativePosition(position);
  } catch {
    throw new ProtocolError('BAD_REQUEST', `The comment's anchor ${end} does not decode`);
  }
  if (!sameBytes(again, bytes)) throw new ProtocolError('BAD_REQUEST', `The comment's anchor ${end} does not decode`);
  if (position.item === null && position.type === null && position.tname !== TEXT_FRAGMENT) {
    throw new ProtocolError('BAD_REQUEST', `The comment's anchor ${end} does not point into the document's text`);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
