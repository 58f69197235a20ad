import { randomBytes } from 'node:crypto';
import { seededRandom } from '@linkmall/kernel';

export { seededRandom };

/**
 * The client side of the fault suite and the soak: an HTTP caller that behaves like a real shop
 * client (it retries a write with the same Idempotency-Key after a lost connection or a 503), and a
 * seeded random source, so a failing run can be replayed with the same choices and kill schedule.
 */

/** FAULT_SEED from the environment, or a fresh one (printed by the suite so the run can be replayed). */
export function seedFromEnv(name = 'FAULT_SEED'): number {
  const fromEnv = process.env[name];
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`${name} must be a non-negative integer`);
    return seed;
  }
  return randomBytes(4).readUInt32BE(0);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is (a signed notification must reach the server byte for byte). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly idempotencyKey?: string;
  /** Give up retrying after this long (default 20 s); the answer is then `status: 0`. */
  readonly retryForMs?: number;
  /** Retry a 5xx answer too (a payment provider re-sends a notification the shop answered with 500). */
  readonly retryServerErrors?: boolean;
}

export interface CallResult {
  /** 0 when no answer came (connection errors or timeouts until the retry budget ran out). */
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly attempts: number;
  /** Milliseconds of the last attempt (the one that answered). */
  readonly latencyMs: number;
}

export interface CallStats {
  tried: number;
  acknowledged: number;
  connectionErrors: number;
  retries: number;
  /** Answers by status, after retries. */
  readonly statuses: Map<number, number>;
}

export function newCallStats(): CallStats {
  return { tried: 0, acknowledged: 0, connectionErrors: 0, retries: 0, statuses: new Map() };
}

const PER_ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * One logical request: retried with the same Idempotency-Key after a connection error, a timeout,
 * a 503 (the database or the process is away) or a 409 `idempotency_in_progress` (the first try may
 * still be running), until it answers or `retryForMs` passes.
 */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}, stats?: CallStats): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const deadline = Date.now() + (options.retryForMs ?? 20_000);
  if (stats) stats.tried++;
  for (let attempt = 1; ; attempt++) {
    const startedAt = performance.now();
    let result: CallResult | undefined;
    try {
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(PER_ATTEMPT_TIMEOUT_MS) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (an HTML page): keep the text
      }
      result = { status: response.status, body: parsed, attempts: attempt, latencyMs: performance.now() - startedAt };
    } catch {
      if (stats) stats.connectionErrors++;
    }
    const retryable =
      result === undefined ||
      result.status === 503 ||
      (result.status >= 500 && options.retryServerErrors === true) ||
      (result.status === 409 && result.body?.error?.code === 'idempotency_in_progress');
    if (!retryable || Date.now() > deadline) {
      const final = result ?? { status: 0, body: null, attempts: attempt, latencyMs: performance.now() - startedAt };
      if (stats) {
        stats.statuses.set(final.status, (stats.statuses.get(final.status) ?? 0) + 1);
        if (final.status >= 200 && final.status < 300) stats.acknowledged++;
      }
      return final;
    }
    if (stats) stats.retries++;
    await sleep(Math.min(1_000, 100 * attempt));
  }
}

/**
 * Runs `scenario` in `clients` loops side by side until `durationMs` has passed. Each loop draws from
 * its own generator seeded from `random`, so its choices do not depend on how the loops interleave.
 */
export async function runScenarioLoops(
  clients: number,
  durationMs: number,
  random: () => number,
  scenario: (client: number, iteration: number, clientRandom: () => number) => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + durationMs;
  const generators = Array.from({ length: clients }, () => seededRandom(Math.floor(random() * 4_294_967_296)));
  await Promise.all(
    generators.map(async (clientRandom, client) => {
      for (let iteration = 0; Date.now() < deadline; iteration++) await scenario(client, iteration, clientRandom);
    }),
  );
}
