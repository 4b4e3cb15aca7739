// The version of the app messages carried in type-100 frames on the document socket
// (docs/protocol.md). Bump it when an old peer would misread a message, and add a line here.
// protocol.test.ts holds a fingerprint of every schema: changing one without bumping fails.
//
// History:
//   1 — hello/welcome, saved {seq, updates}, error; docPatch {id, delta:{role}} (added before
//       any release; a client that does not know it ignores it, so no bump).
//   2 — the app channel: rpc (methods in rpc-methods.ts), typing, doc (full push),
//       docPatch {title, updatedAt}, invalidate, activity; error codes FORBIDDEN, NOT_FOUND,
//       TIMEOUT. A version-1 client would not understand rpc answers, so hello must say 2.
export const PROTOCOL_VERSION = 2;
