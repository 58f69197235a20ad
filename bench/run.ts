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
  /**
   * Above 1 is better than the baseline: value / baseline for throughput units, baseline / value for
   * latencies (a bench marks those with `lowerIsBetter`).
   */
  readonly ratio: number;
  readonly lowerIsBetter?: boolean;
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
const ratio = result.lowerIsBetter ? result.baseline / result.value : result.value / result.baseline;
const line: BenchResult = { name, ...result, ratio: Math.round(ratio * 1000) / 1000 };
console.log(JSON.stringify(line));
process.exit(0);
