import type { RpcHandler } from './handler.ts';

export const versionGet: RpcHandler<'version.get'> = (params, ctx) => ctx.services.getVersion(ctx.docId, params.versionId);
