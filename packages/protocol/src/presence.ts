import { z } from 'zod';
import { DISPLAY_NAME_MAX_LENGTH } from './limits.ts';

// The `user` field of a connection's awareness state: what carets and the "who is here"
// list show. Until accounts exist the client sets it from the name a person picked.
export const presenceUserSchema = z.object({
  name: z.string().trim().min(1).max(DISPLAY_NAME_MAX_LENGTH),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

// The `user` of an awareness state as another tab reads it. The server writes {id,name,color}
// of the account over every state it relays, so `id` is there for everyone; it is optional
// only for states that reach a tab another way (tabs of one browser over BroadcastChannel
// before they know the account).
export const awarenessUserSchema = presenceUserSchema.extend({ id: z.string().min(1).optional() });

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
