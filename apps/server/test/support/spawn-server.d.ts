import { type ChildProcess } from 'node:child_process';
export interface SpawnServerOptions {
    /** Arguments to `node`: a script and its flags, e.g. ['--import', 'tsx', 'src/main.ts']. */
    args: string[];
    /** Working directory (default: this process's). */
    cwd?: string;
    /** Over this process's environment and HOST=127.0.0.1, PORT=0, LOG_LEVEL=warn. */
    env?: Record<string, string>;
}
export interface SpawnedServer {
    readonly child: ChildProcess;
    /** The server's URL once it listens; rejects when it exits before that. */
    readonly url: Promise<string>;
    /** Everything it printed so far, stdout and stderr. */
    output(): string;
    /** SIGTERM, then its exit code once it has exited (at once when it already had). */
    stop(): Promise<number | null>;
    /** SIGKILL, resolved once it has exited (at once when it already had). */
    kill(): Promise<void>;
}
export declare function spawnServer(opts: SpawnServerOptions): SpawnedServer;
