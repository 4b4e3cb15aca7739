import type { Version } from '@inkwell/protocol';
import { useNow } from '../hooks/use-now.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { Avatar } from './Avatar.tsx';

/** "Ana · 5 minutes ago", with a badge for the versions the server made before a restore. */
export function VersionMeta({ version }: { version: Version }) {
  const now = useNow();
  const author = version.author;
  return (
    <span className="version-meta">
      <Avatar name={author?.name ?? '?'} color={author?.color ?? '#9a9ea5'} size="small" />
      <span className="version-meta__text">
        <span className="version-meta__author">{author?.name ?? 'A former member'}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={version.createdAt} title={formatAbsoluteTime(version.createdAt)}>
          {formatRelativeTime(version.createdAt, now)}
        </time>
      </span>
      {version.reason === 'before-restore' && (
        <span className="reason-badge" title="Saved automatically just before a restore: restore it to undo that restore">
          Before restore
        </span>
      )}
    </span>
  );
}
