// Images into the document by paste, drop or the file picker (toolbar "Image", the "/" menu).
// Each file is sent to the server (image-upload-request.ts) while a placeholder with a
// progress bar holds its place in the text; once stored, the image node with the server's url
// takes the placeholder's place, so collaborators see the finished image only. The
// placeholder is a decoration, local to this editor and never in the Y.Doc: a failed or
// abandoned upload leaves nothing behind.
//
// Where a placeholder is: mapped through this editor's own transactions, and re-read from a
// Yjs relative position after someone else's edit (y-tiptap rebuilds the whole document for
// those, which no ProseMirror mapping follows).
import { type Editor, Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { yBinding } from './comment-anchors.ts';
import { uploadImage } from './image-upload-request.ts';
import { fileProblem, IMAGE_ACCEPT, ImageUploadStore } from './image-upload-store.ts';
import { registerSlashItem } from './slash-items.ts';

interface Placeholder {
  id: number;
  pos: number;
  /** Refreshed after each local change (plugin view), read after a remote one. */
  rel: Y.RelativePosition | null;
  dom: HTMLElement;
}

type PlaceholderMeta = { add: Placeholder[] } | { remove: number; after?: number };

interface PlaceholderState {
  items: readonly Placeholder[];
  decorations: DecorationSet;
}

const placeholderKey = new PluginKey<PlaceholderState>('imageUploadPlaceholders');

export interface ImageUploadStorage {
  store: ImageUploadStore;
}

interface ImageUploadOptions {
  /** The document the images belong to (the upload's URL). */
  docId: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    imageUpload: {
      /** Opens the file picker; the chosen images go in at the selection. */
      pickImages: () => ReturnType;
      /** Uploads `files` and adds each image at `pos` (the selection by default) once it is stored. */
      uploadImages: (files: readonly File[], pos?: number) => ReturnType;
    };
  }
  interface Storage {
    imageUpload: ImageUploadStorage;
  }
}

/** "Holiday photo.jpeg" → "Holiday photo": the alt text an image starts with. */
export function altFromFileName(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim() || 'Image';
}

function placeholderDom(name: string): HTMLElement {
  const box = document.createElement('span');
  box.className = 'image-upload';
  box.contentEditable = 'false';
  box.setAttribute('role', 'progressbar');
  box.setAttribute('aria-label', `Uploading ${name}`);
  box.setAttribute('aria-valuemin', '0');
  box.setAttribute('aria-valuemax', '100');
  box.dataset.testid = 'image-upload-placeholder';
  const label = document.createElement('span');
  label.className = 'image-upload__name';
  label.textContent = name;
  const track = document.createElement('span');
  track.className = 'image-upload__track';
  const bar = document.createElement('span');
  bar.className = 'image-upload__bar';
  track.append(bar);
  box.append(label, track);
  return box;
}

function showProgress(dom: HTMLElement, fraction: number): void {
  const percent = Math.round(fraction * 100);
  dom.setAttribute('aria-valuenow', String(percent));
  const bar = dom.querySelector<HTMLElement>('.image-upload__bar');
  if (bar) bar.style.width = `${percent}%`;
}

/** A position that may sit outside the document after a remote edit, brought back in. */
const clamp = (pos: number, doc: ProseMirrorNode) => Math.max(0, Math.min(pos, doc.content.size));

function relativeOf(state: EditorState, pos: number): Y.RelativePosition | null {
  const binding = yBinding(state);
  if (!binding) return null;
  try {
    return absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  } catch {
    return null;
  }
}

function absoluteOf(state: EditorState, rel: Y.RelativePosition | null): number | null {
  const binding = yBinding(state);
  if (!binding || !rel) return null;
  try {
    return relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
  } catch {
    return null;
  }
}

function decorate(doc: ProseMirrorNode, items: readonly Placeholder[]): DecorationSet {
  return DecorationSet.create(
    doc,
    // Before the caret (negative side), in the order the files were given: a lower id, further left.
    items.map((p) => Decoration.widget(p.pos, p.dom, { key: `image-upload-${p.id}`, side: -1 / (p.id + 1), ignoreSelection: true })),
  );
}

function applyPlaceholders(tr: Transaction, value: PlaceholderState, state: EditorState): PlaceholderState {
  const meta = tr.getMeta(placeholderKey) as PlaceholderMeta | undefined;
  let items = value.items;
  if (tr.docChanged) {
    const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
    const removing = meta && 'remove' in meta ? value.items.find((p) => p.id === meta.remove) : undefined;
    items = items.map((p) => {
      let pos: number;
      if (remote) pos = absoluteOf(state, p.rel) ?? tr.mapping.map(p.pos, -1);
      // The image that replaces an earlier file's placeholder goes before the later files' ones.
      else if (removing && meta && 'after' in meta && meta.after !== undefined && p.id > removing.id && p.pos === removing.pos)
        pos = meta.after;
      else pos = tr.mapping.map(p.pos, -1);
      return { ...p, pos: clamp(pos, state.doc) };
    });
  }
  if (meta && 'add' in meta) items = [...items, ...meta.add];
  if (meta && 'remove' in meta) items = items.filter((p) => p.id !== meta.remove);
  if (items === value.items) return value;
  return { items, decorations: decorate(state.doc, items) };
}

