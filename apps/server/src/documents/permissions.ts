// Who may do what to a document; a refusal is a FORBIDDEN ProtocolError, whichever edge
// (socket RPC or HTTP) asked.
import { ProtocolError } from '../errors.ts';
import type { Role } from '../storage/member-store.ts';

const CAN_EDIT: ReadonlySet<Role> = new Set(['owner', 'editor']);

export function requireEditor(role: Role, what: string): void {
  if (!CAN_EDIT.has(role)) throw new ProtocolError('FORBIDDEN', `Viewers cannot ${what}`);
}

export function requireOwner(role: Role): void {
  if (role !== 'owner') throw new ProtocolError('FORBIDDEN', 'Only the owner can do this');
}
