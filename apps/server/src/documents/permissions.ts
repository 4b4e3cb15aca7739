// Who may do what to a document; a refusal is a FORBIDDEN ProtocolError, whichever edge
// (socket RPC or HTTP) asked.
import { canComment, canEditText } from '@inkwell/protocol';
import { ProtocolError } from '../errors.ts';
import type { Role } from '../storage/member-store.ts';

export function requireEditor(role: Role, what: string): void {
  if (!canEditText(role)) throw new ProtocolError('FORBIDDEN', `Only editors can ${what}`);
}

export function requireCommenter(role: Role): void {
  if (!canComment(role)) throw new ProtocolError('FORBIDDEN', 'Viewers cannot comment');
}

export function requireOwner(role: Role): void {
  if (role !== 'owner') throw new ProtocolError('FORBIDDEN', 'Only the owner can do this');
}
