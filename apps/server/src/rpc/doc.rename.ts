import type { RpcHandler } from './handler.ts';

export const docRename: RpcHandler<'doc.rename'> = (params, ctx) =>
  ctx.services.renameDoc(ctx.docId, params.title, ctx.role);
