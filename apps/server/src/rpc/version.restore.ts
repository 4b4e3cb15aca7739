import { requireEditor } from '../docs/doc-actions.ts';
import type { RpcHandler } from './handler.ts';

export const versionRestore: RpcHandler<'version.restore'> = async (params, ctx) => {
  requireEditor(ctx.role, 'restore versions');
  return ctx.services.restoreVersion(ctx.docId, params.versionId, ctx.user);
};
