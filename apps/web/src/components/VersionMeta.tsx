import type { Version } from '@inkwell/protocol';
import { useNow } from '../hooks/use-now.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { peopleText, VERSION_KIND_DESCRIPTIONS, VERSION_KIND_LABELS } from '../lib/version-labels.ts';
import { Avatar } from './Avatar.tsx';

const FORMER_MEMBER = { name: '?', color: '#9a9ea5' };

/**
 * Who and when, and what kind: "Ana · 5 minutes ago · Named". An automatic version has no
 * maker, so it names the people whose edits it holds ("Ana and Ben").
 */
export function VersionMeta({ version }: { version: Version }) {
  const now = useNow();
  const people = version.kind === 'auto' ? version.authors : version.author ? [version.author] : [];
  const who =
    people.length > 0
      ? peopleText(people)
      : version.kind === 'auto'
        ? 'No edits recorded'
        : version.kind === 'restore'
          ? 'Inkwell'
          : 'A former member';
  const faces = people.length > 0 ? people.slice(0, 3) : [FORMER_MEMBER];
  return (
    <span className="version-meta">
      <span className="version-meta__faces" aria-hidden="true">
        {faces.map((person, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same person never appears twice; the index only breaks ties for the placeholder.
          <Avatar key={`${'id' in person ? person.id : 'former'}-${index}`} name={person.name} color={person.color} size="small" />
        ))}
      </span>
      <span className="version-meta__text">
        <span className="version-meta__author" title={people.length > 2 ? people.map((person) => person.name).join(', ') : undefined}>
          {who}
        </span>
        <span aria-hidden="true"> · </span>
        <time dateTime={version.createdAt} title={formatAbsoluteTime(version.createdAt)}>
          {formatRelativeTime(version.createdAt, now)}
        </time>
      </span>
      <span className={`kind-badge kind-badge--${version.kind}`} title={VERSION_KIND_DESCRIPTIONS[version.kind]} data-testid="version-kind">
        {VERSION_KIND_LABELS[version.kind]}
      </span>
    </span>
  );
}
