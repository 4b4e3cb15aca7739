// /api/docs export, import and content (API.md §6): the HTTP edge of the content service.
// These routes read their own bodies: the import is Markdown, not JSON, and both take up to
// IMPORT_MAX_BYTES of Markdown, more than the API's usual JSON limit. app.ts asks
// `readsOwnBody` before its JSON parser runs.
import {
  exportFormatSchema,
  IMPORT_MAX_BYTES,
  Routes,
  TITLE_MAX_LENGTH,
  type WriteContentBody,
  writeContentBodySchema,
} from '@inkwell/protocol';
import express, { type Request, type Response, Router } from 'express';
import type { ContentService } from '../documents/content/content-service.ts';
import type { DocAccess, DocumentsService } from '../documents/documents-service.ts';
import { requireEditor } from '../documents/permissions.ts';
import { docIdParam } from './doc-id-param.ts';
import { HttpError } from './http-error.ts';
import { parseBody } from './parse-body.ts';
import { authOf } from './request-auth.ts';

const MARKDOWN_TYPE = 'text/markdown';
/** JSON escaping can double Markdown (quotes, backslashes, newlines); the Markdown itself is held to IMPORT_MAX_BYTES. */
const CONTENT_JSON_LIMIT_BYTES = 2 * IMPORT_MAX_BYTES;
const CONTENT_PATH = /^\/api\/docs\/[^/]+\/content\/?$/;

const pathOf = (req: Request): string => req.originalUrl.split('?')[0] ?? '';

/** A Markdown import: its body is not JSON, and app.ts's JSON-only rule lets exactly this through. */
export const isMarkdownImport = (req: Request): boolean =>
  req.method === 'POST' && pathOf(req) === Routes.importDoc && req.is(MARKDOWN_TYPE) === MARKDOWN_TYPE;

/** Requests whose bodies these routes parse themselves (app.ts skips its JSON parser for them). */
export const readsOwnBody = (req: Request): boolean =>
  req.method === 'POST' && (pathOf(req) === Routes.importDoc || CONTENT_PATH.test(pathOf(req)));

/** `attachment` with the title as file name: ASCII for every client, RFC 6266 `filename*` when the title is not ASCII. */
export function attachmentHeader(title: string, extension: string): string {
  const base =
    title
      .replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Untitled';
  const ascii = base.replace(/[^\x20-\x7e]+/g, '_').replace(/^[.\s]+/, '') || 'Untitled';
  const header = `attachment; filename="${ascii}.${extension}"`;
  if (ascii === base) return header;
  const encoded = encodeURIComponent(`${base}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${header}; filename*=UTF-8''${encoded}`;
}

function titleQuery(req: Request): string | undefined {
  const title = req.query.title;
  if (title === undefined) return undefined;
  if (typeof title !== 'string') throw new HttpError('BAD_REQUEST', 'title: give one title');
  if (title.trim().length > TITLE_MAX_LENGTH)
    throw new HttpError('BAD_REQUEST', `title: Title must be at most ${TITLE_MAX_LENGTH} characters`);
  return title;
}

const tooLarge = () => new HttpError('PAYLOAD_TOO_LARGE', `Markdown must be at most ${IMPORT_MAX_BYTES} bytes`);

export function contentRouter(documents: DocumentsService, content: ContentService): Router {
  const router = Router();
  const markdownBody = express.text({ type: MARKDOWN_TYPE, limit: IMPORT_MAX_BYTES, defaultCharset: 'utf-8' });
  const contentBody = express.json({ limit: CONTENT_JSON_LIMIT_BYTES });

  /** 404 also when the caller has no access; checked before the body is read. */
  const access = (req: Request, res: Response): Promise<DocAccess> => documents.access(docIdParam(req), authOf(res).user.id);

  router.post('/import', markdownBody, async (req, res) => {
    let markdown: string;
    if (typeof req.body === 'string') markdown = req.body;
    else if (req.is(MARKDOWN_TYPE) === MARKDOWN_TYPE || (req.headers['content-type'] ?? '').startsWith(MARKDOWN_TYPE)) markdown = '';
    else throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the Markdown with Content-Type: text/markdown');
    const user = authOf(res).user;
    const doc = await content.import({ id: user.id, name: user.name, color: user.color }, titleQuery(req), markdown);
    res.status(201).location(`${req.baseUrl}/${doc.id}`).json(doc);
  });

  router.get('/:id/export', async (req, res) => {
    const { doc } = await access(req, res);
    const format = exportFormatSchema.safeParse(req.query.format);
    if (!format.success) throw new HttpError('BAD_REQUEST', 'format: must be one of md, html, json');
    const exported = await content.export(doc.id, doc.title, format.data);
    res.setHeader('Content-Type', exported.contentType);
    res.setHeader('Content-Disposition', attachmentHeader(doc.title, exported.extension));
    res.send(exported.body);
  });

  router.get('/:id/content', async (req, res) => {
    const { doc } = await access(req, res);
    // JSON text made by the conversion worker (content-service.ts).
    res.type('application/json').send(await content.read(doc.id));
  });

  router.post('/:id/content', async (req, res) => {
    // The role check comes before the body is read: a viewer learns nothing from it.
    const { doc, role } = await access(req, res);
    requireEditor(role, 'change the content');
    await new Promise<void>((resolve, reject) => contentBody(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    const markdown = (req.body as { markdown?: unknown } | undefined)?.markdown;
    if (typeof markdown === 'string' && Buffer.byteLength(markdown) > IMPORT_MAX_BYTES) throw tooLarge();
    const body: WriteContentBody = parseBody(writeContentBodySchema, req.body);
    const user = authOf(res).user;
    res.type('application/json').send(await content.writeMarkdown(doc.id, { id: user.id, name: user.name, color: user.color }, role, body));
  });

  return router;
}
