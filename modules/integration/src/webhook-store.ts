import { countRows, pageWindow, sql, type Db, type Kysely, type PageRequest, type Selectable } from '@linkmall/db';
import type { DeliveryStatus, IntegrationTables, WebhookAttemptTable, WebhookDeliveryTable, WebhookEndpointTable } from './integration-tables.ts';

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;
export type AttemptRow = Selectable<WebhookAttemptTable>;

const t = (db: Db) => db as Kysely<IntegrationTables>;

/** The only file touching the webhook tables. */
export const webhookStore = {
  async insertEndpoint(db: Db, row: EndpointRow): Promise<EndpointRow> {
    return t(db).insertInto('integration_webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();
  },
  async findEndpoint(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<EndpointRow | null> {
    let query = t(db).selectFrom('integration_webhook_endpoints').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
    if (options.forUpdate) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  },
  async endpointsByIds(db: Db, ids: readonly string[]): Promise<Map<string, EndpointRow>> {
    if (ids.length === 0) return new Map();
    const rows = await t(db).selectFrom('integration_webhook_endpoints').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [row.id, row]));
  },
  async listEndpoints(db: Db, page: PageRequest): Promise<{ items: EndpointRow[]; total: number }> {
    const query = t(db).selectFrom('integration_webhook_endpoints').selectAll().where('deleted_at', 'is', null);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async updateEndpoint(db: Db, id: string, patch: Partial<Omit<EndpointRow, 'id' | 'created_at' | 'created_by'>>): Promise<EndpointRow> {
    return t(db).updateTable('integration_webhook_endpoints').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },
  /** Enabled endpoints subscribed to an event type (the GIN index on event_types answers it). */
  async subscribersOf(db: Db, eventType: string): Promise<{ id: string }[]> {
    return t(db)
      .selectFrom('integration_webhook_endpoints')
      .select('id')
      .where('enabled', '=', true)
      .where('deleted_at', 'is', null)
      .where(sql<boolean>`event_types @> array[${eventType}]::text[]`)
      .execute();
  },

  /** One delivery per (event, endpoint): a repeated enqueue (a retried outbox delivery) adds nothing. */
  async enqueue(db: Db, rows: readonly DeliveryRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await t(db)
      .insertInto('integration_webhook_deliveries')
      .values([...rows])
      .onConflict((conflict) => conflict.columns(['event_id', 'endpoint_id']).where('redelivery_of', 'is', null).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  },
  async insertDelivery(db: Db, row: DeliveryRow): Promise<DeliveryRow> {
    return t(db).insertInto('integration_webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();
  },
  /**
   * Claims due deliveries (or the one named): counts the attempt and pushes the due time ahead by a
   * lease, in one statement; SKIP LOCKED keeps two senders off the same row.
   */
  async claimDue(db: Db, now: Date, leaseUntil: Date, limit: number, onlyId?: string): Promise<DeliveryRow[]> {
    let due = t(db).selectFrom('integration_webhook_deliveries').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now);
    if (onlyId) due = due.where('id', '=', onlyId);
    return t(db)
      .updateTable('integration_webhook_deliveries')
      .set({ next_attempt_at: leaseUntil, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', due.orderBy('next_attempt_at').limit(limit).forUpdate().skipLocked())
      .returningAll()
      .execute();
  },
  async finish(db: Db, id: string, patch: { status: DeliveryStatus; next_attempt_at?: Date; last_status_code: number | null; last_error: string | null; finished_at: Date | null }): Promise<void> {
    await t(db).updateTable('integration_webhook_deliveries').set(patch).where('id', '=', id).execute();
  },
  async recordAttempt(db: Db, row: AttemptRow): Promise<void> {
    await t(db).insertInto('integration_webhook_attempts').values(row).onConflict((conflict) => conflict.columns(['delivery_id', 'attempt']).doNothing()).execute();
  },
  async findDelivery(db: Db, id: string): Promise<DeliveryRow | null> {
    return (await t(db).selectFrom('integration_webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  },
  async listDeliveries(db: Db, endpointId: string, status: DeliveryStatus | undefined, page: PageRequest): Promise<{ items: DeliveryRow[]; total: number }> {
    let query = t(db).selectFrom('integration_webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
    if (status) query = query.where('status', '=', status);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await Promise.all([query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { items, total };
  },
  async attemptsOf(db: Db, deliveryId: string): Promise<AttemptRow[]> {
    return t(db).selectFrom('integration_webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
  },
};
