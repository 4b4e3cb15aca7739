import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download.ts';

describe('fileNameFromDisposition', () => {
  it('reads a quoted or bare file name', () => {
    expect(fileNameFromDisposition('attachment; filename="Launch plan.md"')).toBe('Launch plan.md');
    expect(fileNameFromDisposition('attachment; filename=plan.html')).toBe('plan.html');
    expect(fileNameFromDisposition('attachment; filename="say \\"hi\\".md"')).toBe('say "hi".md');
  });

  it('prefers the UTF-8 name', () => {
    expect(fileNameFromDisposition(`attachment; filename="Caf_.md"; filename*=UTF-8''Caf%C3%A9.md`)).toBe('Café.md');
  });

  it('is null without a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
  });
});
