import { type ErrorCode, errorBodySchema } from '@inkwell/protocol';

/** Codes the client invents for failures that never produced a server error body. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'HTTP_ERROR';

// status 0 means the request never got an HTTP answer (offline, DNS, server down).
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The session is missing or over (not a wrong password, which is INVALID_CREDENTIALS). */
  get isUnauthorized(): boolean {
    return this.code === 'UNAUTHORIZED';
  }

  /** No HTTP answer at all: offline, or the server cannot be reached. */
  get isNetworkError(): boolean {
    return this.code === 'NETWORK_ERROR';
  }

  /** 4xx answers describe the request itself, so repeating it cannot help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

// A proxy or a crashed server may answer with HTML or nothing at all, so the body is
// parsed defensively and the status line is the fallback.
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to the generic message
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  }
  const reason = response.statusText || 'Request failed';
  return new ApiError(response.status, 'HTTP_ERROR', `${reason} (HTTP ${response.status})`);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
