// The RPC methods of the document socket over the documents service: one handler per method
// of RPC_METHODS (packages/protocol/src/rpc-methods.ts), the RpcHandlers type makes a missing
// one a compile error. The room runs them (rooms/rpc-dispatcher.ts) with the caller's
// context; params arrive parsed.
import type { CommentsService } from '../documents/comments-service.ts';
import type { DocumentsService } from '../documents/documents-service.ts';
import type { RpcHandlers } from '../rooms/rpc-handler.ts';

export function createRpcHandlers(documents: DocumentsService, comments: CommentsService): RpcHandlers {
  return {
    'doc.rename': (params, ctx) => documents.rename(ctx.docId, params.title, ctx.role),
    // The answer is the full document; the connection also gets it as a `doc` push on hello.
    'doc.info': (_params, ctx) => documents.info(ctx.docId, ctx.role),
    'version.create': (params, ctx) => documents.createVersion(ctx.docId, ctx.user, ctx.role, params.label),
    'version.list': async (_params, ctx) => ({ versions: await documents.listVersions(ctx.docId) }),
    'version.get': (params, ctx) => documents.getVersion(ctx.docId, params.versionId),
    'version.restore': (params, ctx) => documents.restoreVersion(ctx.docId, params.versionId, ctx.user, ctx.role),
    'activity.subscribe': async (_params, ctx) => {
      ctx.setActivitySubscribed(true);
      return { ok: true };
    },
    'activity.unsubscribe': async (_params, ctx) => {
      ctx.setActivitySubscribed(false);
      return { ok: true };
    },
    'comment.list': async (_params, ctx) => ({ threads: await comments.list(ctx.docId) }),
    'comment.create': (params, ctx) => comments.create(ctx.docId, ctx.user, ctx.role, params),
    'comment.reply': ({ threadId, ...text }, ctx) => comments.reply(ctx.docId, threadId, ctx.user, ctx.role, text),
    'comment.resolve': ({ threadId, resolved }, ctx) => comments.resolve(ctx.docId, threadId, ctx.user, ctx.role, resolved),
    'comment.edit': ({ threadId, commentId, ...text }, ctx) => comments.edit(ctx.docId, threadId, commentId, ctx.user, ctx.role, text),
    'comment.delete': async ({ threadId, commentId }, ctx) => {
      await comments.delete(ctx.docId, threadId, commentId, ctx.user, ctx.role);
      return { ok: true };
    },
  };
}
