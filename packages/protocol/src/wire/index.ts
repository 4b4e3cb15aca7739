// `@inkwell/protocol/wire`: the bytes on the document socket. A subpath of its own because it
// pulls in Yjs at run time, and the web app's first page must not load Yjs before the editor.

export * from './app-frame.ts';
export * from './y-messages.ts';
