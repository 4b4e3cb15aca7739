import { z } from 'zod';

// Every HTTP error body is {"error":{"code","message"}}; the code tells a program what
// happened, the message tells a person. Each code has exactly one HTTP status.
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  BAD_JSON: 400,
  INVALID_DOC_ID: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DOC_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  THREAD_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The document's stored state cannot be read (a damaged row); kept for repair, never served. */
  DOC_DAMAGED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
