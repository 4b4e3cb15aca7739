// The version of the app messages carried in type-100 frames on the document socket
// (docs/protocol.md). Bump it when an old peer would misread a message, and add a line here.
//
// History:
//   1 — first version: hello/welcome (no app messages are sent yet by the Foundation server).
export const PROTOCOL_VERSION = 1;
