// The RPC methods of the document socket, one handler per method of RPC_METHODS
// (packages/protocol/src/rpc-methods.ts); the RpcHandlers type makes a missing one a
// compile error.
import { activitySubscribe } from './activity.subscribe.ts';
import { activityUnsubscribe } from './activity.unsubscribe.ts';
import { docInfo } from './doc.info.ts';
import { docRename } from './doc.rename.ts';
import type { RpcHandlers } from './handler.ts';
import { versionCreate } from './version.create.ts';
import { versionGet } from './version.get.ts';
import { versionList } from './version.list.ts';
import { versionRestore } from './version.restore.ts';

export const RPC_HANDLERS: RpcHandlers = {
  'doc.rename': docRename,
  'doc.info': docInfo,
  'version.create': versionCreate,
  'version.list': versionList,
  'version.get': versionGet,
  'version.restore': versionRestore,
  'activity.subscribe': activitySubscribe,
  'activity.unsubscribe': activityUnsubscribe,
};
