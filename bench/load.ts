import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

/** Starts a server script in its own process (so the load generator does not share its event loop). */
export async function startServer(script: string, env: NodeJS.ProcessEnv = {}): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = fork(new URL(script, import.meta.url).pathname, [], {
    // BENCH_PROFILE_DIR=<folder> writes a CPU profile of the server process there when it stops.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      }),
  };
}

/** Requests per second over `durationSeconds` with `connections` keep-alive connections. */
export async function measureThroughput(url: string, options: { connections?: number; durationSeconds?: number } = {}): Promise<number> {
  const result = await autocannon({ url, connections: options.connections ?? 50, duration: options.durationSeconds ?? 5 });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  return result.requests.average;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
