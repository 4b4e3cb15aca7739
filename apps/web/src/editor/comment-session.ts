// What the editor and the comments sidebar share about comments, for one open document:
// the active thread, the new comment being written (its anchor taken from the selection),
// the text of every unsent comment, and where the threads are in the text. Plain TS that the
// sidebar reads through useStore; the editor attaches itself once built and is told the
// threads through `setThreads`. Made once per open document, so drafts outlive the sidebar.
import { COMMENT_QUOTE_MAX_LENGTH, type CommentAnchor, type Thread } from '@inkwell/protocol';
import type { Editor } from '@tiptap/core';
import { CommentDrafts, NEW_COMMENT_DRAFT } from '../lib/comment-drafts.ts';
import { NO_PLACES, placesOf, samePlaces, type ThreadPlaces } from '../lib/comment-order.ts';
import { SnapshotStore } from '../sync/snapshot-store.ts';
import { encodeRange, quoteOf, type TextRange } from './comment-anchors.ts';
import { commentHighlightsKey, type HighlightAnchor, type HighlightInput, rangeOf } from './comment-highlights.ts';

/** Not a server id (those never contain a colon): the draft's highlight. */
export const DRAFT_ID = 'draft:new';

export interface CommentDraft {
  anchor: CommentAnchor;
}

export interface CommentSessionState {
  activeId: string | null;
  draft: CommentDraft | null;
  /** Why a comment could not be started ("Select some text…"), until the next attempt. */
  hint: string | null;
  places: ThreadPlaces;
}

const INITIAL: CommentSessionState = { activeId: null, draft: null, hint: null, places: NO_PLACES };

