// /api/docs/:id/images (API.md §8): the HTTP edge of the images service. The upload's body is
// the image itself, not JSON: app.ts asks `isImageUpload` and lets it through untouched, and
// this route reads it with a byte counter, refusing (413) the moment it passes the limit
// rather than after buffering it all. Access and role are checked before a byte is read.
//
// An image is served as an image and nothing else: the type the server sniffed, nosniff (set
// for every response by app.ts), a CSP that forbids everything should a browser render it as
// a document, `inline`, and a private cache revalidated by ETag, so someone whose access ends
// stops getting it.
import { IMAGE_MAX_BYTES, isImageId } from '@inkwell/protocol';
import { type Request, type Response, Router } from 'express';
import type { DocAccess, DocumentsService } from '../documents/documents-service.ts';
import { ImageError, type ImagesService, tooLarge } from '../documents/images-service.ts';
import { docIdParam } from './doc-id-param.ts';
import { HttpError } from './http-error.ts';
import { authOf } from './request-auth.ts';

const UPLOAD_PATH = /^\/api\/docs\/[^/]+\/images\/?$/;

/** An image upload: its body is raw bytes, which app.ts's JSON-only rule and parser leave alone. */
export const isImageUpload = (req: Request): boolean => req.method === 'POST' && UPLOAD_PATH.test(req.originalUrl.split('?')[0] ?? '');

/** ImageError is the service's; the edge answers with its code. */
function asHttpError(err: unknown, res: Response): unknown {
  if (!(err instanceof ImageError)) return err;
  if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  return new HttpError(err.code, err.message);
}

/** The body, counted as it arrives; rejects with 413 past IMAGE_MAX_BYTES and discards the rest. */
function readBody(req: Request): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  // Node discards the unread body once the answer is sent, so the client still reads the 413.
  if (Number.isFinite(declared) && declared > IMAGE_MAX_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= IMAGE_MAX_BYTES) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      // Keep the stream flowing into nothing: the bytes are dropped, never held.
      req.resume();
      reject(tooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    const onClose = () => {
      if (req.complete) return;
      stop();
      reject(new HttpError('BAD_REQUEST', 'The upload was interrupted'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

export function imagesRouter(documents: DocumentsService, images: ImagesService): Router {
  const router = Router();

  /** 404 also when the caller has no access or the document is in the trash. */
  const access = (req: Request, res: Response): Promise<DocAccess> => documents.access(docIdParam(req), authOf(res).user.id);

  router.post('/:id/images', async (req, res) => {
    const { doc, role } = await access(req, res);
    const userId = authOf(res).user.id;
    try {
      images.admit(role, userId);
      const bytes = await readBody(req);
      const { url } = await images.store(doc.id, userId, bytes);
      res.status(201).location(url).json({ url });
    } catch (err) {
      throw asHttpError(err, res);
    }
  });

  router.get('/:id/images/:imageId', async (req, res) => {
    const { doc } = await access(req, res);
    const imageId = req.params.imageId;
    const image = isImageId(imageId) ? await images.read(doc.id, imageId) : undefined;
    if (!image) throw new HttpError('NOT_FOUND', 'No such image');
    const etag = `"${image.sha256}"`;
    // Private: only people who can open the document may see it, so no shared cache keeps it;
    // no-cache: asked again each time (a 304 when unchanged), so a removed member is refused.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', etag);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Disposition', 'inline');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const match = req.headers['if-none-match'];
    if (match?.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}`)) {
      res.status(304).end();
      return;
    }
    res.type(image.contentType);
    res.setHeader('Content-Length', String(image.data.byteLength));
    res.end(image.data);
  });

  return router;
}
