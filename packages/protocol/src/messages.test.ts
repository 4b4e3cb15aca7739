import { describe, expect, it } from 'vitest';
import { clientMessageSchema } from './client-message.ts';
import { notificationListSchema } from './notifications.ts';
import { isRpcMethod, RPC_METHODS } from './rpc-methods.ts';
import { serverMessageSchema } from './server-message.ts';
import { isSseEventName, SSE_EVENTS } from './sse.ts';

// Every app message and RPC schema: its examples parse to themselves, near misses fail.
const at = '2026-11-27T03:00:00.000Z';
const ana = { id: 'u1', name: 'Ana', color: '#d9480f' };
const doc = { id: 'abc', title: 'Plan', role: 'editor', createdAt: at, updatedAt: at };
const version = { id: 'v1', docId: 'abc', label: 'Draft', kind: 'named', author: ana, authors: [ana], createdAt: at };
const anchor = { start: 'ANCa9LcGBQA=', end: 'ANCa9LcGCQA=', quote: 'hello' };
const comment = { id: 'c1', author: ana, body: 'Why?', mentions: [], createdAt: at, editedAt: null };
const thread = { id: 't1', anchor, resolved: false, resolvedBy: null, resolvedAt: null, createdAt: at, comments: [comment] };

function expectAll(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, good: unknown[], bad: unknown[]) {
  for (const value of good) {
    const result = schema.safeParse(value);
    expect(result.success, JSON.stringify(value)).toBe(true);
    expect(result.data).toEqual(value);
  }
  for (const value of bad) expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(false);
}

describe('client app messages', () => {
  it('accept hello, rpc and typing and reject near misses', () => {
    expectAll(
      clientMessageSchema,
      [
        { type: 'hello', protocol: 2 },
        { type: 'rpc', id: 1, method: 'doc.info', params: {} },
        { type: 'rpc', id: 'a-7', method: 'doc.rename', params: { title: 'x' } },
        { type: 'rpc', id: 0, method: 'version.list' },
        { type: 'typing', active: true },
        { type: 'typing', active: false },
      ],
      [
        { type: 'hello' },
        { type: 'hello', protocol: 0 },
        { type: 'hello', protocol: 1.5 },
        { type: 'helo', protocol: 1 },
        { type: 'rpc', method: 'doc.info', params: {} },
        { type: 'rpc', id: -1, method: 'doc.info' },
        { type: 'rpc', id: 1.5, method: 'doc.info' },
        { type: 'rpc', id: '', method: 'doc.info' },
        { type: 'rpc', id: 'x'.repeat(65), method: 'doc.info' },
        { type: 'rpc', id: 1, method: '' },
        { type: 'rpc', id: 1, method: 'x'.repeat(65) },
        { type: 'typing', active: 'yes' },
        { type: 'typing' },
        null,
        [],
        'hello',
      ],
    );
  });
});

describe('server app messages', () => {
  it('accept every kind and reject near misses', () => {
    expectAll(
      serverMessageSchema,
      [
        { type: 'welcome', protocol: 2, user: ana, connectionId: 'c1' },
        { type: 'saved', seq: 12, updates: 3 },
        { type: 'doc', payload: doc },
        { type: 'docPatch', id: 'abc', delta: { title: 'New', updatedAt: at } },
        { type: 'docPatch', id: 'abc', delta: { role: 'viewer' } },
        { type: 'invalidate', entity: 'versions', id: 'abc', action: 'created' },
        { type: 'rpc', id: 3, result: { ok: true } },
        { type: 'rpc', id: 'x', error: { code: 'METHOD_NOT_FOUND', message: 'no such method' } },
        { type: 'typing', user: ana, active: true, expiresInMs: 5000 },
        {
          type: 'activity',
          editors: [{ user: ana, added: 12, removed: 3, lastEditAt: at }],
          words: 40,
          connections: 2,
          at,
        },
        { type: 'error', code: 'BAD_REQUEST', message: 'invalid JSON' },
        { type: 'thread', thread },
        { type: 'thread', thread: { id: 't1', deleted: true } },
      ],
      [
        { type: 'saved', seq: -1, updates: 0 },
        { type: 'saved', seq: 1 },
        { type: 'error', code: 'NOPE', message: '' },
        { type: 'welcome', protocol: 1, connectionId: 'c1' },
        { type: 'doc', payload: { ...doc, role: 'admin' } },
        { type: 'docPatch', id: 'abc', delta: { role: 'boss' } },
        { type: 'invalidate', entity: 'planets', id: 'abc', action: 'created' },
        { type: 'invalidate', entity: 'doc', id: 'abc', action: 'exploded' },
        { type: 'rpc', id: 3, error: { code: 'TEAPOT', message: '' } },
        { type: 'typing', user: ana, active: true },
        { type: 'typing', user: { name: 'Ana' }, active: true, expiresInMs: 5000 },
        { type: 'activity', editors: [], words: -1, connections: 0, at },
        { type: 'activity', editors: [{ user: ana, added: 1, removed: 0 }], words: 0, connections: 0, at },
        { type: 'thread', thread: { id: 't1', deleted: false } },
        { type: 'thread', thread: { ...thread, comments: [{ ...comment, author: { name: 'Ana' } }] } },
      ],
    );
  });

  it('tell an RPC error from a result', () => {
    const parsed = serverMessageSchema.parse({ type: 'rpc', id: 1, error: { code: 'TIMEOUT', message: 'slow' } });
    expect(parsed).toHaveProperty('error');
  });
});

