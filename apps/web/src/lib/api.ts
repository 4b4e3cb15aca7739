import {
  docListSchema,
  docSchema,
  Routes,
  type CreateDocBody,
  type Doc,
  type RenameDocBody,
} from '@inkwell/protocol';
import type { z } from 'zod';
import { ApiError, apiErrorFromResponse } from './api-error.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = {
    method,
    headers: { Accept: 'application/json' },
    // Same-origin cookies are sent by default; spelled out because sessions will depend on it.
    credentials: 'same-origin',
  };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection.');
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  return response;
}

// Every answer is validated: a server that drifted from the protocol package should fail
// loudly here rather than as an undefined deep inside a component.
async function sendJson<S extends z.ZodType>(
  schema: S,
  method: Method,
  path: string,
  body?: unknown,
): Promise<z.infer<S>> {
  const response = await send(method, path, body);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an unreadable answer.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an unexpected answer.');
  }
  return parsed.data;
}

export const api = {
  async listDocs(): Promise<Doc[]> {
    const list = await sendJson(docListSchema, 'GET', Routes.docs);
    return list.docs;
  },
  getDoc(id: string): Promise<Doc> {
    return sendJson(docSchema, 'GET', Routes.doc(id));
  },
  createDoc(body: CreateDocBody = {}): Promise<Doc> {
    return sendJson(docSchema, 'POST', Routes.docs, body);
  },
  renameDoc(id: string, body: RenameDocBody): Promise<Doc> {
    return sendJson(docSchema, 'PATCH', Routes.doc(id), body);
  },
  async deleteDoc(id: string): Promise<void> {
    await send('DELETE', Routes.doc(id));
  },
};
