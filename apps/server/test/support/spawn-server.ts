// The server as a child process, for tests that need a real process (signals, kill -9, the
// production build): spawned with Node, it is ready once it prints "listening on URL".
// Used by the server's process tests and by the browser tests (e2e/fixtures/server.ts), so
// it imports nothing but Node.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

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

const LISTENING = /^listening on (http:\/\/\S+)$/m;

export function spawnServer(opts: SpawnServerOptions): SpawnedServer {
  const child = spawn(process.execPath, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      const match = LISTENING.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    async stop() {
      if (!hasExited()) child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
    async kill() {
      if (!hasExited()) child.kill('SIGKILL');
      await exited;
    },
  };
}
