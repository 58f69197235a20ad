import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiSpec, startTestPlatform, type TestPlatform } from '../../apps/api/test/harness.ts';
import { signPartnerRequest } from '../../apps/api/src/open-routes.ts';
import { fuzzCases, withinBudget, type FuzzCase } from './fuzz-cases.ts';
import { operationShapes, seededRandom, type IdSource, type OperationShape, type Random } from './openapi-samples.ts';
import { idsInDatabase, installWriteProbe, mayCall, refreshSession, signInPrincipals, type LoggedWrite, type Principal, type WriteProbe } from './security-fixtures.ts';

/**
 * Hostile input on every route of the OpenAPI document, as a caller the route admits. Every answer
 * must be below 500, every 4xx must be the error model, and a rejected request must write nothing
 * (checked exactly, by a trigger log of committed row changes). FUZZ_SEED replays another run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
/** Cases per route; FUZZ_BUDGET=all runs every generated case (minutes, not for CI). */
const BUDGET = process.env.FUZZ_BUDGET === 'all' ? Infinity : Number(process.env.FUZZ_BUDGET ?? 10);
const PARTNER_ID = 'fuzz-partner';
const PARTNER_SECRET = 'fuzz-partner-secret-0123456789abcdef';

/**
 * Writes a rejected request makes on purpose, each with its reason. Nothing else may be written.
 * A failed sign-in is counted so that guessing passwords locks the phone (identity's login policy).
 */
const EXPECTED_SIDE_WRITES: ReadonlyArray<{ path: RegExp; table: string; why: string }> = [
  { path: /^\/(admin|shop)\/auth\/login$/, table: 'login_attempts', why: 'failed sign-ins are counted for the lockout' },
];

let t: TestPlatform;
let principals: Principal[];
let operations: OperationShape[];
let probe: WriteProbe;
let pool: Map<string, string[]>;