function placeholderPlugin(): Plugin<PlaceholderState> {
  return new Plugin<PlaceholderState>({
    key: placeholderKey,
    state: {
      init: () => ({ items: [], decorations: DecorationSet.empty }),
      apply: (tr, value, _old, state) => applyPlaceholders(tr, value, state),
    },
    props: {
      decorations: (state) => placeholderKey.getState(state)?.decorations,
    },
    // After y-sync's own view update (Collaboration's plugin comes first), whose mapping then
    // matches the document: the relative positions are taken from it.
    view: () => ({
      update: (view, prev) => {
        if (view.state.doc === prev.doc) return;
        for (const p of placeholderKey.getState(view.state)?.items ?? []) p.rel = relativeOf(view.state, p.pos);
      },
    }),
  });
}

/**
 * Where the image goes: in an empty paragraph, as is; otherwise in a paragraph of its own
 * next to the text (before it, after it, or splitting it), as people expect an uploaded
 * picture to sit, rather than inline beside a line of text. `after` is the spot right after
 * the image, where the next file of the same drop or paste follows.
 */
function placeImage(tr: Transaction, pos: number, image: ProseMirrorNode): { after: number } {
  const { schema } = tr.doc.type;
  const $pos = tr.doc.resolve(pos);
  const parent = $pos.parent;
  if (parent.inlineContent && parent.content.size === 0 && parent.type.validContent(parent.content.addToEnd(image))) {
    tr.insert(pos, image);
    return { after: pos + image.nodeSize };
  }
  const own = schema.nodes.paragraph!.create(null, image);
  let at: number;
  if (!parent.inlineContent) at = pos;
  else if ($pos.parentOffset === 0) at = $pos.before();
  else if ($pos.parentOffset === parent.content.size) at = $pos.after();
  else {
    tr.split(pos);
    at = pos + 1;
  }
  tr.insert(at, own);
  return { after: at + 1 + image.nodeSize };
}

/** Puts the stored image where its placeholder is now and drops the placeholder, in one transaction. */
function insertImage(editor: Editor, id: number, src: string, alt: string): void {
  if (editor.isDestroyed) return;
  const { state } = editor;
  const placeholder = placeholderKey.getState(state)?.items.find((p) => p.id === id);
  const pos = clamp(placeholder?.pos ?? state.selection.from, state.doc);
  const tr = state.tr;
  const { after } = placeImage(tr, pos, state.schema.nodes.image!.create({ src, alt }));
  tr.setMeta(placeholderKey, { remove: id, after } satisfies PlaceholderMeta);
  editor.view.dispatch(tr);
}

function removePlaceholder(editor: Editor, id: number): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(placeholderKey, { remove: id } satisfies PlaceholderMeta));
}

export const ImageUpload = Extension.create<ImageUploadOptions, ImageUploadStorage>({
  name: 'imageUpload',

  addOptions: () => ({ docId: '' }),

  addStorage: () => ({ store: new ImageUploadStore() }),

  addCommands() {
    return {
      pickImages:
        () =>
        ({ editor }) => {
          const input = document.createElement('input');
          input.type = 'file';
          input.multiple = true;
          input.accept = IMAGE_ACCEPT;
          input.addEventListener('change', () => {
            const files = [...(input.files ?? [])];
            if (files.length > 0) editor.commands.uploadImages(files);
          });
          input.click();
          return true;
        },

      uploadImages:
        (files, at) =>
        ({ editor, tr, dispatch }) => {
          if (!editor.isEditable || files.length === 0) return false;
          if (!dispatch) return true;
          const { store } = this.storage;
          const pos = clamp(at ?? tr.selection.from, tr.doc);
          const added: Placeholder[] = [];
          for (const file of files) {
            const problem = fileProblem(file);
            if (problem) {
              store.fail(file.name, problem);
              continue;
            }
            const id = store.start(file.name);
            const dom = placeholderDom(file.name);
            added.push({ id, pos, rel: relativeOf(editor.state, pos), dom });
            uploadImage(this.options.docId, file, (fraction) => {
              store.progress(id, fraction);
              showProgress(dom, fraction);
            }).then(
              (url) => {
                insertImage(editor, id, url, altFromFileName(file.name));
                store.finish(id);
              },
              (err: unknown) => {
                removePlaceholder(editor, id);
                store.fail(file.name, err instanceof Error ? err.message : 'the upload failed', id);
              },
            );
          }
          if (added.length > 0) tr.setMeta(placeholderKey, { add: added } satisfies PlaceholderMeta);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const { editor } = this;
    return [
      placeholderPlugin(),
      new Plugin({
        key: new PluginKey('imageUploadInput'),
        props: {
          // A pasted file (a screenshot, an image copied from another app) is uploaded; pasted
          // HTML with <img> keeps going through the schema, which takes http(s) sources only.
          handlePaste: (view, event) => {
            const files = [...(event.clipboardData?.files ?? [])];
            if (files.length === 0 || !view.editable) return false;
            editor.commands.uploadImages(files);
            return true;
          },
          handleDrop: (view, event, _slice, moved) => {
            const files = [...(event.dataTransfer?.files ?? [])];
            if (moved || files.length === 0 || !view.editable) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            editor.commands.uploadImages(files, at?.pos);
            return true;
          },
        },
      }),
    ];
  },
});

registerSlashItem(
  {
    id: 'image',
    title: 'Image',
    description: 'Upload a picture from your device',
    aliases: ['picture', 'photo', 'img', 'upload'],
    icon: '▣',
    // The picker opens now; the chosen files go in where the "/" was, once the menu removed it.
    run: (chain, editor) => {
      editor.commands.pickImages();
      return chain;
    },
  },
  'divider',
);
