// Makes a live Y.Doc's content equal to another doc's (a version restore) by writing the
// difference as ordinary Yjs changes, in one transaction: every client receives one update
// and converges; nothing is rewound, so the restore is itself an edit that can be undone by
// restoring the version taken just before it.
import * as Y from 'yjs';

type RootKind = 'xml' | 'text' | 'map' | 'array';

/** What kind of shared type a root is, also when it is still an untyped placeholder. */
function rootKind(doc: Y.Doc, name: string): RootKind | undefined {
  const type = doc.share.get(name);
  if (!type) return undefined;
  if (type instanceof Y.XmlFragment) return 'xml';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  // A root nobody asked for by type yet: judge by what it holds.
  for (let item = type._start; item !== null; item = item.right) {
    const content = item.content;
    if (content instanceof Y.ContentType) {
      return content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText ? 'xml' : 'array';
    }
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) {
      return 'text';
    }
    if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON || content instanceof Y.ContentBinary) {
      return 'array';
    }
  }
  return type._map.size > 0 ? 'map' : undefined;
}

type Cloneable = Y.XmlElement | Y.XmlText | Y.Map<unknown> | Y.Array<unknown> | Y.Text;

const cloneValue = (value: unknown): unknown => (value instanceof Y.AbstractType ? (value as Cloneable).clone() : value);

/** Replaces the middle of `target`'s children, keeping the equal first and last ones. */
function replaceXml(target: Y.XmlFragment, source: Y.XmlFragment): void {
  const have = target.toArray();
  const want = source.toArray();
  type Node = (typeof have)[number];
  const same = (a: Node, b: Node) => a.toString() === b.toString();
  let start = 0;
  while (start < have.length && start < want.length && same(have[start]!, want[start]!)) start++;
  let end = 0;
  while (end < have.length - start && end < want.length - start && same(have[have.length - 1 - end]!, want[want.length - 1 - end]!)) {
    end++;
  }
  const deleteCount = have.length - start - end;
  if (deleteCount > 0) target.delete(start, deleteCount);
  const insert = want.slice(start, want.length - end).map((node) => node.clone() as Y.XmlElement | Y.XmlText);
  if (insert.length > 0) target.insert(start, insert);
}

function replaceText(target: Y.Text, source: Y.Text): void {
  if (target.toString() === source.toString() && JSON.stringify(target.toDelta()) === JSON.stringify(source.toDelta())) return;
  if (target.length > 0) target.delete(0, target.length);
  target.applyDelta(source.toDelta().map((op: { insert?: unknown }) => ({ ...op, insert: cloneValue(op.insert) })));
}

function replaceMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  for (const [key, value] of source.entries()) {
    const current = target.get(key);
    if (!(value instanceof Y.AbstractType) && current === value) continue;
    target.set(key, cloneValue(value));
  }
}

function replaceArray(target: Y.Array<unknown>, source: Y.Array<unknown>): void {
  if (target.length > 0) target.delete(0, target.length);
  target.insert(0, source.toArray().map(cloneValue));
}

/** Changes `target` so that its content equals `source`'s, in one transaction with `origin`. */
export function replaceContent(target: Y.Doc, source: Y.Doc, origin: unknown): void {
  const names = new Set([...target.share.keys(), ...source.share.keys()]);
  target.transact(() => {
    for (const name of names) {
      const kind = rootKind(source, name) ?? rootKind(target, name);
      switch (kind) {
        case 'xml':
          replaceXml(target.getXmlFragment(name), source.getXmlFragment(name));
          break;
        case 'text':
          replaceText(target.getText(name), source.getText(name));
          break;
        case 'map':
          replaceMap(target.getMap(name), source.getMap(name));
          break;
        case 'array':
          replaceArray(target.getArray(name), source.getArray(name));
          break;
        case undefined:
          break; // empty on both sides
      }
    }
  }, origin);
}
