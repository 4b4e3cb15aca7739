import type { RpcHandler } from './handler.ts';

export const activityUnsubscribe: RpcHandler<'activity.unsubscribe'> = async (_params, ctx) => {
  ctx.setActivitySubscribed(false);
  return { ok: true };
};
