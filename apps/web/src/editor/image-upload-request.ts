// One image to POST /api/docs/:id/images (API.md §8). XMLHttpRequest rather than fetch: only
// it reports upload progress. Failures come back as the sentence the person reads after the
// file's name ("photo.svg could not be added: …").
import { errorBodySchema, Routes, uploadImageResultSchema } from '@inkwell/protocol';

export class ImageUploadError extends Error {
  override readonly name = 'ImageUploadError';
}

/** What to tell the person for an answer that is not 201, by status. */
function reasonFor(status: number, serverMessage: string | null): string {
  switch (status) {
    case 401:
      return 'you are signed out; sign in again and retry';
    case 403:
      return 'you can no longer edit this document';
    case 404:
      return 'this document is no longer available';
    case 413:
      return serverMessage ?? 'it is too large';
    case 415:
      return 'it is not a PNG, JPEG, GIF or WebP image';
    case 429:
      return serverMessage ?? 'too many images at once; try again in a minute';
    default:
      return serverMessage ?? `the server answered ${status}`;
  }
}

function serverMessageOf(text: string): string | null {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const message = parsed.data.error.message;
    // Read after "could not be added: ", so it starts in lower case.
    return message.charAt(0).toLowerCase() + message.slice(1);
  } catch {
    return null;
  }
}

/** Uploads `file`; resolves with the image's url, or rejects with an ImageUploadError. */
export function uploadImage(docId: string, file: Blob, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', Routes.images(docId));
    xhr.setRequestHeader('Accept', 'application/json');
    // The server reads the type from the bytes; this is only a courtesy to proxies and logs.
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          const parsed = uploadImageResultSchema.safeParse(JSON.parse(xhr.responseText));
          if (parsed.success) return resolve(parsed.data.url);
        } catch {
          // fall through
        }
        return reject(new ImageUploadError('the server sent an unexpected answer'));
      }
      reject(new ImageUploadError(reasonFor(xhr.status, serverMessageOf(xhr.responseText))));
    };
    xhr.onerror = () => reject(new ImageUploadError('the server could not be reached; check your connection'));
    xhr.onabort = () => reject(new ImageUploadError('the upload was cancelled'));
    xhr.send(file);
  });
}
