import type { Database } from '@linkmall/db';
import type { RequestContext } from '@linkmall/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobScheduler, silentLogger, type JobRun } from '../src/index.ts';
import { waitFor } from './wait-for.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.ts';

let server: ThrowawayDatabase;
let database: Database;

beforeAll(async () => {
  server = await createThrowawayDatabase('events_jobs');
  database = await server.open();
});
afterAll(() => server?.drop());

/** The shortest timings pg-boss accepts, so a cron job fires within seconds. */
const fastTimings = { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 } as const;

describe('job scheduler on a PostgreSQL server', () => {
  it('runs a cron job and a one-off job through the app pool', async () => {
    const runs: { job: JobRun; ctx: RequestContext }[] = [];
    const scheduler = new JobScheduler({ connection: { database }, logger: silentLogger, ...fastTimings });
    await scheduler.schedule('test.every-minute', '* * * * *', async (ctx, job) => void runs.push({ job, ctx }), { tz: 'Asia/Shanghai' });
    await scheduler.handle('test.one-off', async (ctx, job) => void runs.push({ job, ctx }));
    await scheduler.start();
    try {
      const jobId = await scheduler.send('test.one-off', { orderId: 'ord_1' });
      await waitFor(() => runs.some((run) => run.job.name === 'test.one-off'), 10_000);
      await waitFor(() => runs.some((run) => run.job.name === 'test.every-minute'), 10_000);
      const oneOff = runs.find((run) => run.job.name === 'test.one-off')!;
      expect(oneOff.job).toEqual({ id: jobId, name: 'test.one-off', data: { orderId: 'ord_1' } });
      expect(oneOff.ctx).toMatchObject({ requestId: `job_${jobId}`, actor: null });
      const schedules = await database.executeSql('select name, cron, timezone from pgboss.schedule', []);
      expect(schedules.rows).toEqual([{ name: 'test.every-minute', cron: '* * * * *', timezone: 'Asia/Shanghai' }]);
    } finally {
      await scheduler.stop();
    }

    // A later start whose composition root no longer registers the cron job removes its schedule.
    const next = new JobScheduler({ connection: { database }, logger: silentLogger, ...fastTimings });
    await next.start();
    await next.stop();
    expect((await database.executeSql('select name from pgboss.schedule', [])).rows).toEqual([]);
  });

  it('runs a job through a pool of its own from a connection string, and retries a failing one', async () => {
    let attempts = 0;
    const scheduler = new JobScheduler({ connection: { connectionString: server.url }, logger: silentLogger, ...fastTimings });
    await scheduler.handle(
      'test.fails-once',
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('first try fails');
      },
      { retryLimit: 1 },
    );
    await scheduler.start();
    try {
      await scheduler.send('test.fails-once');
      await waitFor(() => attempts === 2, 10_000);
    } finally {
      await scheduler.stop();
    }
  });
});
