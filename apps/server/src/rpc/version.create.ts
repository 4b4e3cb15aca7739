import type { RpcHandler } from './handler.ts';

export const versionCreate: RpcHandler<'version.create'> = (params, ctx) =>
  ctx.services.createVersion(ctx.docId, ctx.user, ctx.role, params.label);
