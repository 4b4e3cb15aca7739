import type { RpcHandler } from './handler.ts';

// The answer is the full document; the connection also gets it as a `doc` push on hello.
export const docInfo: RpcHandler<'doc.info'> = (_params, ctx) => ctx.services.docInfo(ctx.docId, ctx.role);
