import pg from 'pg';
import { runFor } from './commerce-fixture.ts';

/**
 * pgbench's TPC-B-like transaction (its five statements) through `pg`, as the baseline of what one
 * PostgreSQL server does per second with the same pool and concurrency as the platform.
 */
export async function tpcbTransactionsPerSecond(url: string, options: { poolSize: number; concurrency: number; durationMs: number }): Promise<number> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  const scale = { branches: 1, tellers: 10, accounts: 100_000 };
  await setup.query(`
    drop table if exists bench_history, bench_accounts, bench_tellers, bench_branches;
    create table bench_branches (bid int primary key, bbalance int not null, filler char(88));
    create table bench_tellers (tid int primary key, bid int not null, tbalance int not null, filler char(84));
    create table bench_accounts (aid int primary key, bid int not null, abalance int not null, filler char(84));
    create table bench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));
    insert into bench_branches select b, 0 from generate_series(1, ${scale.branches}) b;
    insert into bench_tellers select t, 1, 0 from generate_series(1, ${scale.tellers}) t;
    insert into bench_accounts select a, 1, 0 from generate_series(1, ${scale.accounts}) a;`);
  // VACUUM cannot run inside the implicit transaction of a multi-statement query.
  await setup.query('vacuum analyze bench_branches, bench_tellers, bench_accounts');
  await setup.end();
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize });
  pool.on('error', () => {});
  const random = (max: number) => 1 + Math.floor(Math.random() * max);
  const transactions = await runFor(options.durationMs, options.concurrency, async () => {
    const aid = random(scale.accounts);
    const tid = random(scale.tellers);
    const delta = random(10_000) - 5_000;
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('update bench_accounts set abalance = abalance + $1 where aid = $2', [delta, aid]);
      await client.query('select abalance from bench_accounts where aid = $1', [aid]);
      await client.query('update bench_tellers set tbalance = tbalance + $1 where tid = $2', [delta, tid]);
      await client.query('update bench_branches set bbalance = bbalance + $1 where bid = 1', [delta]);
      await client.query('insert into bench_history (tid, bid, aid, delta, mtime) values ($1, 1, $2, $3, current_timestamp)', [tid, aid, delta]);
      await client.query('commit');
      return true;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  });
  await pool.end();
  return transactions / (options.durationMs / 1000);
}
