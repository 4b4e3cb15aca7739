// Counting the document data this tab sends, which the server's `saved` acknowledges
// (docs/protocol.md "Ordering and durability"). What a data frame is: @inkwell/protocol/wire.
import { type DataFrameKind, dataFrameKind } from '@inkwell/protocol/wire';

/**
 * A WebSocket class for WebsocketProvider's `WebSocketPolyfill` that reports every data frame
 * it sends. The provider writes to its socket from several places (the step 2 answer, local
 * updates); wrapping `send` sees them all without patching y-websocket.
 */
export function countingSocketClass(
  Base: typeof WebSocket,
  onDataFrame: (socket: WebSocket, kind: DataFrameKind) => void,
): typeof WebSocket {
  return class CountingSocket extends Base {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      super.send(data);
      const kind = dataFrameKind(data);
      if (kind) onDataFrame(this, kind);
    }
  };
}
