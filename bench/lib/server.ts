/**
 * Runs the real `fft serve` in a child process, as an operator would, for benchmarks and for
 * the tests that need a separate process (crash, two servers on one database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const FFT_BIN = fileURLToPath(new URL('../../bin/fft.js', import.meta.url));

export interface RunningServer {
  port: number;
  url: string;
  process: ChildProcess;
  /** SIGKILL: no chance to flush or close anything. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/** `options.bin`: another copy's `fft` (the build's tests run one). */
export async function startServerProcess(env: Record<string, string>, options: { timeoutMs?: number; nodeArgs?: string[]; port?: number; bin?: string } = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? FFT_BIN, 'serve', '--port', String(options.port ?? 0), '--host', '127.0.0.1'], {
    // The listening line (level info) is how the port is learnt.
    env: { ...process.env, VITEST: '', ...env, FFT_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time: ${stderr}`)), options.timeoutMs ?? 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'FFT service listening' && entry.port) {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        /* not a log line */
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
