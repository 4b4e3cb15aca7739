import { requireEditor } from '../docs/doc-actions.ts';
import type { RpcHandler } from './handler.ts';

export const versionCreate: RpcHandler<'version.create'> = async (params, ctx) => {
  requireEditor(ctx.role, 'create versions');
  return ctx.services.createVersion(ctx.docId, ctx.user, params.label);
};
