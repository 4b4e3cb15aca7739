import type { Editor } from '@tiptap/core';
import type { ImageUploadState, ImageUploadStore } from '../editor/image-upload-store.ts';
import { useStore } from './use-store.ts';

const IDLE: ImageUploadState = { uploads: [], failures: [] };

/** The editor's image uploads (editor/image-upload.ts): in progress and failed, and a way to dismiss a failure. */
export function useImageUpload(editor: Editor): { state: ImageUploadState; store: ImageUploadStore | undefined } {
  const store = editor.storage.imageUpload?.store;
  return { state: useStore(store, IDLE), store };
}
