// @vitest-environment happy-dom
// The highlight plugin in a real Tiptap editor bound to a Y.Doc (as in CollaborativeEditor),
// with a second Y.Doc standing in for another person whose edits arrive as Yjs updates.
import type { Thread } from '@inkwell/protocol';
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { StarterKit } from '@tiptap/starter-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NEW_COMMENT_DRAFT } from '../lib/comment-drafts.ts';
import { encodeRange, type TextRange } from './comment-anchors.ts';
import { CommentHighlights, overlaps, threadAt } from './comment-highlights.ts';
import { CommentSession } from './comment-session.ts';

const SENTENCE = 'The launch moves to Monday.';
const TEXT = `${SENTENCE} Budget stays the same.`;

/** A document of one paragraph per text, written straight into Yjs. */
function yDocWith(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return doc;
}

/** Both documents get each other's changes, as the server would relay them. */
function link(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'sync');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'sync');
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(b, update, 'sync'));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(a, update, 'sync'));
}

/** The remote person's first paragraph's text. */
function remoteText(doc: Y.Doc, index = 0): Y.XmlText {
  return (doc.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

function thread(id: string, anchor: { start: string; end: string }, quote: string, resolved = false): Thread {
  return {
    id,
    anchor: { ...anchor, quote },
    resolved,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    comments: [],
  } as unknown as Thread;
}

describe('comment highlights in a collaborative editor', () => {
  let local: Y.Doc;
  let remote: Y.Doc;
  let editor: Editor;
  let session: CommentSession;
  let shown: number;

  beforeEach(() => {
    remote = yDocWith(TEXT, 'Open questions: who signs off on pricing?');
    local = new Y.Doc();
    link(local, remote);
    shown = 0;
    session = new CommentSession(() => shown++);
    editor = new Editor({
      element: document.createElement('div'),
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: local }),
        CommentHighlights.configure({
          onRanges: (ranges) => session.handleRanges(ranges),
          onActivate: (threadId) => session.activate(threadId, { show: true }),
        }),
      ],
    });
    session.attach(editor);
  });

  afterEach(() => {
    editor.destroy();
    local.destroy();
    remote.destroy();
  });

  /** Where `text` is in the editor (its first occurrence). */
  function rangeOfText(text: string): TextRange {
    let found: TextRange | null = null;
    editor.state.doc.descendants((node, pos) => {
      const index = node.isText ? (node.text ?? '').indexOf(text) : -1;
      if (found === null && index !== -1) found = { from: pos + index, to: pos + index + text.length };
    });
    if (!found) throw new Error(`"${text}" is not in the document`);
    return found;
  }

  function anchorOf(text: string): { start: string; end: string } {
    const ends = encodeRange(editor.state, rangeOfText(text));
    if (!ends) throw new Error('the editor is not bound to Yjs');
    return ends;
  }

  const highlights = () => [...editor.view.dom.querySelectorAll('.comment-highlight')];
  /** The text each highlight draws, spans of one thread joined. */
  function highlighted(threadId: string): string {
    return highlights()
      .filter((span) => span.getAttribute('data-thread-id') === threadId)
      .map((span) => span.textContent)
      .join('');
  }

  it('draws a thread over its text and follows an insert someone else made before it', () => {
    expect(editor.getText()).toContain(TEXT);
    session.setThreads([thread('t1', anchorOf(SENTENCE), SENTENCE)]);
    expect(highlighted('t1')).toBe(SENTENCE);

    remoteText(remote).insert(0, 'Update: ');
    expect(editor.getText()).toContain(`Update: ${SENTENCE}`);
    expect(highlighted('t1')).toBe(SENTENCE);
    expect(session.state.get().places.order).toEqual(['t1']);
  });

  it('keeps text typed at either edge out of the range', () => {
    session.setThreads([thread('t1', anchorOf('launch moves'), 'launch moves')]);
    remoteText(remote).insert(TEXT.indexOf('launch moves') + 'launch moves'.length, ' quickly');
    remoteText(remote).insert(TEXT.indexOf('launch moves'), 'big ');
    expect(highlighted('t1')).toBe('launch moves');
  });

  it('takes the highlight away once the thread is resolved, and brings it back on reopen', () => {
    const anchor = anchorOf(SENTENCE);
    session.setThreads([thread('t1', anchor, SENTENCE)]);
    expect(highlights()).toHaveLength(1);
    session.setThreads([thread('t1', anchor, SENTENCE, true)]);
    expect(highlights()).toHaveLength(0);
    // Still placed, for the sidebar's order.
    expect(session.state.get().places.order).toEqual(['t1']);
    session.setThreads([thread('t1', anchor, SENTENCE)]);
    expect(highlighted('t1')).toBe(SENTENCE);
  });

  it('draws nothing for a thread whose text was deleted and reports it as gone', () => {
    const other = 'who signs off';
    session.setThreads([thread('t1', anchorOf(SENTENCE), SENTENCE), thread('t2', anchorOf(other), other)]);
    expect(highlights()).toHaveLength(2);

    remoteText(remote).delete(0, SENTENCE.length);
    expect(editor.getText()).not.toContain(SENTENCE);
    expect(highlighted('t1')).toBe('');
    expect(highlighted('t2')).toBe(other);
    expect([...session.state.get().places.gone]).toEqual(['t1']);
    expect(session.state.get().places.order).toEqual(['t2']);
  });

  it('reports a thread as gone when its whole paragraph is removed', () => {
    const other = 'who signs off';
    session.setThreads([thread('t2', anchorOf(other), other)]);
    remote.getXmlFragment('default').delete(1, 1);
    expect(highlights()).toHaveLength(0);
    expect([...session.state.get().places.gone]).toEqual(['t2']);
  });

  it('highlights both of two overlapping threads, marks the overlap, and gives a click in it to the shorter one', () => {
    session.setThreads([
      thread('sentence', anchorOf('The launch moves to Monday'), 'The launch moves to Monday'),
      thread('day', anchorOf('Monday. Budget'), 'Monday. Budget'),
    ]);
    expect(highlighted('sentence')).toContain('launch');
    expect(highlighted('day')).toContain('Budget');
    const overlap = [...editor.view.dom.querySelectorAll('.comment-highlight--overlap')].map((span) => span.textContent).join('');
    expect(overlap).toBe('Monday');

    expect(threadAt(editor.state, rangeOfText('onday').from)).toBe('day');
    expect(threadAt(editor.state, rangeOfText('launch').from)).toBe('sentence');
    expect(threadAt(editor.state, rangeOfText('Budget').from)).toBe('day');
  });

  it('gives a click on two threads over the same text to the newer one', () => {
    const anchor = anchorOf(SENTENCE);
    session.setThreads([thread('older', anchor, SENTENCE), thread('newer', anchor, SENTENCE)]);
    expect(threadAt(editor.state, rangeOfText('launch').from)).toBe('newer');
  });

  it('activates the thread whose highlight is clicked and opens the sidebar', () => {
    session.setThreads([thread('t1', anchorOf(SENTENCE), SENTENCE)]);
    const span = highlights()[0] as HTMLElement;
    const pos = rangeOfText('moves').from;
    editor.view.someProp('handleClick', (handle) => handle(editor.view, pos, { target: span } as unknown as MouseEvent));
    expect(session.state.get().activeId).toBe('t1');
    expect(shown).toBe(1);
    expect(editor.view.dom.querySelector('.comment-highlight--active')?.textContent).toBe(SENTENCE);
  });
  it('keeps a new comment with text (and its highlight) when the sidebar closes, drops an empty one', () => {
    editor.commands.setTextSelection(rangeOfText(SENTENCE));
    expect(session.startDraft()).toBe(true);
    expect(session.state.get().draft?.anchor.quote).toBe(SENTENCE);
    session.handlePanelClosed();
    expect(session.state.get().draft).toBeNull();

    editor.commands.setTextSelection(rangeOfText(SENTENCE));
    session.startDraft();
    session.drafts.save(NEW_COMMENT_DRAFT, { body: 'Is Monday confirmed?', mentions: [] });
    session.handlePanelClosed();
    expect(session.state.get().draft?.anchor.quote).toBe(SENTENCE);
    expect(editor.view.dom.querySelector('.comment-highlight--draft')?.textContent).toBe(SENTENCE);
    expect(session.drafts.unsent.get()).toBe(true);

    // Another start shows the unsent one again instead of replacing it.
    editor.commands.setTextSelection(rangeOfText('Budget'));
    expect(session.startDraft()).toBe(false);
    expect(session.state.get().draft?.anchor.quote).toBe(SENTENCE);
    expect(session.state.get().hint).toMatch(/Send or cancel/);

    session.endDraft();
    expect(session.drafts.unsent.get()).toBe(false);
    expect(editor.view.dom.querySelector('.comment-highlight--draft')).toBeNull();
  });
});

describe('overlaps', () => {
  it('finds the stretches two ranges or more cover; ranges that only touch do not overlap', () => {
    expect(overlaps([])).toEqual([]);
    expect(
      overlaps([
        { from: 1, to: 10 },
        { from: 5, to: 15 },
        { from: 15, to: 20 },
      ]),
    ).toEqual([{ from: 5, to: 10 }]);
    expect(
      overlaps([
        { from: 1, to: 20 },
        { from: 3, to: 6 },
        { from: 5, to: 9 },
      ]),
    ).toEqual([{ from: 3, to: 9 }]);
  });
});
