import { COMMENT_BODY_MAX_LENGTH, type Member } from '@inkwell/protocol';
import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { filterMentionCandidates, type MentionCandidate } from '../editor/mention-source.ts';
import { commentErrorMessage } from '../hooks/use-comments.ts';
import type { CommentDrafts } from '../lib/comment-drafts.ts';
import { type ChosenMention, findMentionQuery, insertMention, mentionedIds } from '../lib/comment-mentions.ts';
import { MentionList, type MentionListHandle } from './MentionList.tsx';

const MOD_LABEL = /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? '') ? '⌘' : 'Ctrl+';

export interface CommentComposerProps {
  /** The text box's accessible name ("Comment", "Reply", "Edit comment"). */
  label: string;
  placeholder: string;
  submitLabel: string;
  initialBody?: string;
  initialMentions?: readonly ChosenMention[];
  /** Who can be mentioned: the document's members; undefined while they load. */
  members: readonly Member[] | undefined;
  membersFailed?: boolean;
  selfId: string;
  autoFocus?: boolean;
  /** Buttons only once the box has focus or text (a reply box under each thread). */
  compact?: boolean;
  /** Why sending cannot work now (offline, access changed); the text can still be written. */
  disabledReason?: string | null;
  /** Where the unsent text is kept while the box is away (sidebar closed): `drafts` under `draftKey`. */
  drafts?: CommentDrafts;
  draftKey?: string;
  onSubmit: (body: string, mentions: string[]) => Promise<unknown>;
  onCancel?: () => void;
}

/**
 * A plain-text comment box: Ctrl/Cmd+Enter sends, Escape cancels, "@" suggests the
 * document's members. On failure the text stays and the reason shows under it. With
 * `drafts`, the text outlives the box until it is sent or cancelled.
 */
export function CommentComposer(props: CommentComposerProps) {
  const { label, placeholder, submitLabel, members, selfId, compact = false, disabledReason = null, onSubmit, onCancel } = props;
  const { drafts, draftKey, initialBody = '' } = props;
  const [kept] = useState(() => (drafts && draftKey ? drafts.get(draftKey) : undefined));
  const [body, setBody] = useState(kept?.body ?? initialBody);
  const [chosen, setChosen] = useState<readonly ChosenMention[]>(kept?.mentions ?? props.initialMentions ?? []);
  const [caret, setCaret] = useState<number | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(!compact || kept !== undefined);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<MentionListHandle>(null);
  const pendingCaret = useRef<number | null>(null);

  // Not React's autoFocus, which focuses during the commit: inside the mobile sheet (a modal
  // <dialog> opened by the panel's layout effect) that is too early, the dialog is not shown
  // yet. A restored draft puts the caret after its text.
  const { autoFocus } = props;
  useEffect(() => {
    const textarea = textareaRef.current;
    if (!autoFocus || !textarea) return;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    textarea.scrollIntoView({ block: 'nearest' });
  }, [autoFocus]);

  useEffect(() => {
    if (drafts && draftKey) drafts.save(draftKey, { body, mentions: chosen }, initialBody);
  }, [drafts, draftKey, body, chosen, initialBody]);

  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (textarea && pendingCaret.current !== null) {
      textarea.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const mention = caret === null ? null : findMentionQuery(body, caret);
  const pickerOpen = mention !== null && mention.start !== dismissedAt && !sending;
  const candidates = pickerOpen ? filterMentionCandidates(members ?? [], mention.query, selfId) : [];
  const tooLong = body.length > COMMENT_BODY_MAX_LENGTH;
  const empty = body.trim() === '';
  const canSend = !empty && !tooLong && !sending && disabledReason === null;

  function trackCaret() {
    const textarea = textareaRef.current;
    setCaret(textarea && textarea.selectionStart === textarea.selectionEnd ? textarea.selectionStart : null);
  }

  function choose(person: MentionCandidate) {
    if (!mention || caret === null) return;
    const next = insertMention(body, caret, mention, person.label);
    setBody(next.text);
    setCaret(next.caret);
    pendingCaret.current = next.caret;
    setChosen((list) => [...list, { id: person.id, name: person.label }]);
    textareaRef.current?.focus();
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      await onSubmit(body, mentionedIds(body, chosen));
      if (drafts && draftKey) drafts.clear(draftKey);
      setBody('');
      setChosen([]);
      setCaret(null);
      if (compact) setExpanded(false);
    } catch (failure) {
      setError(commentErrorMessage(failure));
    } finally {
      setSending(false);
    }
  }

  // Cancel (or Escape) gives the text up: the one way, besides sending, that a draft goes.
  function cancel() {
    setError(null);
    if (drafts && draftKey) drafts.clear(draftKey);
    setBody('');
    setChosen([]);
    if (compact) {
      setExpanded(false);
      textareaRef.current?.blur();
    }
    onCancel?.();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (pickerOpen) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(mention.start);
        return;
      }
      if (!(event.ctrlKey || event.metaKey) && listRef.current?.onKeyDown(event.nativeEvent)) {
        event.preventDefault();
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && (onCancel || compact)) {
      // Handled here, so the side panel around does not close too.
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  }

  const showButtons = expanded || body !== '';
  const errorId = `${label.replace(/\W+/g, '-').toLowerCase()}-error`;
  return (
    <form className={`comment-composer${showButtons ? '' : ' comment-composer--collapsed'}`} onSubmit={submit} noValidate>
      <div className="comment-composer__field">
        <textarea
          ref={textareaRef}
          className="comment-composer__input"
          aria-label={label}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={tooLong || undefined}
          placeholder={placeholder}
          value={body}
          rows={showButtons ? 3 : 1}
          readOnly={sending}
          onChange={(event) => {
            setBody(event.target.value);
            setCaret(event.target.selectionStart === event.target.selectionEnd ? event.target.selectionStart : null);
            setError(null);
          }}
          onSelect={trackCaret}
          onFocus={() => setExpanded(true)}
          onBlur={() => setCaret(null)}
          onKeyDown={handleKeyDown}
        />
        {pickerOpen && (
          <div className="comment-composer__mentions">
            <MentionList
              ref={listRef}
              items={candidates}
              query={mention.query}
              loading={members === undefined && !props.membersFailed}
              error={props.membersFailed ?? false}
              nobodyElse={members?.every((member) => member.user.id === selfId) ?? false}
              onSelect={choose}
            />
          </div>
        )}
      </div>
      {tooLong && (
        <p className="field__error" role="alert">
          {body.length.toLocaleString('en')} / {COMMENT_BODY_MAX_LENGTH.toLocaleString('en')} characters: shorten the comment to send it.
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
      {disabledReason && showButtons && <p className="field__hint">{disabledReason}</p>}
      {showButtons && (
        <div className="comment-composer__actions">
          <span className="comment-composer__hint" aria-hidden="true">
            {MOD_LABEL}Enter to send
          </span>
          {(onCancel || compact) && (
            <button type="button" className="button button--ghost button--small" onClick={cancel} disabled={sending}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button--primary button--small" disabled={!canSend} aria-busy={sending || undefined}>
            {sending ? 'Sending…' : submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}
