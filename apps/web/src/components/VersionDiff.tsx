import type { DiffAgainst } from '@inkwell/protocol';
import { useMemo } from 'react';
import { useVersionDiff } from '../hooks/use-versions.ts';
import { errorMessage } from '../lib/api-error.ts';
import { collapseDiff, countChangedWords, type DiffPiece } from '../lib/diff-view.ts';
import '../styles/versions.css';

interface VersionDiffProps {
  docId: string;
  versionId: string;
  against: DiffAgainst;
}

const WHAT: Record<DiffAgainst, { empty: string; summary: string }> = {
  previous: {
    empty: 'No text changed since the previous version.',
    summary: 'since the previous version',
  },
  current: {
    empty: 'The document now has the same text as this version.',
    summary: 'in the document now, compared with this version',
  },
};

/**
 * A version's changes, highlighted: additions underlined in green, removals struck through in
 * red, each also named for screen readers ("added", "removed"), since colour alone tells
 * nothing to many people. Unchanged stretches far from a change fold into "…".
 */
export function VersionDiff({ docId, versionId, against }: VersionDiffProps) {
  const diff = useVersionDiff(docId, versionId, against);
  const lines = useMemo(() => (diff.data ? collapseDiff(diff.data.changes) : null), [diff.data]);
  const counts = useMemo(() => (diff.data ? countChangedWords(diff.data.changes) : null), [diff.data]);

  if (diff.isError && !diff.data) {
    return (
      <div className="panel-note panel-note--error" role="alert">
        <span>Couldn't load the changes: {errorMessage(diff.error)}</span>
        <button type="button" className="button button--small" onClick={() => void diff.refetch()} disabled={diff.isFetching}>
          Try again
        </button>
      </div>
    );
  }
  if (!lines || !counts) {
    return (
      <p className="panel-empty" aria-busy="true">
        Comparing…
      </p>
    );
  }
  if (lines.length === 0) {
    return (
      <p className="panel-empty" data-testid="version-diff-empty">
        {WHAT[against].empty}
      </p>
    );
  }
  return (
    <div className="version-diff" data-testid="version-diff" aria-busy={diff.isFetching || undefined}>
      <p className="version-diff__summary">
        <span className="version-diff__count version-diff__count--added">{wordsText(counts.added)} added</span>
        <span aria-hidden="true"> · </span>
        <span className="version-diff__count version-diff__count--removed">{wordsText(counts.removed)} removed</span>{' '}
        <span className="version-diff__what">{WHAT[against].summary}</span>
      </p>
      <div className="version-diff__body">
        {lines.map((line, index) =>
          line.kind === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one diff never reorder.
            <p key={index} className="version-diff__gap">
              <span aria-hidden="true">…</span>
              <span className="version-diff__gap-text">
                {line.blocks} unchanged {line.blocks === 1 ? 'paragraph' : 'paragraphs'}
              </span>
            </p>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one diff never reorder.
            <p key={index} className={line.changed ? 'version-diff__block version-diff__block--changed' : 'version-diff__block'}>
              {line.pieces.length === 0 ? <span className="version-diff__blank">(empty line)</span> : line.pieces.map(renderPiece)}
            </p>
          ),
        )}
      </div>
    </div>
  );
}

function wordsText(count: number): string {
  return `${count} ${count === 1 ? 'word' : 'words'}`;
}

function renderPiece(piece: DiffPiece, index: number) {
  switch (piece.type) {
    case 'ellipsis':
      return (
        <span key={index} className="version-diff__ellipsis" title="Unchanged text left out">
          …
        </span>
      );
    case 'added':
      return (
        <ins key={index} className="diff-added" data-testid="diff-added">
          <span className="visually-hidden">[added: </span>
          {piece.text}
          <span className="visually-hidden">]</span>
        </ins>
      );
    case 'removed':
      return (
        <del key={index} className="diff-removed" data-testid="diff-removed">
          <span className="visually-hidden">[removed: </span>
          {piece.text}
          <span className="visually-hidden">]</span>
        </del>
      );
    case 'unchanged':
      return <span key={index}>{piece.text}</span>;
    default: {
      const unreachable: never = piece;
      return unreachable;
    }
  }
}
