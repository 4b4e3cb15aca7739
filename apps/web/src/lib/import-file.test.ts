import { IMPORT_MAX_BYTES } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { formatBytes, importFileProblem, titleFromFileName } from './import-file.ts';

describe('importFileProblem', () => {
  it('accepts Markdown and text files up to the limit', () => {
    expect(importFileProblem({ name: 'Notes.md', size: 10 })).toBeNull();
    expect(importFileProblem({ name: 'README.MARKDOWN', size: 10 })).toBeNull();
    expect(importFileProblem({ name: 'todo.txt', size: IMPORT_MAX_BYTES })).toBeNull();
  });

  it('refuses a file over 5 MB, saying how big it is', () => {
    expect(importFileProblem({ name: 'big.md', size: IMPORT_MAX_BYTES + 1 })).toBe('“big.md” is 5 MB. Files up to 5 MB can be imported.');
    expect(importFileProblem({ name: 'huge.md', size: 12.4 * 1024 * 1024 })).toBe('“huge.md” is 12 MB. Files up to 5 MB can be imported.');
  });

  it('refuses other kinds of files', () => {
    expect(importFileProblem({ name: 'photo.png', size: 10 })).toMatch(/not a Markdown or text file/);
  });
});

describe('formatBytes', () => {
  it('reads like a file manager', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(5.25 * 1024 * 1024)).toBe('5.3 MB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});

describe('titleFromFileName', () => {
  it('drops the extension only', () => {
    expect(titleFromFileName('Launch plan.md')).toBe('Launch plan');
    expect(titleFromFileName('notes.v2.markdown')).toBe('notes.v2');
    expect(titleFromFileName('.md')).toBe('.md');
  });
});
