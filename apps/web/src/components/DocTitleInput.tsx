import { DEFAULT_TITLE, type Doc, TITLE_MAX_LENGTH } from '@inkwell/protocol';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useRenameDoc } from '../hooks/use-docs.ts';
import { errorMessage } from '../lib/api-error.ts';
import type { AppClient } from '../sync/app-client.ts';

interface DocTitleInputProps {
  doc: Doc;
  readOnly: boolean;
  /** The document's socket channel: renames go over it when it is ready, else over HTTP. */
  app?: AppClient | null;
  /** Enter: the title is saved and the text takes the focus at its start. */
  onEnter?: () => void;
}

/**
 * The document's title: its own field above the text, the one title model (the text's
 * headings are only headings). Drawn unlike a heading of the text (editor.css): larger,
 * lighter, no box, the "Untitled" placeholder shown while empty. Edit in place, saved on
 * blur or Enter; Enter then moves on to the start of the text.
 */
export function DocTitleInput({ doc, readOnly, app = null, onEnter }: DocTitleInputProps) {
  const rename = useRenameDoc(app);
  const [draft, setDraft] = useState(doc.title);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shownTitle, setShownTitle] = useState(doc.title);
  const skipNextSave = useRef(false);
  const errorId = useId();

  // Follow the server's title (a rename elsewhere, a refetch) unless the person is typing;
  // adjusted during render so the input never shows a stale title for a frame.
  if (doc.title !== shownTitle && !focused) {
    setShownTitle(doc.title);
    setDraft(doc.title);
  }

  function save() {
    const title = draft.trim();
    if (title === doc.title) {
      setDraft(title);
      setError(null);
      return;
    }
    if (title.length === 0) {
      setError('Title must not be empty.');
      return;
    }
    setError(null);
    rename.mutate({ id: doc.id, title }, { onError: (failure) => setError(errorMessage(failure)) });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      if (event.nativeEvent.isComposing) return; // Enter that ends an IME composition
      event.preventDefault();
      event.currentTarget.blur(); // blur saves, so Enter and clicking away share one path
      onEnter?.();
    } else if (event.key === 'Escape') {
      setDraft(doc.title);
      setError(null);
      skipNextSave.current = true;
      event.currentTarget.blur();
    }
  }

  return (
    <div className="title-field">
      <input
        className="title-input"
        aria-label="Document title"
        data-testid="doc-title"
        enterKeyHint="next"
        value={draft}
        maxLength={TITLE_MAX_LENGTH}
        readOnly={readOnly}
        placeholder={DEFAULT_TITLE}
        onChange={(event) => setDraft(event.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (skipNextSave.current) skipNextSave.current = false;
          else if (!readOnly) save();
        }}
        onKeyDown={handleKeyDown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {rename.isPending && <span className="title-field__saving">Saving…</span>}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