describe('RPC methods', () => {
  const examples: { [M in keyof typeof RPC_METHODS]: { params: unknown[]; badParams: unknown[]; result: unknown } } = {
    'doc.rename': { params: [{ title: 'Plan' }], badParams: [{}, { title: ' ' }, { title: 'x', extra: 1 }], result: doc },
    'doc.info': { params: [{}], badParams: [{ x: 1 }, null], result: doc },
    'version.create': { params: [{}, { label: 'Draft' }], badParams: [{ label: 'x'.repeat(101) }, { label: 3 }], result: version },
    'version.list': { params: [{}], badParams: [[]], result: { versions: [version] } },
    'version.get': {
      params: [{ versionId: 'v1' }],
      badParams: [{}, { versionId: '' }, { versionId: 7 }],
      result: { version, update: 'AQID' },
    },
    'version.restore': {
      params: [{ versionId: 'v1' }],
      badParams: [{ versionId: 'v1', now: true }],
      result: { restored: version, backup: { ...version, id: 'v2', kind: 'restore' } },
    },
    'activity.subscribe': { params: [{}], badParams: [{ fast: true }], result: { ok: true } },
    'activity.unsubscribe': { params: [{}], badParams: [3], result: { ok: true } },
    'comment.list': { params: [{}], badParams: [{ all: true }], result: { threads: [thread] } },
    'comment.create': {
      params: [
        { anchor, body: 'Why?' },
        { anchor, body: '@Ana look', mentions: ['u1'] },
      ],
      badParams: [
        { anchor, body: '' },
        { anchor, body: '   \n' },
        { anchor, body: 'x'.repeat(10_001) },
        { anchor: { ...anchor, start: 'not base64!' }, body: 'Why?' },
        { anchor: { ...anchor, quote: '' }, body: 'Why?' },
        { anchor: { start: 'AAAA', end: 'AAAA' }, body: 'Why?' },
        { anchor, body: 'Why?', mentions: ['x'.repeat(65)] },
        { anchor, body: 'Why?', mentions: Array.from({ length: 51 }, (_, i) => `u${i}`) },
        { anchor, body: 'Why?', html: '<b>' },
      ],
      result: thread,
    },
    'comment.reply': {
      params: [{ threadId: 't1', body: 'Agreed' }],
      badParams: [{ body: 'Agreed' }, { threadId: 't1', body: '' }, { threadId: '', body: 'x' }],
      result: comment,
    },
    'comment.resolve': {
      params: [
        { threadId: 't1', resolved: true },
        { threadId: 't1', resolved: false },
      ],
      badParams: [{ threadId: 't1' }, { threadId: 't1', resolved: 'yes' }],
      result: { ...thread, resolved: true, resolvedBy: ana, resolvedAt: at },
    },
    'comment.edit': {
      params: [{ threadId: 't1', commentId: 'c1', body: 'Fixed' }],
      badParams: [
        { threadId: 't1', body: 'Fixed' },
        { threadId: 't1', commentId: 'c1', body: '' },
      ],
      result: { ...comment, editedAt: at },
    },
    'comment.delete': { params: [{ threadId: 't1', commentId: 'c1' }], badParams: [{ threadId: 't1' }, {}], result: { ok: true } },
  };

  it('have examples for every method', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(RPC_METHODS).sort());
    expect(isRpcMethod('doc.info')).toBe(true);
    expect(isRpcMethod('toString')).toBe(false);
    expect(isRpcMethod('doc.delete')).toBe(false);
  });

  for (const [method, example] of Object.entries(examples)) {
    it(`${method}: params and result`, () => {
      const schemas = RPC_METHODS[method as keyof typeof RPC_METHODS];
      for (const params of example.params) expect(schemas.params.safeParse(params).success).toBe(true);
      for (const params of example.badParams) expect(schemas.params.safeParse(params).success, JSON.stringify(params)).toBe(false);
      expect(schemas.result.safeParse(example.result).success).toBe(true);
      expect(schemas.result.safeParse({ nope: true }).success).toBe(false);
    });
  }
});

describe('SSE events', () => {
  it('accept their examples and reject near misses', () => {
    const notification = {
      id: 'n1',
      kind: 'shared',
      actor: ana,
      docId: 'abc',
      docTitle: 'Plan',
      role: 'editor',
      createdAt: at,
      readAt: null,
    };
    expectAll(SSE_EVENTS.invalidate, [{ entity: 'docs', id: 'abc', action: 'shared' }], [{ entity: 'docs', id: 'abc' }]);
    expectAll(
      SSE_EVENTS.notification,
      [{ notification }, { notification: { ...notification, kind: 'mentioned', role: undefined, readAt: at } }].map((n) =>
        JSON.parse(JSON.stringify(n)),
      ),
      [{ notification: { ...notification, kind: 'liked' } }, { notification: { ...notification, readAt: 'later' } }],
    );
    expectAll(SSE_EVENTS.unread, [{ count: 0 }, { count: 3 }], [{ count: -1 }, {}]);
    expectAll(SSE_EVENTS.reset, [{}], [null]);
    expectAll(notificationListSchema, [{ notifications: [notification], unread: 1 }], [{ notifications: [] }]);
    expect(isSseEventName('unread')).toBe(true);
    expect(isSseEventName('constructor')).toBe(false);
  });
});
