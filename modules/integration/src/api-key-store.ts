import { countRows, pageWindow, type Db, type Kysely, type PageRequest, type Selectable } from '@linkmall/db';
import type { ApiKeyTable, IntegrationTables } from './integration-tables.ts';

export type ApiKeyRow = Selectable<ApiKeyTable>;

const t = (db: Db) => db as Kysely<IntegrationTables>;

/** The only file touching integration_api_keys. */
export const apiKeyStore = {
  async insert(db: Db, row: ApiKeyRow): Promise<ApiKeyRow> {
    return t(db).insertInto('integration_api_keys').values(row).returningAll().executeTakeFirstOrThrow();
  },
  async find(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ApiKeyRow | null> {
    let query = t(db).selectFrom('integration_api_keys').selectAll().where('id', '=', id);
    if (options.forUpdate) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async list(db: Db, page: PageRequest): Promise<{ items: ApiKeyRow[]; total: number }> {
    const query = t(db).selectFrom('integration_api_keys').selectAll();
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async revoke(db: Db, id: string, now: Date): Promise<ApiKeyRow> {
    return t(db).updateTable('integration_api_keys').set({ revoked_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },
  /** At most one write a minute per key: the last-used time is for people, not for accounting. */
  async touch(db: Db, id: string, now: Date): Promise<void> {
    await t(db)
      .updateTable('integration_api_keys')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
      .execute();
  },
};
