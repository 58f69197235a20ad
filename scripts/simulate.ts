/**
 * `npm run --silent simulate -- scenario.json [--verbose]` (spec §8): replays a scenario through the
 * database-backed distribution service and the real ledger on a fresh embedded database, and prints one JSON object on stdout. Exit status 2 for an invalid profile or
 * a malformed scenario. `--verbose` adds the profile's compliance report and each event's capped excess.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { simulateOnDatabase } from '@linkmall/flows';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const file = args.find((arg) => !arg.startsWith('--'));

function fail(message: string): never {
  process.stdout.write(`${JSON.stringify({ error: { code: 'malformed_scenario', message, issues: [] } })}\n`);
  process.exit(2);
}

if (!file) fail('usage: npm run --silent simulate -- scenario.json [--verbose]');
// npm runs scripts from the project root; a relative path means relative to where npm was invoked.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
let text: string;
try {
  text = readFileSync(path, 'utf8');
} catch {
  fail(`cannot read the scenario file ${file}`);
}
let input: unknown;
try {
  input = JSON.parse(text);
} catch (error) {
  fail(`the scenario file is not valid JSON: ${(error as Error).message}`);
}

const result = await simulateOnDatabase(input, { verbose });
if (!result.ledgerVerified) process.stderr.write('ledger verification failed after the replay\n');
process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
process.exitCode = result.exitCode;
