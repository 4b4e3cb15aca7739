import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH } from './limits.ts';

// The `user` field of a connection's awareness state: what carets and the "who is here"
// list show. Until accounts exist the client sets it from the name a person picked.
export const presenceUserSchema = z.object({
  name: z.string().trim().min(1).max(DISPLAY_NAME_MAX_LENGTH),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** Caret colours with enough contrast against white text labels. */
export const PRESENCE_COLORS = [
  '#d9480f',
  '#c2255c',
  '#9c36b5',
  '#5f3dc4',
  '#364fc7',
  '#1864ab',
  '#0b7285',
  '#087f5b',
  '#2b8a3e',
  '#5c940d',
  '#e67700',
] as const;
