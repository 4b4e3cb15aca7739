// What a room needs from a connection. ws/ adapts a `ws` WebSocket to this; tests use an
// in-memory pair. Rooms never import `ws`.
export interface RoomSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
}
