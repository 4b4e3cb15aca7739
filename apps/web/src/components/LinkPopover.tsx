import { isSafeLinkHref, normalizeLinkHref } from '@inkwell/editor-schema';
import type { Editor } from '@tiptap/core';
import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { linkRefusal } from '../editor/link-message.ts';
import { markLinkTarget } from '../editor/link-shortcut.ts';
import { TextField } from './TextField.tsx';

interface LinkPopoverProps {
  editor: Editor;
  /** `refocus`: give the focus back to the editor (Escape, after a change), not after a click elsewhere. */
  onClose: (refocus: boolean) => void;
}

const GAP_PX = 8;
const MARGIN_PX = 8;

/** What the popover works on, read once when it opens. */
function readTarget(editor: Editor) {
  const { empty } = editor.state.selection;
  const inLink = editor.isActive('link');
  const href = inLink ? (editor.getAttributes('link').href as unknown) : undefined;
  return { inLink, empty, href: typeof href === 'string' ? href : '' };
}

/**
 * Insert, edit, open or remove a link: under the selection (or the caret in a link), opened by
 * the toolbar's Link button or Ctrl/Cmd+K in the editor. With nothing selected and no link
 * under the caret it also asks for the text to show. Only http(s) and e-mail addresses are
 * taken (normalizeLinkHref); anything else is refused here with the reason. Escape closes it
 * and puts the focus back in the editor; so does applying or removing.
 */
export function LinkPopover({ editor, onClose }: LinkPopoverProps) {
  const [target] = useState(() => readTarget(editor));
  const [text, setText] = useState('');
  const [url, setUrl] = useState(target.href);
  const [error, setError] = useState<string | undefined>();
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const askText = target.empty && !target.inLink;

  // Under the selection, kept inside the window; follows the page when it scrolls.
  useLayoutEffect(() => {
    const place = () => {
      const root = rootRef.current;
      if (!root || editor.isDestroyed) return;
      const { from, to } = editor.state.selection;
      const start = editor.view.coordsAtPos(from);
      const end = editor.view.coordsAtPos(to);
      const width = root.offsetWidth;
      const height = root.offsetHeight;
      const left = Math.min(Math.max(MARGIN_PX, start.left), window.innerWidth - width - MARGIN_PX);
      const below = end.bottom + GAP_PX;
      // Above the line when there is no room under it.
      const top = below + height > window.innerHeight - MARGIN_PX ? Math.max(MARGIN_PX, start.top - GAP_PX - height) : below;
      setPosition({ top, left: Math.max(MARGIN_PX, left) });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [editor]);

  // The text the link is for stays marked while the focus is in the popover.
  useEffect(() => {
    markLinkTarget(editor, true);
    return () => markLinkTarget(editor, false);
  }, [editor]);

  // Once placed: a field cannot take the focus while the popover is still hidden.
  const placed = position !== null;
  useEffect(() => {
    if (!placed) return;
    firstFieldRef.current?.focus();
    firstFieldRef.current?.select();
  }, [placed]);

  // A press anywhere else closes it, leaving the focus where that press put it.
  useEffect(() => {
    const handlePointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [onClose]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const result = normalizeLinkHref(url);
    if (!result.ok) {
      setError(linkRefusal(result));
      urlRef.current?.focus();
      return;
    }
    const link = { href: result.href };
    const chain = editor.chain().focus();
    if (target.inLink) chain.extendMarkRange('link').setLink(link);
    else if (askText) {
      // The new link ends at the caret; what is typed next is not part of it.
      const shown = text.trim() || url.trim();
      chain.insertContent({ type: 'text', text: shown, marks: [{ type: 'link', attrs: link }] }).unsetMark('link');
    } else chain.setLink(link);
    chain.run();
    onClose(true);
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose(true);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onClose(true);
  }

  const canOpen = target.inLink && isSafeLinkHref(target.href);

  return createPortal(
    <div
      ref={rootRef}
      className="link-popover"
      role="dialog"
      aria-label={target.inLink ? 'Edit link' : 'Add link'}
      data-testid="link-popover"
      style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
      onKeyDown={handleKeyDown}
      onBlur={(event) => {
        // Tabbing out of the popover closes it (it is not modal).
        const next = event.relatedTarget;
        if (next instanceof Node && !rootRef.current?.contains(next)) onClose(false);
      }}
    >
      <form className="link-popover__form" onSubmit={apply} noValidate>
        {askText && (
          <TextField label="Text" value={text} onValueChange={setText} inputRef={firstFieldRef} placeholder="Shown in the document" />
        )}
        <TextField
          label="Link"
          value={url}
          onValueChange={(value) => {
            setUrl(value);
            setError(undefined);
          }}
          error={error}
          inputRef={(element) => {
            urlRef.current = element;
            if (!askText) firstFieldRef.current = element;
          }}
          placeholder="example.com or https://…"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
        <div className="link-popover__actions">
          {canOpen && (
            <a className="button button--ghost button--small" href={target.href} target="_blank" rel="noopener noreferrer">
              Open
            </a>
          )}
          {target.inLink && (
            <button type="button" className="button button--ghost button--small button--danger-text" onClick={remove}>
              Remove
            </button>
          )}
          <button type="submit" className="button button--small">
            {target.inLink ? 'Save' : 'Add link'}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
