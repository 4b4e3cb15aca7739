// What the image uploads of one editor are doing, for the people watching: the files on their
// way (name and progress) and the ones that failed (name and reason) until dismissed. A plain
// store React reads through useSyncExternalStore (hooks/use-image-upload.ts); the editor's
// placeholders draw the same progress inside the text.
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from '@inkwell/protocol';
import type { ReadableStore } from '../hooks/use-store.ts';

export interface UploadInProgress {
  id: number;
  name: string;
  /** 0 to 1; null until the browser reports a first byte sent. */
  progress: number | null;
}

export interface UploadFailure {
  id: number;
  name: string;
  message: string;
}

export interface ImageUploadState {
  uploads: readonly UploadInProgress[];
  failures: readonly UploadFailure[];
}

const MB = 1024 * 1024;
const ACCEPTED: readonly string[] = IMAGE_TYPES;

/** The `accept` of the file picker: the types the server keeps. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');

/**
 * Why a file cannot be uploaded, before sending a byte; null when it may go. The server sniffs
 * the bytes and has the last word (a renamed file still gets its 415), this only spares the
 * wait for what is certain to fail.
 */
export function fileProblem(file: { type: string; size: number }): string | null {
  if (file.type && !ACCEPTED.includes(file.type)) return 'it is not a PNG, JPEG, GIF or WebP image';
  if (file.size > IMAGE_MAX_BYTES) return `it is larger than ${IMAGE_MAX_BYTES / MB} MB`;
  if (file.size === 0) return 'the file is empty';
  return null;
}

export class ImageUploadStore implements ReadableStore<ImageUploadState> {
  private state: ImageUploadState = { uploads: [], failures: [] };
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): ImageUploadState => this.state;

  /** A new upload; its id names its placeholder too. */
  start(name: string): number {
    const id = this.nextId++;
    this.set({ ...this.state, uploads: [...this.state.uploads, { id, name, progress: null }] });
    return id;
  }

  progress(id: number, progress: number): void {
    this.set({ ...this.state, uploads: this.state.uploads.map((u) => (u.id === id ? { ...u, progress } : u)) });
  }

  finish(id: number): void {
    this.set({ ...this.state, uploads: this.state.uploads.filter((u) => u.id !== id) });
  }

  /** `name` could not be added, because `message` (a sentence fragment: "it is larger than 10 MB"). */
  fail(name: string, message: string, id?: number): void {
    const uploads = id === undefined ? this.state.uploads : this.state.uploads.filter((u) => u.id !== id);
    this.set({ uploads, failures: [...this.state.failures, { id: id ?? this.nextId++, name, message }] });
  }

  dismiss(id: number): void {
    this.set({ ...this.state, failures: this.state.failures.filter((f) => f.id !== id) });
  }

  private set(state: ImageUploadState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
