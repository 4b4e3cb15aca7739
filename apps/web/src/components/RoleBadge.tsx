import type { Role } from '@inkwell/protocol';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/roles.ts';

/** The caller's role on a document, as a small pill. */
export function RoleBadge({ role, testId = 'role-badge' }: { role: Role; testId?: string }) {
  return (
    <span className={`role-badge role-badge--${role}`} title={ROLE_DESCRIPTIONS[role]} data-testid={testId}>
      {ROLE_LABELS[role]}
    </span>
  );
}
