import type { PublicUser, VersionKind } from '@inkwell/protocol';

// How the versions panel names a version's kind and the people behind it.

export const VERSION_KIND_LABELS: Record<VersionKind, string> = {
  named: 'Named',
  auto: 'Automatic',
  restore: 'Before restore',
};

export const VERSION_KIND_DESCRIPTIONS: Record<VersionKind, string> = {
  named: 'Saved and named by a person',
  auto: 'Saved automatically while the document was edited',
  restore: 'Saved automatically just before a restore: restore it to undo that restore',
};

/** "Ana", "Ana and Ben", "Ana, Ben and Chloé", "Ana, Ben and 3 others". */
export function peopleText(people: ReadonlyArray<Pick<PublicUser, 'name'>>, shown = 2): string {
  const names = people.map((person) => person.name);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  if (names.length <= shown + 1) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const others = names.length - shown;
  return `${names.slice(0, shown).join(', ')} and ${others} others`;
}
