// Finds the `mention` nodes (Tiptap Mention: an XmlElement with attributes `id` = user id,
// `label` = name) that one Yjs transaction added to the editor's content.
//
// Every item a transaction integrated has a clock in [beforeState, afterState) of its
// client, nested ones included (a pasted paragraph's mention is an item of its own), so
// walking exactly those structs finds them all. Typing adds one string item a keystroke:
// the walk is a few instanceof checks, and nothing else happens unless a mention was added.
import { MENTION_NODE } from '@inkwell/protocol';
import * as Y from 'yjs';

/** The XmlFragment Tiptap's Collaboration extension edits. */
export const CONTENT_ROOT = 'default';

export interface AddedMention {
  /** The Yjs id of the mention element, "client:clock": stable for the node's lifetime. */
  nodeId: string;
  /** The mentioned user. */
  userId: string;
  label: string;
}

/** Ancestors deeper than this are not looked at (the update guard caps nesting anyway). */
const MAX_DEPTH = 200;

export function findAddedMentions(transaction: Y.Transaction): AddedMention[] {
  const found: AddedMention[] = [];
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= after) break;
      const mention = asMention(struct);
      if (mention && inContent(struct as Y.Item, transaction.doc)) found.push(mention);
    }
  }
  return found;
}

function asMention(struct: Y.AbstractStruct): AddedMention | undefined {
  if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentType)) return undefined;
  const type = struct.content.type;
  if (!(type instanceof Y.XmlElement) || type.nodeName !== MENTION_NODE) return undefined;
  // Attributes come from the client: anything but a non-empty string id is ignored.
  const userId: unknown = type.getAttribute('id');
  const label: unknown = type.getAttribute('label');
  if (typeof userId !== 'string' || userId === '' || userId.length > 128) return undefined;
  return {
    nodeId: `${struct.id.client}:${struct.id.clock}`,
    userId,
    label: typeof label === 'string' ? label : '',
  };
}

// Only mentions people can see count: inside the editor's fragment, not in some other root
// type a client made up.
function inContent(item: Y.Item, doc: Y.Doc): boolean {
  const root = doc.share.get(CONTENT_ROOT);
  if (!root) return false;
  let parent: unknown = item.parent;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (parent === root) return true;
    if (!(parent instanceof Y.AbstractType) || !parent._item) return false;
    parent = parent._item.parent;
  }
  return false;
}
