import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';
import { seedDemo } from '../../apps/api/src/demo-seed.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A seeded PostgreSQL database and the secrets every process of one deployment shares. */
export interface SharedDeployment {
  readonly database: TestDatabase;
  readonly databaseUrl: string;
  /** The environment every API and worker process of this deployment gets. */
  readonly env: Readonly<Record<string, string>>;
  destroy(): Promise<void>;
}

export async function prepareDeployment(options: { seed?: boolean } = {}): Promise<SharedDeployment> {
  const piiKey = randomBytes(32);
  const database = await createTestDatabase();
  if (!database.url) throw new Error('multi-process tests need a PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432)');
  if (options.seed !== false) await seedDemo(createPlatform(database, inProcessPlatformOptions(piiKey)));
  const env = {
    DATABASE_URL: database.url,
    PII_ENCRYPTION_KEY: piiKey.toString('base64'),
    SANDBOX_PAYMENT_SECRET: randomBytes(32).toString('base64url'),
    EMBEDDED_WORKER: 'false',
    LOG_LEVEL: 'warn',
  };
  return { database, databaseUrl: database.url, env, destroy: () => database.destroy() };
}

/** One running process (API or worker) that a test can stop politely, kill -9 and start again. */
export interface ManagedProcess {
  readonly name: string;
  /** The API's address; empty for a worker. */
  readonly baseUrl: string;
  readonly pid: number | undefined;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  running(): boolean;
  /** SIGKILL, no goodbye: what a crash or an OOM kill looks like. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** Starts the same command again (same port, same environment) and waits until it is ready. */
  restart(): Promise<void>;
}

export interface ProcessOptions {
  readonly name?: string;
  /** Extra environment over the deployment's. */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}

/** `npm start`'s entry point in its own process; resolves once /readyz answers 200. */
export function startApiProcess(deployment: SharedDeployment, options: ProcessOptions = {}): Promise<ManagedProcess> {
  return startManaged('apps/api/src/main.ts', deployment, options, true);
}

/** `npm run worker`'s entry point; resolves once it logs that it started. */
export function startWorkerProcess(deployment: SharedDeployment, options: ProcessOptions = {}): Promise<ManagedProcess> {
  return startManaged('apps/api/src/worker-main.ts', deployment, { ...options, env: { LOG_LEVEL: 'info', ...options.env } }, false);
}

async function startManaged(entry: string, deployment: SharedDeployment, options: ProcessOptions, isApi: boolean): Promise<ManagedProcess> {
  const port = isApi ? await freePort() : 0;
  const baseUrl = isApi ? `http://127.0.0.1:${port}` : '';
  const name = options.name ?? (isApi ? `api:${port}` : 'worker');
  let child: ChildProcess;
  let output = '';

  const launch = async () => {
    output += `\n--- ${name} started ---\n`;
    child = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: { ...process.env, ...deployment.env, ...(isApi ? { PORT: String(port), HOST: '127.0.0.1' } : {}), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited early:\n${output}`);
      if (isApi) {
        try {
          if ((await fetch(`${baseUrl}/readyz`)).ok) return;
        } catch {
          // not listening yet
        }
      } else if (output.includes('worker started')) return;
      if (Date.now() > deadline) throw new Error(`${name} did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const terminate = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });

  await launch();
  return {
    name,
    baseUrl,
    get pid() {
      return child.pid;
    },
    output: () => output,
    running: () => !exited(),
    kill: () => terminate('SIGKILL'),
    stop: () => terminate('SIGTERM'),
    restart: async () => {
      await terminate('SIGTERM');
      await launch();
    },
  };
}
