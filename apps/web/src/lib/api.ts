import {
  type ChangePasswordBody,
  type CreateDocBody,
  type DiffAgainst,
  type Doc,
  type DocListEntry,
  docListSchema,
  docSchema,
  type ExportFormat,
  type LoginBody,
  type Member,
  memberListSchema,
  meSchema,
  type NotificationList,
  notificationListSchema,
  type PutMemberBody,
  putMemberResultSchema,
  type RegisterBody,
  type RenameDocBody,
  Routes,
  type SearchResult,
  searchResponseSchema,
  type TrashedDoc,
  trashListSchema,
  type UpdateMeBody,
  type User,
  type VersionDiff,
  versionDiffSchema,
} from '@inkwell/protocol';
import type { z } from 'zod';
import { ApiError, apiErrorFromResponse } from './api-error.ts';
import { fileNameFromDisposition } from './download.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body already encoded, with its type (an imported file), instead of JSON. */
interface RawBody {
  raw: string;
  contentType: string;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && 'contentType' in body;
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = {
    method,
    headers: { Accept: 'application/json' },
    // The session cookie is HttpOnly and same-origin; spelled out because everything needs it.
    credentials: 'same-origin',
  };
  if (isRawBody(body)) {
    init.headers = { ...init.headers, 'Content-Type': body.contentType };
    init.body = body.raw;
  } else if (body !== undefined) {
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
async function sendJson<S extends z.ZodType>(schema: S, method: Method, path: string, body?: unknown): Promise<z.infer<S>> {
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
  /** The signed-in account, or null when there is no session (401 is an answer, not an error). */
  async me(): Promise<User | null> {
    try {
      return (await sendJson(meSchema, 'GET', Routes.me)).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  async register(body: RegisterBody): Promise<User> {
    return (await sendJson(meSchema, 'POST', Routes.register, body)).user;
  },
  async login(body: LoginBody): Promise<User> {
    return (await sendJson(meSchema, 'POST', Routes.login, body)).user;
  },
  async logout(): Promise<void> {
    await send('POST', Routes.logout);
  },
  /** The settings page: a new display name; answers the account as it is now. */
  async updateMe(body: UpdateMeBody): Promise<User> {
    return (await sendJson(meSchema, 'PATCH', Routes.me, body)).user;
  },
  /** 204; the server ends every other session of the account. */
  async changePassword(body: ChangePasswordBody): Promise<void> {
    await send('POST', Routes.mePassword, body);
  },

  async listDocs(): Promise<DocListEntry[]> {
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

  /** Documents the caller can open whose title or text holds the words of `q`, best first. */
  async search(q: string): Promise<SearchResult[]> {
    return (await sendJson(searchResponseSchema, 'GET', `${Routes.search}?${new URLSearchParams({ q })}`)).results;
  },

  /** The caller's trashed documents, most recently deleted first. */
  async listTrash(): Promise<TrashedDoc[]> {
    return (await sendJson(trashListSchema, 'GET', Routes.trash)).docs;
  },
  restoreFromTrash(id: string): Promise<Doc> {
    return sendJson(docSchema, 'POST', Routes.trashRestore(id));
  },
  async deleteForever(id: string): Promise<void> {
    await send('DELETE', Routes.trashed(id));
  },

  /** A new document holding `markdown`, titled `title`. */
  importMarkdown(title: string, markdown: string): Promise<Doc> {
    return sendJson(docSchema, 'POST', `${Routes.importDoc}?${new URLSearchParams({ title })}`, {
      raw: markdown,
      contentType: 'text/markdown; charset=utf-8',
    } satisfies RawBody);
  },
  /** The document as a file, with the name the server gave it (Content-Disposition). */
  async exportDoc(id: string, format: ExportFormat): Promise<{ blob: Blob; fileName: string | null }> {
    const response = await send('GET', Routes.exportDoc(id, format));
    return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) };
  },

  versionDiff(docId: string, versionId: string, against: DiffAgainst): Promise<VersionDiff> {
    return sendJson(versionDiffSchema, 'GET', Routes.versionDiff(docId, versionId, against));
  },

  async listMembers(docId: string): Promise<Member[]> {
    return (await sendJson(memberListSchema, 'GET', Routes.members(docId))).members;
  },
  /** Shares the document, or changes the role of someone it is already shared with. */
  async putMember(docId: string, body: PutMemberBody): Promise<Member> {
    return (await sendJson(putMemberResultSchema, 'PUT', Routes.members(docId), body)).member;
  },
  async removeMember(docId: string, userId: string): Promise<void> {
    await send('DELETE', Routes.member(docId, userId));
  },

  listNotifications(): Promise<NotificationList> {
    return sendJson(notificationListSchema, 'GET', Routes.notifications);
  },
  async markNotificationRead(id: string): Promise<void> {
    await send('POST', Routes.notificationRead(id));
  },
  async markAllNotificationsRead(): Promise<void> {
    await send('POST', Routes.notificationsReadAll);
  },
};
