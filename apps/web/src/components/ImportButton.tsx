import { type Doc, Pages } from '@inkwell/protocol';
import { type ChangeEvent, useRef } from 'react';
import { useImportMarkdown } from '../hooks/use-import.ts';
import { errorMessage } from '../lib/api-error.ts';
import { IMPORT_ACCEPT } from '../lib/import-file.ts';
import { navigate } from '../lib/navigation.ts';

/**
 * "Import Markdown": a file picker whose file becomes a new document, opened once it exists.
 * The error, if any, is shown by the list (`onError`), where there is room for a sentence.
 */
export function ImportButton({ onError }: { onError: (message: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const importing = useImportMarkdown();

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared at once, so picking the same file again (after fixing it) fires a change.
    event.target.value = '';
    if (!file) return;
    onError(null);
    importing.mutate(file, {
      onSuccess: (doc: Doc) => navigate(Pages.doc(doc.id)),
      onError: (error) => onError(errorMessage(error)),
    });
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept={IMPORT_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={handleChange}
      />
      <button
        type="button"
        className="button"
        onClick={() => input.current?.click()}
        disabled={importing.isPending}
        aria-busy={importing.isPending || undefined}
        aria-label={importing.isPending ? undefined : 'Import Markdown'}
        title="Make a new document from a Markdown (.md) or text file, up to 5 MB"
      >
        {importing.isPending ? (
          'Importing…'
        ) : (
          <>
            Import<span className="import-button__more">Markdown</span>
          </>
        )}
      </button>
    </>
  );
}
