import { editorSchema } from '@inkwell/editor-schema';
import { DOMSerializer } from '@tiptap/pm/model';
import { useEffect, useMemo, useRef } from 'react';
import { versionToProseMirror } from '../sync/version-content.ts';

// The live editor's schema (@inkwell/editor-schema), so every node a document may hold
// (tables, task lists, images, mentions) previews as it shows in the editor.
const previewSchema = () => editorSchema;

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
