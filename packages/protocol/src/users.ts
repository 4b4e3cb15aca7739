import { z } from 'zod';

/** A person as other people see them: no e-mail. Used in presence, typing, versions. */
export const publicUserSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });
export type PublicUser = z.infer<typeof publicUserSchema>;
