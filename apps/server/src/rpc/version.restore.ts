import type { RpcHandler } from './handler.ts';

export const versionRestore: RpcHandler<'version.restore'> = (params, ctx) =>
  ctx.services.restoreVersion(ctx.docId, params.versionId, ctx.user, ctx.role);
