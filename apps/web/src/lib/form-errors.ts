import type { z } from 'zod';
import { ApiError, errorMessage } from './api-error.ts';

/** One message per field, plus `form` for problems that belong to no single field. */
export type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * Runs a protocol schema over the form's values. The same schema runs on the server, so what
 * passes here is refused there only for reasons the client cannot know (e-mail taken…).
 */
export function validateForm<F extends string, S extends z.ZodType>(
  schema: S,
  values: Record<F, string>,
  fields: readonly F[],
): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors<F> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors<F> = {};
  for (const issue of result.error.issues) {
    const field = fields.find((name) => name === issue.path[0]);
    const key = field ?? 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * Places a server error on the form. A 400 names its field ("password: Password must be at
 * least 8 characters"); `byCode` gives fixed places and texts for codes the form expects.
 */
export function serverFormErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  byCode: Partial<Record<string, { field: F | 'form'; message?: string }>> = {},
): FormErrors<F> {
  const errors: FormErrors<F> = {};
  if (!(error instanceof ApiError)) {
    errors.form = errorMessage(error);
    return errors;
  }
  const known = byCode[error.code];
  const match = error.code === 'BAD_REQUEST' ? /^([A-Za-z]+): (.+)$/.exec(error.message) : null;
  const named = fields.find((name) => name === match?.[1]);
  if (known) errors[known.field] = known.message ?? error.message;
  else if (named && match?.[2]) errors[named] = match[2];
  else errors.form = error.message;
  return errors;
}
