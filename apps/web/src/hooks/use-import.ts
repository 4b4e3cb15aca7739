import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { ApiError } from '../lib/api-error.ts';
import { formatBytes, importFileProblem, titleFromFileName } from '../lib/import-file.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** A failure worth a sentence of its own, rather than the server's words. */
function describeImportError(error: unknown, file: File): Error {
  if (error instanceof ApiError && error.status === 413) {
    return new Error(`“${file.name}” is too large to import (${formatBytes(file.size)}). Files up to 5 MB can be imported.`);
  }
  if (error instanceof ApiError && (error.status === 400 || error.status === 415)) {
    return new Error(`“${file.name}” could not be read as Markdown: ${error.message}`);
  }
  return error instanceof Error ? error : new Error('Something went wrong.');
}

/** Reads a picked file and imports it as a new document (checked here first, then by the server). */
export function useImportMarkdown() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const problem = importFileProblem(file);
      if (problem) throw new Error(problem);
      let text: string;
      try {
        text = await file.text();
      } catch {
        throw new Error(`“${file.name}” could not be read. Try choosing it again.`);
      }
      try {
        return await api.importMarkdown(titleFromFileName(file.name), text);
      } catch (error) {
        throw describeImportError(error, file);
      }
    },
    onSuccess: (doc) => {
      client.setQueryData(queryKeys.doc(doc.id), doc);
      void client.invalidateQueries({ queryKey: queryKeys.docs });
    },
  });
}
