// The version of the app messages carried in type-100 frames on the document socket
// (docs/protocol.md). Bump it when an old peer would misread a message, and add a line here.
// protocol.test.ts holds a fingerprint of every schema: changing one without bumping fails.
//
// History:
//   1 — hello/welcome, saved {seq, updates}, error.
export const PROTOCOL_VERSION = 1;
