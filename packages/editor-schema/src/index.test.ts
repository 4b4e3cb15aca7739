import { describe, expect, it } from 'vitest';
import { DocumentMention, documentExtensions, editorSchema, isSafeImageSrc, isSafeLinkHref } from './index.ts';

describe('editorSchema', () => {
  it('loads in Node without a DOM', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(editorSchema.topNodeType.name).toBe('doc');
  });

  it('holds the editor nodes and marks, and what imports keep (tasks, tables, images)', () => {
    expect(Object.keys(editorSchema.nodes).sort()).toEqual(
      [
        'blockquote',
        'bulletList',
        'codeBlock',
        'doc',
        'hardBreak',
        'heading',
        'horizontalRule',
        'image',
        'listItem',
        'mention',
        'orderedList',
        'paragraph',
        'table',
        'tableCell',
        'tableHeader',
        'tableRow',
        'taskItem',
        'taskList',
        'text',
      ].sort(),
    );
    expect(Object.keys(editorSchema.marks).sort()).toEqual(['bold', 'code', 'italic', 'link', 'strike', 'underline']);
  });

  it('keeps the mention as the server reads it: `mention` with id and label, inline', () => {
    const mention = editorSchema.nodes.mention!;
    expect(mention.isInline).toBe(true);
    expect(Object.keys(mention.spec.attrs ?? {})).toEqual(expect.arrayContaining(['id', 'label']));
    expect(DocumentMention.options.deleteTriggerWithBackspace).toBe(true);
    expect(DocumentMention.options.HTMLAttributes).toEqual({ class: 'mention' });
  });

  it('images are inline, by URL', () => {
    expect(editorSchema.nodes.image!.isInline).toBe(true);
  });

  it('gives the web its picker through the mention options, and StarterKit without its own history', () => {
    const items = () => [];
    const withPicker = documentExtensions({ mentionSuggestion: { char: '@', items } });
    const mention = withPicker.find((extension) => extension.name === 'mention')!;
    expect(mention.options.suggestion.items).toBe(items);
    expect(mention.options.deleteTriggerWithBackspace).toBe(true);
    const starterKit = withPicker.find((extension) => extension.name === 'starterKit')!;
    expect(starterKit.options.undoRedo).toBe(false);
  });
});

describe('safe URLs', () => {
  it('links go to http(s) and mailto only', () => {
    expect(isSafeLinkHref('https://example.com/a?b=c')).toBe(true);
    expect(isSafeLinkHref('http://example.com')).toBe(true);
    expect(isSafeLinkHref('mailto:someone@example.com')).toBe(true);
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:x',
      'data:text/html,x',
      'vbscript:x',
      '/relative',
      '#top',
      'ftp://x.y',
      'https://',
    ]) {
      expect(isSafeLinkHref(href), href).toBe(false);
    }
  });

  it('images load from http(s) only', () => {
    expect(isSafeImageSrc('https://example.com/a.png')).toBe(true);
    for (const src of [
      'data:image/png;base64,AAAA',
      'javascript:x',
      'mailto:a@b.c',
      '//example.com/a.png',
      'https://x.y/a b.png',
      'https://x.y/"onerror=x',
    ]) {
      expect(isSafeImageSrc(src), src).toBe(false);
    }
  });
});