beforeAll(async () => {
  // The sign-in schema's example phone is a demo login: the lockout (its own tests prove it) would shut the fuzzer out.
  t = await startTestPlatform({ openApiPartners: new Map([[PARTNER_ID, PARTNER_SECRET]]), loginPolicy: { maxFailuresPerPhone: 1_000_000, maxFailuresPerIp: 1_000_000, windowMs: 15 * 60_000 } });
  principals = await signInPrincipals(t);
  operations = operationShapes(await openApiSpec(t)).filter((op) => /^\/(admin|shop|open|public|t)\//.test(op.path) && ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method));
  pool = await idsInDatabase(t);
  // The fuzzer's own sessions must survive accepted cases: never aim a write at a principal's user.
  const own = new Set(principals.map((p) => p.userId));
  pool.set('usr', (pool.get('usr') ?? []).filter((id) => !own.has(id)));
  probe = await installWriteProbe(t);
}, 120_000);
afterAll(() => t?.close());

/** Who calls an operation: every first-tenant principal its access rule admits, or nobody for public routes. */
function callersOf(operation: OperationShape): Array<Principal | 'partner' | null> {
  const kind = operation.access?.kind;
  if (kind === 'signed') return operation.path.startsWith('/open/v1/') ? ['partner'] : [null];
  const firstTenants = principals.filter((p) => !p.key.endsWith('_2') && mayCall(p, operation));
  const consumer = principals.find((p) => p.key === 'consumer')!;
  if (kind === 'public' || kind === undefined) return operation.path.includes('/auth/') ? [null] : [null, consumer];
  return firstTenants;
}

function idSourceFor(random: Random): IdSource {
  return (prefix) => {
    const ids = prefix ? pool.get(prefix) : undefined;
    return ids && ids.length > 0 ? random.pick(ids) : undefined;
  };
}

async function send(operation: OperationShape, fuzz: FuzzCase, caller: Principal | 'partner' | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (fuzz.rawBody !== undefined) headers['content-type'] = fuzz.contentType ?? 'application/json';
  if (caller && caller !== 'partner') headers.authorization = `Bearer ${caller.token}`;
  if (caller === 'partner') {
    const timestamp = Date.now();
    const nonce = randomUUID();
    const signature = signPartnerRequest(PARTNER_SECRET, { method: operation.method, path: fuzz.path, timestamp, nonce, body: fuzz.rawBody ?? '' });
    Object.assign(headers, { 'x-partner-id': PARTNER_ID, 'x-timestamp': String(timestamp), 'x-nonce': nonce, 'x-signature': signature });
  }
  return t.app.request(fuzz.path, { method: operation.method, headers, ...(fuzz.rawBody !== undefined ? { body: fuzz.rawBody } : {}) });
}

function unexpectedWrites(operation: OperationShape, writes: readonly LoggedWrite[]): LoggedWrite[] {
  return writes.filter((write) => !EXPECTED_SIDE_WRITES.some((allowed) => allowed.path.test(operation.path) && allowed.table === write.table));
}

/** The defects this suite found, each pinned by name (they must stay 4xx with nothing written). */
describe('hostile input regressions', () => {
  const as = (key: string) => principals.find((p) => p.key === key)!.token;
  async function refusedWithoutWrites(response: Response, status: number, code: string): Promise<void> {
    const body = (await response.json()) as { error: { code: string } };
    expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
    expect(await probe.writes()).toEqual([]);
  }

  it('refuses NUL and unpaired surrogates in paths, queries and bodies with a 400 (PostgreSQL stores neither)', async () => {
    await probe.writes();
    await refusedWithoutWrites(await t.request('GET', '/admin/users?q=%00', { token: as('platform_admin') }), 400, 'validation_failed');
    await refusedWithoutWrites(await t.request('GET', '/shop/storefronts/nul%00byte', {}), 400, 'validation_failed');
    await refusedWithoutWrites(await t.request('POST', '/admin/organizations', { token: as('platform_admin'), body: { name: 'nul\u0000byte', kind: 'merchant' } }), 400, 'validation_failed');
    await refusedWithoutWrites(await t.request('POST', '/admin/organizations', { token: as('platform_admin'), rawBody: '{"name":"tail\\udc00","kind":"merchant"}' }), 400, 'validation_failed');
    // A well-formed pair (an emoji) and an escaped backslash before "u0000" are ordinary text.
    const emoji = await t.json('POST', '/admin/organizations', { token: as('platform_admin'), body: { name: '👨‍👩‍👧 \\u0000 家庭店', kind: 'merchant' } });
    expect(emoji.status).toBe(201);
    expect(emoji.body.name).toBe('👨‍👩‍👧 \\u0000 家庭店');
    await probe.writes();
  });

  it('refuses a reward-line date that is not on the calendar with a 400', async () => {
    for (const date of ['2026-13-45', '2026-02-30']) {
      const response = await t.request('GET', `/admin/distribution/reward-lines?from=${date}`, { token: as('platform_admin') });
      expect(response.status, date).toBe(400);
    }
    expect((await t.request('GET', '/admin/distribution/reward-lines?from=2024-02-29', { token: as('platform_admin') })).status).toBe(200);
  });

  it('answers a card template for a company that does not exist with a 404, not a 500', async () => {
    const response = await t.request('POST', '/admin/card-templates', {
      token: as('platform_admin'),
      body: { name: '模板', theme: 'classic', organizationId: 'org_00000000000000000000000000' },
    });
    await refusedWithoutWrites(response, 404, 'card_template_organization_not_found');
  });

  it('does not register a card owner as a distribution member when binding to them is refused', async () => {
    const card = await t.json('PUT', '/shop/cards/me', { token: as('shop_guide_2'), body: { name: '郑浩' } });
    expect(card.status).toBe(200);
    await probe.writes();
    await refusedWithoutWrites(await t.request('POST', `/shop/cards/${card.body.id}/bind`, { token: as('consumer_2') }), 422, 'ineligible_referrer');
  });
});

type Tally = { routes: number; requests: number; client: number; accepted: number; acceptedWrites: number; server: number; strayWrites: number };

describe('hostile input on every route', () => {
  it('never answers 5xx, always answers 4xx in the error model, and writes nothing when it rejects', async () => {
    const failures: string[] = [];
    const tally: Tally = { routes: 0, requests: 0, client: 0, accepted: 0, acceptedWrites: 0, server: 0, strayWrites: 0 };
    for (const operation of operations) {
      if (process.env.FUZZ_ONLY && !new RegExp(process.env.FUZZ_ONLY).test(operation.path)) continue;
      const callers = callersOf(operation);
      if (callers.length === 0) continue;
      tally.routes++;
      // One generator per route, so FUZZ_ONLY replays exactly the requests a full run made on that route.
      const random = seededRandom(SEED ^ hashOf(`${operation.method} ${operation.path}`));
      const cases = withinBudget(fuzzCases(operation, random, idSourceFor(random)), random, BUDGET);
      for (const [index, fuzz] of cases.entries()) await runCase(operation, fuzz, callers[index % callers.length]!, tally, failures);
    }
    console.log(
      `fuzz (seed ${SEED}): ${tally.routes} routes, ${tally.requests} requests, ${tally.client} 4xx, ${tally.accepted} 2xx (${tally.acceptedWrites} wrote), ${tally.server} 5xx, ${tally.strayWrites} writes on rejected requests`,
    );
    expect(failures, failures.slice(0, 40).join('\n')).toEqual([]);
    expect(tally.routes).toBeGreaterThan(200);
  }, Number.isFinite(BUDGET) ? 300_000 : 3_600_000);
});

/** Sends one case and holds its answer to the rules; what breaks them goes to `failures`. */
async function runCase(operation: OperationShape, fuzz: FuzzCase, caller: Principal | 'partner' | null, tally: Tally, failures: string[]): Promise<void> {
  const where = `${operation.method} ${fuzz.path.slice(0, 120)} [${fuzz.label}] as ${caller === null ? 'anonymous' : caller === 'partner' ? 'partner' : caller.key}`;
  const response = await send(operation, fuzz, caller);
  // A live event stream never ends; its status and headers are the answer.
  const text = /event-stream/.test(response.headers.get('content-type') ?? '') ? (await response.body?.cancel(), '') : await response.text();
  tally.requests++;
  const writes = await probe.writes();
  if (process.env.FUZZ_TRACE) process.stderr.write(`${where} ${response.status} ${JSON.stringify(writes)}\n`);
  if (response.status >= 200 && response.status < 300) {
    tally.accepted++;
    if (writes.length > 0) tally.acceptedWrites++;
    if (caller && caller !== 'partner' && operation.method !== 'GET' && (await keepSessionAlive(caller))) await probe.writes(); // the fuzzer's own new session
    return;
  }
  if (response.status >= 500) {
    tally.server++;
    failures.push(`${where} → ${response.status} ${text.slice(0, 160)}`);
  } else if (response.status >= 400) {
    tally.client++;
    if (!parseError(text)) failures.push(`${where} → ${response.status} without the error model: ${text.slice(0, 160)}`);
  }
  const stray = unexpectedWrites(operation, writes);
  if (stray.length > 0) {
    tally.strayWrites++;
    failures.push(`${where} → ${response.status} but wrote ${stray.map((w) => `${w.op} ${w.table}`).join(', ')}`);
  }
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

function parseError(text: string): { code: string; message: string } | null {
  try {
    const body = JSON.parse(text);
    return typeof body?.error?.code === 'string' && /^[a-z][a-z0-9_]*$/.test(body.error.code) && typeof body.error.message === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

/** An accepted case may have been a logout: sign in again so later cases still run as that role. */
async function keepSessionAlive(principal: Principal): Promise<boolean> {
  if ((await t.request('GET', '/shop/me', { token: principal.token })).status === 200) return false;
  await refreshSession(t, principal);
  return true;
}
