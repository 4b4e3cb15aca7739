import type { RpcHandler } from './handler.ts';

export const activitySubscribe: RpcHandler<'activity.subscribe'> = async (_params, ctx) => {
  ctx.setActivitySubscribed(true);
  return { ok: true };
};
