import { describe, expect, it } from 'vitest';
import { altFromFileName } from './image-upload.ts';
import { fileProblem, ImageUploadStore } from './image-upload-store.ts';

describe('image uploads', () => {
  it('refuses before sending what the server would refuse', () => {
    expect(fileProblem({ type: 'image/png', size: 10 })).toBeNull();
    expect(fileProblem({ type: '', size: 10 })).toBeNull();
    expect(fileProblem({ type: 'image/svg+xml', size: 10 })).toBe('it is not a PNG, JPEG, GIF or WebP image');
    expect(fileProblem({ type: 'image/png', size: 10 * 1024 * 1024 + 1 })).toBe('it is larger than 10 MB');
    expect(fileProblem({ type: 'image/gif', size: 0 })).toBe('the file is empty');
  });

  it('starts the alt text from the file name', () => {
    expect(altFromFileName('Holiday photo.jpeg')).toBe('Holiday photo');
    expect(altFromFileName('.png')).toBe('Image');
    expect(altFromFileName('notes.v2')).toBe('notes');
  });

  it('tracks progress, and a failure replaces its upload until dismissed', () => {
    const store = new ImageUploadStore();
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.get().uploads.length));
    const id = store.start('a.png');
    store.progress(id, 0.5);
    expect(store.get().uploads).toEqual([{ id, name: 'a.png', progress: 0.5 }]);
    store.fail('a.png', 'the server could not be reached', id);
    expect(store.get()).toEqual({ uploads: [], failures: [{ id, name: 'a.png', message: 'the server could not be reached' }] });
    store.dismiss(id);
    expect(store.get().failures).toEqual([]);
    expect(seen).toEqual([1, 1, 0, 0]);
  });
});
