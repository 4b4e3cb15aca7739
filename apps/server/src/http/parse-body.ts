import type { z } from 'zod';
import { HttpError } from './http-error.ts';

/** Validates a JSON body; the first problem becomes a 400 naming the field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new HttpError('BAD_REQUEST', `${where}${issue?.message ?? 'Invalid request body'}`);
}
