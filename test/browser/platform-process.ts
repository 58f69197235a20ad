import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';
import { seedDemo } from '../../apps/api/src/demo-seed.ts';

async function freePort(): Promise<number> {
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

export interface RunningPlatform {
  readonly baseUrl: string;
  readonly database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The platform as users get it: `npm start`'s entry point in its own process, on a seeded database
 * (a PostgreSQL copy when a server answers, else a PGlite data folder).
 */
export async function startPlatformProcess(): Promise<RunningPlatform> {
  const piiKey = randomBytes(32);
  const database = await createTestDatabase();
  await seedDemo(createPlatform(database, inProcessPlatformOptions(piiKey)));
  if (!database.url) throw new Error('browser tests need a PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432)');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      PII_ENCRYPTION_KEY: piiKey.toString('base64'),
      SANDBOX_PAYMENT_SECRET: randomBytes(32).toString('base64url'),
      EMBEDDED_WORKER: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`platform exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`platform did not become ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    database,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      });
      await database.destroy();
    },
  };
}
