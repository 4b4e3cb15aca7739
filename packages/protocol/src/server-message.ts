import { z } from 'zod';
import { docPatchSchema } from './messages/doc-patch.ts';
import { socketErrorSchema } from './messages/error.ts';
import { savedSchema } from './messages/saved.ts';
import { welcomeSchema } from './messages/welcome.ts';

// App messages the server sends, only to connections that have sent hello.
export const serverMessageSchema = z.discriminatedUnion('type', [
  welcomeSchema,
  savedSchema,
  docPatchSchema,
  socketErrorSchema,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** y-websocket message type of app frames (after y-protocols' 0 sync, 1 awareness, 3 query). */
export const APP_MESSAGE_TYPE = 100;
