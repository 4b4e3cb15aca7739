import { IMPORT_MAX_BYTES } from '@inkwell/protocol';

// Checks on a file picked for "Import Markdown", before anything is sent: the server refuses
// the same things (413 past IMPORT_MAX_BYTES), but a person should not wait for an upload to
// learn it.

/** What the file picker offers. */
export const IMPORT_ACCEPT = '.md,.markdown,.txt,text/markdown,text/plain';

const EXTENSIONS = ['.md', '.markdown', '.txt'];

/** "12 KB", "5.2 MB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? megabytes.toFixed(1).replace(/\.0$/, '') : Math.round(megabytes)} MB`;
}

/** Why this file cannot be imported, or null when it can. */
export function importFileProblem(file: { name: string; size: number }, maxBytes = IMPORT_MAX_BYTES): string | null {
  const lower = file.name.toLowerCase();
  if (!EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    return `“${file.name}” is not a Markdown or text file. Choose a .md, .markdown or .txt file.`;
  }
  if (file.size > maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}. Files up to ${formatBytes(maxBytes)} can be imported.`;
  }
  return null;
}

/** The new document's title: the file's name without its extension ("Plan.v2.md" → "Plan.v2"). */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '').trim();
  return base === '' ? name.trim() : base;
}
