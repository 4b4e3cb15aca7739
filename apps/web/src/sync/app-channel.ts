// The client's side of the document socket's frames that y-websocket does not know about:
// counting the data frames it sends (the bytes themselves are @inkwell/protocol's).
import { dataFrameKind, type DataFrameKind } from '@inkwell/protocol/wire';

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
