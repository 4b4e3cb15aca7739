import type { Member } from '@inkwell/protocol';

// Who can be mentioned in a document: its members (GET /api/docs/:id/members), minus the
// person typing. Mentioning someone without access would notify them of a document they
// cannot open, so the picker offers no one else.

export interface MentionCandidate {
  /** The user id: the mention node's `id`, which the server notifies. */
  id: string;
  /** The name, as written into the document (`label`). */
  label: string;
  email: string;
  color: string;
}

export const MAX_MENTION_CANDIDATES = 8;

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * Members whose name has a word starting with the query, or whose e-mail starts with it
 * ("an" finds "Ana Lima" and "Joan Anders"; "lim" finds Ana by her surname). Name-start
 * matches come first, then alphabetical.
 */
export function filterMentionCandidates(members: readonly Member[], query: string, selfId: string): MentionCandidate[] {
  const needle = normalise(query.trim());
  const matches: Array<{ candidate: MentionCandidate; rank: number }> = [];
  for (const { user } of members) {
    if (user.id === selfId) continue;
    const name = normalise(user.name);
    const words = name.split(/[\s\-'.]+/);
    let rank: number;
    if (needle === '' || name.startsWith(needle)) rank = 0;
    else if (words.some((word) => word.startsWith(needle))) rank = 1;
    else if (normalise(user.email).startsWith(needle)) rank = 2;
    else continue;
    matches.push({ candidate: { id: user.id, label: user.name, email: user.email, color: user.color }, rank });
  }
  matches.sort((a, b) => a.rank - b.rank || a.candidate.label.localeCompare(b.candidate.label));
  return matches.slice(0, MAX_MENTION_CANDIDATES).map((match) => match.candidate);
}

/**
 * What the picker needs besides its items, which Tiptap's suggestion plugin does not carry:
 * whether loading failed, and whether there is anyone to mention at all.
 */
export class MentionSource {
  error: unknown = null;
  /** Members other than the person typing, from the last successful load; null before. */
  others: number | null = null;

  constructor(
    private readonly loadMembers: () => Promise<readonly Member[]>,
    private readonly selfId: string,
  ) {}

  async search(query: string): Promise<MentionCandidate[]> {
    try {
      const members = await this.loadMembers();
      this.error = null;
      this.others = members.filter((member) => member.user.id !== this.selfId).length;
      return filterMentionCandidates(members, query, this.selfId);
    } catch (error) {
      this.error = error;
      return [];
    }
  }
}
