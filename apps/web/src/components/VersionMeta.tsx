import type { Version } from '@inkwell/protocol';
import { useNow } from '../hooks/use-now.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { Avatar } from './Avatar.tsx';

function autoLabel(authors: Version['authors']): string {
  if (authors.length === 0) return 'Automatic';
  if (authors.length === 1) return `Automatic · ${authors[0]!.name}`;
  return `Automatic · ${authors[0]!.name} and ${authors.length - 1} more`;
}

/** "Ana · 5 minutes ago", with a badge for the versions the server made before a restore. */
export function VersionMeta({ version }: { version: Version }) {
  const now = useNow();
  // An automatic version has no maker: name the people whose edits it holds instead.
  const author = version.author ?? (version.kind === 'auto' ? (version.authors[0] ?? null) : null);
  const name = version.author?.name ?? (version.kind === 'auto' ? autoLabel(version.authors) : 'A former member');
  return (
    <span className="version-meta">
      <Avatar name={author?.name ?? '?'} color={author?.color ?? '#9a9ea5'} size="small" />
      <span className="version-meta__text">
        <span className="version-meta__author">{name}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={version.createdAt} title={formatAbsoluteTime(version.createdAt)}>
          {formatRelativeTime(version.createdAt, now)}
        </time>
      </span>
      {version.kind === 'restore' && (
        <span className="reason-badge" title="Saved automatically just before a restore: restore it to undo that restore">
          Before restore
        </span>
      )}
    </span>
  );
}
