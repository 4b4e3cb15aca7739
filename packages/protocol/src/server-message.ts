import { z } from 'zod';
import { threadPushSchema } from './comments.ts';
import { activitySchema } from './messages/activity.ts';
import { docPushSchema } from './messages/doc.ts';
import { docPatchSchema } from './messages/doc-patch.ts';
import { socketErrorSchema } from './messages/error.ts';
import { invalidateSchema } from './messages/invalidate.ts';
import { rpcReplySchema } from './messages/rpc.ts';
import { savedSchema } from './messages/saved.ts';
import { typingNoticeSchema } from './messages/typing.ts';
import { welcomeSchema } from './messages/welcome.ts';

// App messages the server sends, only to connections that have sent hello. A plain union:
// the two RPC answers share `type: "rpc"`.
export const serverMessageSchema = z.union([
  welcomeSchema,
  savedSchema,
  docPushSchema,
  docPatchSchema,
  invalidateSchema,
  rpcReplySchema,
  typingNoticeSchema,
  activitySchema,
  threadPushSchema,
  socketErrorSchema,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** y-websocket message type of app frames (after y-protocols' 0 sync, 1 awareness, 3 query). */
export const APP_MESSAGE_TYPE = 100;
