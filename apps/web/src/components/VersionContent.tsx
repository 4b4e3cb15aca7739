import { getSchema } from '@tiptap/core';
import { Mention } from '@tiptap/extension-mention';
import { DOMSerializer, type Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef } from 'react';
import { versionToProseMirror } from '../sync/version-content.ts';

// The live editor's content nodes and marks (CollaborativeEditor's StarterKit and the
// mention chip, without its picker). Built on first use: the schema is only needed once
// someone opens a preview.
let schema: Schema | null = null;
function previewSchema(): Schema {
  schema ??= getSchema([StarterKit.configure({ undoRedo: false }), Mention.configure({ HTMLAttributes: { class: 'mention' } })]);
  return schema;
}

/**
 * A version's text, read-only, with the editor's typography. Rendered with ProseMirror's own
 * DOM serializer into a detached fragment (no HTML strings, so nothing in the content can
 * become markup), with no editor, selection or Yjs binding behind it.
 */
export function VersionContent({ update }: { update: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const node = useMemo(() => {
    try {
      return versionToProseMirror(update, previewSchema());
    } catch {
      return null;
    }
  }, [update]);

  useEffect(() => {
    const target = ref.current;
    if (!target || !node) return;
    target.replaceChildren(DOMSerializer.fromSchema(previewSchema()).serializeFragment(node.content));
    return () => target.replaceChildren();
  }, [node]);

  if (!node) {
    return (
      <p className="panel-note panel-note--error" role="alert">
        This version's content could not be read.
      </p>
    );
  }
  if (node.textContent.trim() === '' && node.childCount <= 1) {
    return <p className="version-content version-content--empty">This version is empty.</p>;
  }
  return (
    <div
      ref={ref}
      className="version-content prose"
      role="document"
      aria-label="Content of this version"
      data-testid="version-preview-content"
    />
  );
}
