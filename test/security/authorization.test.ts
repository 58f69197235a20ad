import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiSpec, startTestPlatform, type TestPlatform } from '../../apps/api/test/harness.ts';
import { prefixFor } from './fuzz-cases.ts';
import { bodyFields, operationShapes, seededRandom, validSample, type OperationShape } from './openapi-samples.ts';
import { harvestIds, idsInDatabase, installWriteProbe, listPathOf, mayCall, signInPrincipals, type Harvest, type Principal, type WriteProbe } from './security-fixtures.ts';
import { createOwnedData } from './owned-data.ts';
import { createRareData } from './rare-data.ts';

/**
 * Every route × every principal × data owned by another tenant (another merchant, supplier, guide or
 * consumer), generated from the route table. A foreign id in a path must be refused (401/403/404),
 * never answered with the resource, and must write nothing; a foreign id in a body must not be acted
 * on; the same calls on the caller's own data still work (sampled).
 */

let t: TestPlatform;
let principals: Principal[];
let operations: OperationShape[];
let probe: WriteProbe;
const harvests = new Map<string, Harvest>();
let publicIds: Set<string>;
let storedIds: Map<string, string[]>;

beforeAll(async () => {
  t = await startTestPlatform();
  principals = await signInPrincipals(t);
  operations = operationShapes(await openApiSpec(t)).filter((op) => /^\/(admin|shop|public|t)\//.test(op.path) && !/\/auth\//.test(op.path));
  await createOwnedData(t, principals);
  await createRareData(t, principals);
  for (const principal of principals) harvests.set(principal.key, await harvestIds(t, operations, principal));
  publicIds = (await harvestIds(t, operations, null)).all;
  storedIds = await idsInDatabase(t);
  probe = await installWriteProbe(t);
}, 180_000);
afterAll(() => t?.close());

/** Tenants: an organisation, or a consumer on their own. Platform staff share the platform's. */
const tenantOf = (principal: Principal) => (principal.role === 'consumer' ? principal.userId : principal.organizationId);

/** Ids another tenant can see and this principal cannot (through any list it may read), by type prefix. */
function foreignIds(caller: Principal, prefix: string, listPath: string): string[] {
  // Own means what the route's own list shows the caller (an id can be named elsewhere, e.g. in a report, without being the caller's).
  const harvest = harvests.get(caller.key)!;
  const own = harvest.byList.get(listPath) ?? harvest.all;
  // What the shop shows everyone (a store, a product on sale) is no secret there, but the console still scopes it.
  const shared = (id: string) => own.has(id) || (!listPath.startsWith('/admin/') && publicIds.has(id));
  const fromList: string[] = [];
  const anywhere: string[] = [];
  for (const other of principals) {
    if (tenantOf(other) === tenantOf(caller)) continue;
    const harvest = harvests.get(other.key)!;
    for (const id of harvest.byList.get(listPath) ?? []) if (id.startsWith(`${prefix}_`) && !shared(id)) fromList.push(id);
    for (const id of harvest.all) if (id.startsWith(`${prefix}_`) && !shared(id)) anywhere.push(id);
  }
  // Rows only platform staff can list (withdrawals, anomalies): anyone else's call on them is on foreign data.
  const stored = caller.role === 'consumer' || !PLATFORM_ROLES.has(caller.role) ? (storedIds.get(prefix) ?? []).filter((id) => !shared(id)) : [];
  return [...new Set([...fromList, ...anywhere, ...stored])].slice(0, 2);
}

/** The caller's own ids of a type, from the list the route's path belongs to. */
function ownIds(caller: Principal, prefix: string, listPath: string): string[] {
  return [...(harvests.get(caller.key)!.byList.get(listPath) ?? [])].filter((id) => id.startsWith(`${prefix}_`));
}

const DENIED = new Set([401, 403, 404]);
const PLATFORM_ROLES = new Set(['platform_admin', 'operations', 'finance', 'sales']);

/**
 * Path ids that name shared data on purpose, not a tenant's own: each with the reason. Public routes
 * (a shared business card, a merchant's storefront) are public by design and not listed here.
 */
const SHARED_REFERENCES: ReadonlyArray<[path: string, why: string]> = [
  ['/admin/storefront/items/{skuId}', 'the caller’s own storefront, keyed by a catalog SKU any merchant may list'],
  ['/shop/cards/{cardId}/bind', 'binding to another person’s card is the feature'],
];

/**
 * Path ids that name platform-wide configuration: no tenant owns one, so there is no "another tenant's"
 * to try; who may change them at all is the permission matrix's to prove (each with the reason).
 */
const PLATFORM_SCOPED: ReadonlyArray<[route: string, why: string]> = [
  ['PATCH /admin/categories/{id}', 'the one category tree every merchant and supplier shares'],
  ['DELETE /admin/categories/{id}', 'the one category tree every merchant and supplier shares'],
  ['PUT /admin/growth/levels/{id}', 'member levels are one ladder for the whole platform'],
  ['DELETE /admin/growth/levels/{id}', 'member levels are one ladder for the whole platform'],
  ['PUT /admin/distribution/package-products/{productId}', 'which products are 礼包 is one platform-wide list'],
];

/** A valid sample query string for the required query parameters, so a refusal is about the id, not a missing filter. */
function requiredQuery(operation: OperationShape, random: ReturnType<typeof seededRandom>): string {
  const parts = operation.queryParams.filter((param) => param.required).map((param) => `${param.name}=${encodeURIComponent(String(validSample(param.schema, random, () => undefined, param.name)))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

describe('authorization: every route × every role × another tenant’s data', () => {
  it('refuses foreign ids in paths, never shows the resource, writes nothing; own data still works', async () => {
    const random = seededRandom(7);
    const tally = { routes: 0, calls: 0, denied: 0, allowedOwn: 0, violations: 0 };
    const violations: string[] = [];
    const notes: string[] = [];
    const uncovered: string[] = [];
    const platformScoped: string[] = [];
    const staleScoped: string[] = [];
    const idSource = (prefix: string | undefined) => (prefix ? [...publicIds].find((id) => id.startsWith(`${prefix}_`)) : undefined);
    for (const operation of operations) {
      const params = operation.pathParams.map((param) => ({ name: param.name, prefix: prefixFor(param.schema, param.name) }));
      if (params.length === 0 || params.some((param) => !param.prefix)) continue;
      if (operation.access?.kind === 'public' || SHARED_REFERENCES.some(([path]) => path === operation.path)) continue;
      tally.routes++;
      const listPath = listPathOf(operation.path);
      const query = requiredQuery(operation, random);
      // The full sample first, then the minimal one: a refusal must be about whose the id is, not about the body.
      const bodies = operation.body ? [true, false].map((full) => JSON.stringify(validSample(operation.body, random, idSource, '', full))) : [undefined];
      let covered = false;
      for (const caller of principals) {
        // Platform staff's console scope is the whole platform (the permission matrix proves who holds what).
        if (PLATFORM_ROLES.has(caller.role) && operation.path.startsWith('/admin/')) continue;
        for (const foreign of foreignIds(caller, params[0]!.prefix!, listPath)) {
          const path = operation.path.replace(`{${params[0]!.name}}`, foreign).replace(/\{(\w+)\}/g, (_, name: string) => foreignIds(caller, params.find((p) => p.name === name)!.prefix!, listPath)[0] ?? 'xxx_00000000000000000000000000');
          covered = true;
          let response!: Response;
          let text = '';
          let writes: Awaited<ReturnType<WriteProbe['writes']>> = [];
          for (const body of bodies) {
            response = await t.request(operation.method, `${path}${query}`, { token: caller.token, ...(body !== undefined ? { rawBody: body } : {}) });
            text = await response.text();
            writes = [...writes, ...(await probe.writes())];
            tally.calls++;
            if (response.status !== 400 && response.status !== 422) break;
          }
          const where = `${caller.key} ${operation.method} ${path} → ${response.status} ${text.slice(0, 140)}`;
          // A refusal carries the error model and nothing of the resource.
          if (DENIED.has(response.status) && !isErrorOnly(text)) violations.push(`refused but answered more than an error: ${where}`);
          else if (DENIED.has(response.status)) tally.denied++;
          else if (response.status < 300) violations.push(`answered: ${where}`);
          else notes.push(where);
          if (response.status >= 300 && writes.length > 0) violations.push(`wrote ${writes.map((w) => `${w.op} ${w.table}`).join(', ')}: ${where}`);
        }
      }
      const route = `${operation.method} ${operation.path}`;
      const scoped = PLATFORM_SCOPED.some(([listed]) => listed === route);
      if (covered && scoped) staleScoped.push(route);
      else if (scoped) platformScoped.push(route);
      else if (!covered) uncovered.push(route);
      // Own data, sampled on detail reads (`…/{id}`): a sub-resource may rightly be missing (an unshipped order has no logistics).
      if (operation.method === 'GET' && params.length === 1 && operation.path.endsWith('}')) {
        for (const caller of principals.filter((p) => mayCall(p, operation))) {
          const own = ownIds(caller, params[0]!.prefix!, listPath)[0];
          if (!own) continue;
          const response = await t.request('GET', `${operation.path.replace(`{${params[0]!.name}}`, own)}${query}`, { token: caller.token });
          await response.body?.cancel();
          tally.calls++;
          if (response.status < 300) tally.allowedOwn++;
          else violations.push(`own data refused: ${caller.key} GET ${operation.path} (${own}) → ${response.status}`);
          break;
        }
      }
    }
    tally.violations = violations.length;
    console.log(`authorization: ${tally.routes} routes (${tally.routes - platformScoped.length - uncovered.length} covered, ${platformScoped.length} platform-scoped, ${uncovered.length} uncovered), ${principals.length} principals (${new Set(principals.map((p) => p.role)).size} roles), ${tally.calls} calls, ${tally.denied} denied, ${tally.allowedOwn} allowed-own, ${tally.violations} violations`);
    console.log(`platform-scoped, covered by the role matrix (${platformScoped.length}): ${platformScoped.join(', ')}`);
    console.log(`routes with no foreign data to try (${uncovered.length}): ${uncovered.join(', ')}`);
    if (notes.length > 0) console.log(`refused with another status (${notes.length}):\n${notes.slice(0, 30).join('\n')}`);
    expect(violations, violations.slice(0, 40).join('\n')).toEqual([]);
    expect(tally.allowedOwn).toBeGreaterThan(5);
    expect(uncovered, 'every tenant-scoped path route needs foreign data (add a fixture in rare-data.ts)').toEqual([]);
    expect(staleScoped, 'listed as platform-scoped but another tenant’s data was found: take it off PLATFORM_SCOPED').toEqual([]);
    expect(PLATFORM_SCOPED.filter(([listed]) => !platformScoped.includes(listed)).map(([listed]) => listed), 'PLATFORM_SCOPED names a route that no longer exists').toEqual(staleScoped);
  }, 300_000);

  it('does not act on another tenant’s ids in bodies or filters', async () => {
    const random = seededRandom(11);
    const violations: string[] = [];
    let calls = 0;
    for (const operation of operations) {
      const idFields = bodyFields(operation.body).filter(([name, schema]) => prefixFor(schema, name));
      const idQueries = operation.queryParams.filter((param) => prefixFor(param.schema, param.name));
      if (idFields.length === 0 && idQueries.length === 0) continue;
      if (operation.pathParams.length > 0) continue; // path ids are the first test's; here the target is the caller's own surface
      for (const caller of principals.filter((p) => mayCall(p, operation))) {
        const foreignOf = (schema: Record<string, any>, name: string) => foreignIds(caller, prefixFor(schema, name)!, '')[0];
        for (const param of idQueries) {
          const foreign = foreignOf(param.schema, param.name);
          if (!foreign || operation.method !== 'GET') continue;
          const response = await t.request('GET', `${operation.path}?${param.name}=${foreign}`, { token: caller.token });
          const text = /json/.test(response.headers.get('content-type') ?? '') ? await response.text() : (await response.body?.cancel(), '');
          calls++;
          const leaked = leakedIds(text, caller, foreign);
          if (response.status < 300 && leaked.length > 0) violations.push(`${caller.key} GET ${operation.path}?${param.name}=${foreign} shows ${leaked.slice(0, 3).join(', ')}`);
        }
        for (const [name, schema] of idFields) {
          const foreign = foreignOf(schema, name);
          if (!foreign || operation.method === 'GET') continue;
          const body = { ...(validSample(operation.body, random, () => undefined, '', true) as object), [name]: foreign };
          const response = await t.request(operation.method, operation.path, { token: caller.token, body });
          const text = await response.text();
          const writes = await probe.writes();
          calls++;
          if (response.status < 300 && text.includes(foreign)) violations.push(`${caller.key} ${operation.method} ${operation.path} acted on ${name}=${foreign}: ${text.slice(0, 160)}`);
          if (response.status >= 300 && writes.length > 0) violations.push(`${caller.key} ${operation.method} ${operation.path} (${name}=${foreign}) → ${response.status} but wrote ${writes.map((w) => w.table).join(', ')}`);
        }
      }
    }
    console.log(`authorization (body and filter ids): ${calls} calls, ${violations.length} violations`);
    expect(violations, violations.slice(0, 40).join('\n')).toEqual([]);
  }, 300_000);
});

/** Foreign ids (other than the one the caller sent) that an answer shows. */
function leakedIds(text: string, caller: Principal, sent: string): string[] {
  const own = harvests.get(caller.key)!.all;
  const found = text.match(/[a-z]{2,5}_[0-9a-z]{26}/g) ?? [];
  const foreign = new Set<string>();
  for (const other of principals) if (tenantOf(other) !== tenantOf(caller)) for (const id of harvests.get(other.key)!.all) foreign.add(id);
  return [...new Set(found)].filter((id) => id !== sent && foreign.has(id) && !own.has(id) && !publicIds.has(id));
}

function isErrorOnly(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return Object.keys(body).length === 1 && typeof (body.error as { code?: unknown } | undefined)?.code === 'string';
  } catch {
    return false;
  }
}
