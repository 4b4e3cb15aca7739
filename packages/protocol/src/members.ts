import { z } from 'zod';
import { emailSchema, userSchema } from './auth.ts';
import { roleSchema } from './documents.ts';

// The people a document is shared with: GET/PUT /api/docs/:id/members, DELETE …/:userId.

export const memberSchema = z.object({ user: userSchema, role: roleSchema });
export type Member = z.infer<typeof memberSchema>;

/** `GET /api/docs/:id/members`. */
export const memberListSchema = z.object({ members: z.array(memberSchema) });
export type MemberList = z.infer<typeof memberListSchema>;

export const shareRoleSchema = z.enum(['editor', 'commenter', 'viewer']);
export type ShareRole = z.infer<typeof shareRoleSchema>;

/** `PUT /api/docs/:id/members`: share with an account, or change the role it has. */
export const putMemberBodySchema = z.object({ email: emailSchema, role: shareRoleSchema }).strict();
export type PutMemberBody = z.input<typeof putMemberBodySchema>;

/** The answer to `PUT /api/docs/:id/members`: the member as they are now. */
export const putMemberResultSchema = z.object({ member: memberSchema });
export type PutMemberResult = z.infer<typeof putMemberResultSchema>;
