/**
 * `npm run --silent bench -- <name>`: runs one benchmark against a real PostgreSQL server
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server) and prints, as its last line,
 * `{"name","value","unit","baseline","ratio"}` where the baseline is measured in the same run.
 * Progress goes to stderr so the last stdout line is always the result.
 */
import { readdirSync } from 'node:fs';

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number;
  /** value / baseline: above 1 is faster than the baseline for throughput units. */
  readonly ratio: number;
}

const name = process.argv[2];
const available = readdirSync(new URL('./', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace('.bench.ts', ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run --silent bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(2);
}
if (!process.env.TEST_DATABASE_URL && process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const module = (await import(`./${name}.bench.ts`)) as { run: () => Promise<Omit<BenchResult, 'ratio' | 'name'>> };
const result = await module.run();
const line: BenchResult = { name, ...result, ratio: Math.round((result.value / result.baseline) * 1000) / 1000 };
console.log(JSON.stringify(line));
process.exit(0);
