import type { PublicUser } from '@inkwell/protocol';

/**
 * Transaction origin of a restore (documents/versions.ts): the room attributes the edit to
 * `user` as if they had typed it (activity, onEdit).
 */
export class RestoreOrigin {
  constructor(readonly user: PublicUser) {}
}
