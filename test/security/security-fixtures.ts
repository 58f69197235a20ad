import { permissionsOf, type Role } from '@linkmall/identity';
import type { TestPlatform } from '../../apps/api/test/harness.ts';
import { ID_SHAPE, type OperationShape } from './openapi-samples.ts';

/**
 * What both security suites share: the demo principals (two tenants for every tenant-scoped role),
 * who may call which operation, an exact write probe and a harvest of the ids each principal can see.
 */

export interface Principal {
  readonly key: string;
  readonly role: Role;
  readonly phone: string;
  token: string;
  userId: string;
  organizationId: string | null;
}

/** The first login of each role, then a second tenant of every role that owns data. */
const LOGINS: ReadonlyArray<[key: string, role: Role, phone: string]> = [
  ['platform_admin', 'platform_admin', '13800000001'],
  ['operations', 'operations', '13800000002'],
  ['finance', 'finance', '13800000003'],
  ['sales', 'sales', '13800000004'],
  ['supplier_admin', 'supplier_admin', '13900000001'],
  ['merchant_admin', 'merchant_admin', '13700000001'],
  ['shop_guide', 'shop_guide', '13600000001'],
  ['consumer', 'consumer', '13500000001'],
  ['supplier_admin_2', 'supplier_admin', '13900000002'],
  ['merchant_admin_2', 'merchant_admin', '13700000002'],
  ['shop_guide_2', 'shop_guide', '13600000002'],
  ['consumer_2', 'consumer', '13500000002'],
];

export async function signInPrincipals(t: TestPlatform): Promise<Principal[]> {
  const principals: Principal[] = [];
  for (const [key, role, phone] of LOGINS) {
    const principal: Principal = { key, role, phone, token: '', userId: '', organizationId: null };
    await refreshSession(t, principal);
    principals.push(principal);
  }
  return principals;
}

/** Signs a principal in again (an accepted fuzz case may have been a logout). */
export async function refreshSession(t: TestPlatform, principal: Principal): Promise<void> {
  principal.token = await t.login(principal.phone, principal.role === 'consumer' ? 'shop' : 'admin');
  const me = (await t.json('GET', '/shop/me', { token: principal.token })).body;
  principal.userId = me.id ?? me.userId;
  principal.organizationId = me.organizationId ?? null;
}

/** Whether a principal passes an operation's access rule (what the permission matrix proves). */
export function mayCall(principal: Principal, operation: OperationShape): boolean {
  const access = operation.access;
  if (!access || access.kind === 'public') return true;
  if (access.kind === 'signed') return false;
  if (operation.path.startsWith('/admin/') && principal.role === 'consumer') return false;
  if (access.kind === 'authenticated') return true;
  return permissionsOf([principal.role]).has(access.permission as never);
}

export interface LoggedWrite {
  readonly table: string;
  readonly op: string;
}

/**
 * Every committed row change, logged by a trigger on every table of this test database. A rolled-back
 * transaction leaves no log row, so "nothing was written" is exact, and the log names what was.
 */
export async function installWriteProbe(t: TestPlatform) {
  const sql = t.database.executeSql;
  await sql('create table if not exists security_write_log (seq bigserial primary key, table_name text not null, op text not null)');
  await sql(`create or replace function security_log_write() returns trigger language plpgsql as $$
    begin insert into security_write_log (table_name, op) values (TG_TABLE_NAME, TG_OP); return null; end $$`);
  const tables = (await sql(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> 'security_write_log'",
  )).rows as Array<{ name: string }>;
  for (const { name } of tables) {
    await sql(`drop trigger if exists security_write_probe on "${name}"`);
    await sql(`create trigger security_write_probe after insert or update or delete on "${name}" for each row execute function security_log_write()`);
  }
  let last = Number(((await sql('select coalesce(max(seq), 0)::text as seq from security_write_log')).rows[0] as { seq: string }).seq);
  return {
    tables: tables.length,
    /** The row changes committed since the previous call (one query, so it can run around every request). */
    async writes(): Promise<LoggedWrite[]> {
      // Ordered by the number, not its text (the alias would sort '1000' before '999' and replay rows).
      const { rows } = await sql('select l.seq::text as position, l.table_name, l.op from security_write_log l where l.seq > $1 order by l.seq', [last]);
      const logged = rows as Array<{ position: string; table_name: string; op: string }>;
      for (const row of logged) last = Math.max(last, Number(row.position));
      return logged.map((row) => ({ table: row.table_name, op: row.op }));
    },
  };
}
export type WriteProbe = Awaited<ReturnType<typeof installWriteProbe>>;

/** Ids a principal can see: by the list route that showed them, and all together. */
export interface Harvest {
  readonly byList: Map<string, Set<string>>;
  readonly all: Set<string>;
}

/** Calls every GET without path parameters the principal may use and collects the ids in the answers. */
export async function harvestIds(t: TestPlatform, operations: readonly OperationShape[], principal: Principal | null): Promise<Harvest> {
  const harvest: Harvest = { byList: new Map(), all: new Set() };
  for (const operation of operations) {
    if (operation.method !== 'GET' || operation.pathParams.length > 0 || operation.access?.kind === 'signed') continue;
    if (/\.csv$|\/export|\/stream$|\/file$/.test(operation.path)) continue;
    if (principal ? !mayCall(principal, operation) : operation.access?.kind !== 'public') continue;
    const query = operation.queryParams.some((p) => p.name === 'pageSize') ? '?pageSize=100' : '';
    const response = await t.request('GET', `${operation.path}${query}`, principal ? { token: principal.token } : {});
    if (response.status !== 200 || !/json/.test(response.headers.get('content-type') ?? '')) continue;
    const ids = new Set<string>();
    collectIds(await response.json(), ids);
    harvest.byList.set(operation.path, ids);
    for (const id of ids) harvest.all.add(id);
  }
  return harvest;
}

function collectIds(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 12 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (ID_SHAPE.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into, depth + 1);
  } else if (typeof value === 'object') {
    for (const item of Object.values(value)) collectIds(item, into, depth + 1);
  }
}

/** The list route a templated path's id comes from: `/admin/products/{id}/submit` → `/admin/products`. */
export function listPathOf(path: string): string {
  return path.slice(0, path.indexOf('/{')).replace(/\/$/, '');
}

/** Every id stored in any `id` column, by type prefix (the fuzz suite's pool of real ids). */
export async function idsInDatabase(t: TestPlatform): Promise<Map<string, string[]>> {
  const sql = t.database.executeSql;
  const tables = (await sql("select table_name from information_schema.columns where table_schema = 'public' and column_name = 'id' and data_type = 'text'")).rows as Array<{ table_name: string }>;
  const byPrefix = new Map<string, string[]>();
  for (const { table_name } of tables) {
    const { rows } = await sql(`select id from "${table_name}" order by id limit 50`);
    for (const { id } of rows as Array<{ id: string }>) {
      if (!ID_SHAPE.test(id)) continue;
      const prefix = id.slice(0, id.indexOf('_'));
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), id]);
    }
  }
  return byPrefix;
}
