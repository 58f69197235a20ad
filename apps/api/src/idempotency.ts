import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { sql, type Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import { ApiFailure, type AppEnv } from '@linkmall/http';

interface IdempotencyTables {
  idempotency_keys: {
    scope: string;
    key: string;
    request_hash: string;
    status_code: number | null;
    response_body: unknown;
    created_at: Date;
  };
}

/**
 * `Idempotency-Key` on a write: the first request runs and its answer is stored; a retry with the same
 * key and body gets the stored answer without acting again; the same key with a different body is a
 * 409. Keys are per caller, so two users cannot collide. A 5xx answer is not stored, so it can be retried.
 * An answer marked `Cache-Control: no-store` (one that shows a secret once) keeps only its status: the
 * secret must not sit in this table in clear, so a replay answers the status with no body.
 */
export function idempotency(db: Db): MiddlewareHandler<AppEnv> {
  const q = db as Kysely<IdempotencyTables>;
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!key || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (key.length > 100 || !/^[\w.:-]+$/.test(key)) throw new ApiFailure('validation_failed', { field: 'Idempotency-Key' });
    const ctx = c.var.ctx;
    const scope = `${ctx.actor?.userId ?? `anon:${ctx.ip ?? ''}`}:${c.req.method}:${c.req.path}`;
    // Through Hono's body cache, not the raw stream: an earlier middleware may have read the body
    // already, and cloning a consumed request throws ('unusable'), a 500 on every keyed write.
    const body = await c.req.text();
    const requestHash = createHash('sha256').update(body).digest('hex');
    const inserted = await q
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash, status_code: null, response_body: null, created_at: ctx.clock.now() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const existing = await q.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
      if (!existing) throw new ApiFailure('idempotency_in_progress');
      if (existing.request_hash !== requestHash) throw new ApiFailure('idempotency_conflict');
      if (existing.status_code === null) throw new ApiFailure('idempotency_in_progress');
      c.header('Idempotent-Replayed', 'true');
      return existing.response_body === null
        ? c.body(null, existing.status_code as 204)
        : c.json(existing.response_body as object, existing.status_code as 200);
    }
    try {
      await next();
    } catch (error) {
      await q.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
      throw error;
    }
    const status = c.res.status;
    if (status >= 500) {
      await q.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
      return;
    }
    const text = /no-store/i.test(c.res.headers.get('cache-control') ?? '') ? '' : await c.res.clone().text();
    await q
      .updateTable('idempotency_keys')
      .set({ status_code: status, response_body: text ? text : null })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  };
}

/** How long a key is remembered: a client retries within minutes, and a day is what payment APIs promise. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/**
 * Forgets keys older than the TTL, in batches. This also frees a key whose request was cut off (a
 * killed process, a lost database) and so never got its answer: its retries answer
 * `idempotency_in_progress` until then, because nobody can tell whether the cut-off work committed.
 */
export async function purgeIdempotencyKeys(db: Db, now: Date, batchSize = 5_000): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  let purged = 0;
  for (;;) {
    const batch = await sql`
      delete from idempotency_keys where (scope, key) in (select scope, key from idempotency_keys where created_at < ${before} limit ${batchSize})`.execute(db);
    const deleted = Number(batch.numAffectedRows ?? 0n);
    purged += deleted;
    if (deleted < batchSize) return purged;
  }
}
