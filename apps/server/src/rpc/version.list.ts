import type { RpcHandler } from './handler.ts';

export const versionList: RpcHandler<'version.list'> = async (_params, ctx) => ({
  versions: await ctx.services.listVersions(ctx.docId),
});
