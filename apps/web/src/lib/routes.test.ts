import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.ts';

describe('matchRoute', () => {
  it('maps / to the document list', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
  });

  it('maps the sign-in and sign-up pages', () => {
    expect(matchRoute('/signin')).toEqual({ name: 'signIn' });
    expect(matchRoute('/signup')).toEqual({ name: 'signUp' });
  });

  it('maps the trash', () => {
    expect(matchRoute('/trash')).toEqual({ name: 'trash' });
    expect(matchRoute('/trash/')).toEqual({ name: 'trash' });
  });

  it('maps /d/:docId to the editor, decoding the id', () => {
    expect(matchRoute('/d/abc_DEF-123')).toEqual({ name: 'doc', docId: 'abc_DEF-123' });
    expect(matchRoute('/d/abc/')).toEqual({ name: 'doc', docId: 'abc' });
  });

  it('treats ids the server could never issue as unknown pages', () => {
    expect(matchRoute('/d/has%20space')).toEqual({ name: 'notFound' });
    expect(matchRoute('/d/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute(`/d/${'a'.repeat(65)}`)).toEqual({ name: 'notFound' });
  });

  it('maps the settings page', () => {
    expect(matchRoute('/settings')).toEqual({ name: 'settings' });
    expect(matchRoute('/settings/')).toEqual({ name: 'settings' });
  });

  it('sends every other path to not-found', () => {
    expect(matchRoute('/d')).toEqual({ name: 'notFound' });
    expect(matchRoute('/d/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/settings/other')).toEqual({ name: 'notFound' });
  });
});
