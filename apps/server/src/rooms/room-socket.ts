// What a room needs from a connection. ws/ adapts a `ws` WebSocket to this; tests use an
// in-memory pair. Rooms never import `ws`.
export interface RoomSocket {
  /**
   * The connection id the socket edge minted at upgrade: the room, its app session and RPC
   * dispatcher log with it (`connId`) and tell it to the client in `welcome`, so one id
   * follows a connection from the upgrade to every line about it.
   */
  readonly id: string;
  /** Queues a frame; `written` runs once the frame is out of the process (handed to the OS). */
  send(data: Uint8Array, written?: () => void): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
}
