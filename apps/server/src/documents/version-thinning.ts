// Which automatic versions to drop so that history stays useful without growing for ever
// (API.md §6): every `auto` version of the last day, then one an hour for a week, then one a
// day. Named and restore versions are never dropped. Pure, so the rule is tested on its own.
import type { VersionReason } from '../storage/version-store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

interface Thinnable {
  id: string;
  reason: VersionReason;
  createdAt: number;
}

/**
 * The ids of the `auto` versions to delete at `now`. Buckets are whole UTC hours and days;
 * the newest version of each bucket stays, since it holds the latest state of that stretch.
 */
export function versionsToThin(versions: readonly Thinnable[], now: number): string[] {
  const newestFirst = [...versions].sort((a, b) => b.createdAt - a.createdAt);
  const kept = new Set<string>();
  const drop: string[] = [];
  for (const v of newestFirst) {
    if (v.reason !== 'auto') continue;
    const age = now - v.createdAt;
    if (age < DAY_MS) continue;
    const bucket = age < WEEK_MS ? `h${Math.floor(v.createdAt / HOUR_MS)}` : `d${Math.floor(v.createdAt / DAY_MS)}`;
    if (kept.has(bucket)) drop.push(v.id);
    else kept.add(bucket);
  }
  return drop;
}
