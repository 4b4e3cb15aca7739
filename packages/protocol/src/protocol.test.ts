import { describe, expect, it } from 'vitest';
import { isDocId } from './doc-id.ts';
import { createDocBodySchema, DEFAULT_TITLE, docSchema, renameDocBodySchema } from './documents.ts';
import { ERROR_STATUS, errorBodySchema } from './errors.ts';
import { TITLE_MAX_LENGTH } from './limits.ts';
import { presenceUserSchema } from './presence.ts';

describe('doc ids', () => {
  it('accepts URL-safe ids of 1 to 64 characters and nothing else', () => {
    for (const id of ['a', 'Z9_-', 'x'.repeat(64), 'SwTNVOfHzINARPjo']) expect(isDocId(id)).toBe(true);
    for (const id of ['', 'x'.repeat(65), 'a b', 'a/b', 'é', '../x', 'a.b', 42, null]) expect(isDocId(id)).toBe(false);
  });
});

describe('document bodies', () => {
  it('trims titles and defaults a blank one on create', () => {
    expect(createDocBodySchema.parse({ title: '  Plan  ' })).toEqual({ title: 'Plan' });
    expect(createDocBodySchema.parse({})).toEqual({ title: DEFAULT_TITLE });
    expect(createDocBodySchema.parse({ title: '   ' })).toEqual({ title: DEFAULT_TITLE });
  });

  it('refuses blank, overlong, non-string titles and unknown fields', () => {
    for (const body of [{ title: ' ' }, { title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }, { title: 1 }, {}, { title: 'a', x: 1 }]) {
      expect(renameDocBodySchema.safeParse(body).success).toBe(false);
    }
    expect(createDocBodySchema.safeParse({ title: 'a', extra: true }).success).toBe(false);
    expect(renameDocBodySchema.parse({ title: 'x'.repeat(TITLE_MAX_LENGTH) }).title).toHaveLength(TITLE_MAX_LENGTH);
  });

  it('describes a document with ISO timestamps', () => {
    const doc = { id: 'abc', title: 'T', role: 'owner', createdAt: '2026-11-27T03:00:00.000Z', updatedAt: '2026-11-27T03:00:00.000Z' };
    expect(docSchema.parse(doc)).toEqual(doc);
    expect(docSchema.safeParse({ ...doc, createdAt: 'yesterday' }).success).toBe(false);
    expect(docSchema.safeParse({ ...doc, role: 'admin' }).success).toBe(false);
  });
});

describe('errors and presence', () => {
  it('parses error bodies with known codes only', () => {
    expect(errorBodySchema.parse({ error: { code: 'DOC_NOT_FOUND', message: 'No such document' } })).toBeTruthy();
    expect(errorBodySchema.safeParse({ error: { code: 'TEAPOT', message: '' } }).success).toBe(false);
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });

  it('accepts a name and a hex colour for presence', () => {
    expect(presenceUserSchema.parse({ name: ' Ana ', color: '#d9480f' })).toEqual({ name: 'Ana', color: '#d9480f' });
    expect(presenceUserSchema.safeParse({ name: '', color: '#d9480f' }).success).toBe(false);
    expect(presenceUserSchema.safeParse({ name: 'Ana', color: 'red' }).success).toBe(false);
  });
});
