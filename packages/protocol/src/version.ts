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
//   3 — comments: the `comment.*` RPC methods, the `thread` push, and the `commenter` role in
//       `doc` and `docPatch`; versions carry `kind` (named, auto, restore) and `authors`
//       instead of `reason`; `invalidate` names the `trash`. A version-2 client drops what it cannot parse (a commenter's
//       `doc` push among it, so its tab does not know it is read-only; the server still
//       drops its edits), which is why 2 is still spoken.
export const PROTOCOL_VERSION = 3;

/**
 * The oldest version this build still speaks. Raise it when support for an old version is
 * dropped; keep it below PROTOCOL_VERSION while a bump stays readable by older peers, so a
 * deploy does not cut off the tabs still running the previous build.
 */
export const MIN_PROTOCOL_VERSION = 2;

export type ProtocolSupport = 'supported' | 'too-old' | 'too-new';

/** Whether a peer announcing `version` can be spoken to: anything from the floor up to ours. */
export function protocolSupport(
  version: number,
  floor: number = MIN_PROTOCOL_VERSION,
  current: number = PROTOCOL_VERSION,
): ProtocolSupport {
  if (version < floor) return 'too-old';
  if (version > current) return 'too-new';
  return 'supported';
}

/** The versions this build speaks, for messages: "2" or "2–3". */
export function supportedProtocols(floor: number = MIN_PROTOCOL_VERSION, current: number = PROTOCOL_VERSION): string {
  return floor === current ? `${current}` : `${floor}–${current}`;
}