/** The quote kept with an anchor: at most COMMENT_QUOTE_MAX_LENGTH characters, "…" when cut. */
export function truncateQuote(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= COMMENT_QUOTE_MAX_LENGTH) return text;
  return `${chars
    .slice(0, COMMENT_QUOTE_MAX_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}

/** The selected range: the browser's selection inside the editor (a read-only editor's
 * ProseMirror selection does not follow the mouse), else ProseMirror's. */
function selectedRange(editor: Editor): TextRange | null {
  const { view } = editor;
  const dom = view.dom.ownerDocument.getSelection();
  if (dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode && view.dom.contains(dom.anchorNode) && view.dom.contains(dom.focusNode)) {
    try {
      const a = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
      const b = view.posAtDOM(dom.focusNode, dom.focusOffset);
      if (a !== b) return { from: Math.min(a, b), to: Math.max(a, b) };
    } catch {
      // A node ProseMirror does not own (a caret label): fall back to its own selection.
    }
  }
  const { from, to, empty } = view.state.selection;
  return empty ? null : { from, to };
}

export class CommentSession {
  readonly state = new SnapshotStore<CommentSessionState>(INITIAL);
  /** Unsent text of the new comment, replies and edits. */
  readonly drafts = new CommentDrafts();
  private editor: Editor | null = null;
  private threads: readonly Thread[] = [];
  /** A thread to scroll to once the editor has placed it (opened from a link). */
  private pendingScroll: string | null = null;

  /** `onShow` opens the comments sidebar (a highlight was clicked, a comment started). */
  constructor(private readonly onShow: () => void) {}

  attach(editor: Editor): () => void {
    this.editor = editor;
    this.push();
    return () => {
      if (this.editor === editor) this.editor = null;
    };
  }

  setThreads(threads: readonly Thread[]): void {
    this.threads = threads;
    const { activeId } = this.state.get();
    // A resolved or deleted thread stops being the active one: its highlight goes.
    if (activeId && !threads.some((thread) => thread.id === activeId && !thread.resolved) && activeId !== this.pendingScroll) {
      this.update({ activeId: null });
    }
    this.push();
  }

  /** Makes a thread the active one; `scroll` brings its text into view (from the sidebar). */
  activate(threadId: string | null, options: { scroll?: boolean; show?: boolean } = {}): void {
    // The draft's highlight (clicked in the text) brings its box back instead.
    if (threadId === DRAFT_ID) {
      if (options.show) this.onShow();
      return;
    }
    this.update({ activeId: threadId });
    this.push();
    if (options.show) this.onShow();
    if (threadId && options.scroll) this.scrollTo(threadId);
  }

  /** Opens the page at a thread (`?thread=`): active, and scrolled to once it is placed. */
  focusLinked(threadId: string): void {
    this.pendingScroll = threadId;
    this.activate(threadId, { show: true });
    this.scrollTo(threadId);
  }

  /**
   * Starts a new comment on the selection; false (with a hint) when nothing is selected, or
   * when a comment with text is still unsent (one at a time: it is shown again, never
   * replaced). An empty one moves to the new selection.
   */
  startDraft(): boolean {
    const editor = this.editor;
    this.onShow();
    if (this.state.get().draft && this.drafts.has(NEW_COMMENT_DRAFT)) {
      this.update({ hint: 'Send or cancel the comment you started before beginning another.' });
      this.push();
      return false;
    }
    const range = editor ? selectedRange(editor) : null;
    const quote = editor && range ? quoteOf(editor.state, range) : '';
    const ends = editor && range && quote ? encodeRange(editor.state, range) : null;
    if (!ends) {
      const hint = editor ? 'Select some text in the document first, then press Comment.' : 'The document is still loading.';
      this.update({ hint, draft: null });
      this.push();
      return false;
    }
    this.update({ draft: { anchor: { ...ends, quote: truncateQuote(quote) } }, hint: null, activeId: null });
    this.push();
    return true;
  }

  /** The draft was sent or given up: its text and highlight go, and the editor gets the focus back. */
  endDraft(options: { refocus?: boolean } = {}): void {
    this.drafts.clear(NEW_COMMENT_DRAFT);
    this.update({ draft: null, hint: null });
    this.push();
    if (options.refocus && this.editor?.isEditable) this.editor.commands.focus();
  }

  /**
   * The sidebar closed (or another panel took its place): a new comment with text stays,
   * highlight included, for when it opens again; an empty one has nothing to keep.
   */
  handlePanelClosed(): void {
    if (this.drafts.has(NEW_COMMENT_DRAFT)) {
      if (this.state.get().hint) this.update({ hint: null });
      return;
    }
    if (this.state.get().draft || this.state.get().hint) this.endDraft();
  }

  dismissHint(): void {
    this.update({ hint: null });
  }

  /** The plugin's ranges changed: the sidebar's order, and a scroll that was waiting. */
  handleRanges(ranges: ReadonlyMap<string, TextRange | null>): void {
    const threadRanges = new Map([...ranges].filter(([id]) => id !== DRAFT_ID));
    const places = placesOf(threadRanges);
    if (!samePlaces(places, this.state.get().places)) this.update({ places });
    const pending = this.pendingScroll;
    if (pending && threadRanges.has(pending)) this.scrollTo(pending);
  }

  private scrollTo(threadId: string): void {
    const editor = this.editor;
    if (!editor || editor.isDestroyed) {
      this.pendingScroll = threadId;
      return;
    }
    const range = rangeOf(editor.state, threadId);
    if (range === undefined) {
      // Not placed yet: the threads or the document are still loading.
      this.pendingScroll = threadId;
      return;
    }
    this.pendingScroll = null;
    if (!range) return;
    const { node } = editor.view.domAtPos(range.from);
    const element = node instanceof Element ? node : node.parentElement;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    element?.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
  }

  private update(patch: Partial<CommentSessionState>): void {
    this.state.set({ ...this.state.get(), ...patch });
  }

  /** Tells the editor what to draw: every thread, and the draft's selection. */
  private push(): void {
    const editor = this.editor;
    if (!editor || editor.isDestroyed) return;
    const { activeId, draft } = this.state.get();
    const anchors: HighlightAnchor[] = this.threads.map((thread) => ({
      id: thread.id,
      start: thread.anchor.start,
      end: thread.anchor.end,
      open: !thread.resolved,
    }));
    if (draft) anchors.push({ id: DRAFT_ID, start: draft.anchor.start, end: draft.anchor.end, open: true, draft: true });
    const input: HighlightInput = { anchors, activeId };
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, input).setMeta('addToHistory', false));
  }
}
