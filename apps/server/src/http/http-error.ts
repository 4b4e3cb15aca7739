import { ERROR_STATUS, type ErrorCode, errorBody } from '@inkwell/protocol';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ConversionError } from '../documents/content/conversion-pool.ts';
import { type NotFoundSubject, ProtocolError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { DocDamagedError } from '../storage/errors.ts';

/** Thrown by route handlers; becomes {"error":{code,message}} with the code's status. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Errors raised by express.json() (body-parser) carry a `type`. */
const BODY_PARSER_ERRORS: Record<string, [ErrorCode, string]> = {
  'entity.parse.failed': ['BAD_JSON', 'Request body is not valid JSON'],
  'entity.too.large': ['PAYLOAD_TOO_LARGE', 'Request body is too large'],
  'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body encoding'],
  'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body charset'],
  'request.aborted': ['BAD_REQUEST', 'Request body was aborted'],
  'request.size.invalid': ['BAD_REQUEST', 'Request body length does not match Content-Length'],
};

const NOT_FOUND_CODES: Record<NotFoundSubject, ErrorCode> = {
  document: 'DOC_NOT_FOUND',
  version: 'VERSION_NOT_FOUND',
  user: 'USER_NOT_FOUND',
  thread: 'THREAD_NOT_FOUND',
  comment: 'COMMENT_NOT_FOUND',
};

/** The HTTP code of a failure the documents service reports. */
export function httpCodeOf(err: ProtocolError): ErrorCode {
  if (err.code === 'NOT_FOUND') return NOT_FOUND_CODES[err.subject];
  return err.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'BAD_REQUEST';
}

export function notFound(): RequestHandler {
  return (req, _res, next) => next(new HttpError('NOT_FOUND', `No route for ${req.method} ${req.originalUrl.split('?')[0]}`));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    let code: ErrorCode;
    let message: string;
    if (err instanceof HttpError) {
      [code, message] = [err.code, err.message];
    } else if (err instanceof ProtocolError) {
      [code, message] = [httpCodeOf(err), err.message];
    } else if (err instanceof ConversionError) {
      // Busy, timed out or a worker that failed: logged by the pool, said plainly here.
      [code, message] = [err.code, err.message];
    } else if (err instanceof DocDamagedError) {
      // Logged where the state was checked; the rows are kept for `pnpm run doctor`.
      [code, message] = ['DOC_DAMAGED', 'This document is damaged and cannot be read; an administrator can repair it'];
    } else {
      const known = BODY_PARSER_ERRORS[(err as { type?: string })?.type ?? ''];
      if (known) {
        [code, message] = known;
      } else if ((err as { status?: number })?.status === 404) {
        // express.static with fallthrough: false
        [code, message] = ['NOT_FOUND', `Not found: ${req.path}`];
      } else {
        // No internals leave the process; the log has them.
        logger.error('request failed', { method: req.method, path: req.path, err });
        [code, message] = ['INTERNAL', 'Internal error'];
      }
    }
    res.status(ERROR_STATUS[code]).json(errorBody(code, message));
  };
}
