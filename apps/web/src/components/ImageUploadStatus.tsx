import type { Editor } from '@tiptap/core';
import { useImageUpload } from '../hooks/use-image-upload.ts';
import '../styles/images.css';

// Under the toolbar: how many images are on their way (the placeholders in the text show each
// one's progress) and, for each file that could not be added, its name and why, until
// dismissed. The failures are an alert, so a screen reader hears them as they happen.
export function ImageUploadStatus({ editor }: { editor: Editor }) {
  const { state, store } = useImageUpload(editor);
  const { uploads, failures } = state;
  if (uploads.length === 0 && failures.length === 0) return null;
  const sent = uploads.filter((u) => u.progress !== null);
  const percent = sent.length === 0 ? null : Math.round((sent.reduce((sum, u) => sum + (u.progress ?? 0), 0) / uploads.length) * 100);
  return (
    <div className="image-status" data-testid="image-upload-status">
      {uploads.length > 0 && (
        <p className="image-status__progress" role="status">
          {uploads.length === 1 ? `Uploading ${uploads[0]!.name}` : `Uploading ${uploads.length} images`}
          {percent !== null && ` · ${percent}%`}
        </p>
      )}
      {failures.length > 0 && (
        <ul className="image-status__failures" role="alert">
          {failures.map((failure) => (
            <li key={failure.id} className="image-status__failure">
              <span data-testid="image-upload-error">
                <strong>{failure.name}</strong> could not be added: {failure.message}.
              </span>
              <button
                type="button"
                className="image-status__dismiss"
                aria-label={`Dismiss the message about ${failure.name}`}
                title="Dismiss"
                onClick={() => store?.dismiss(failure.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
