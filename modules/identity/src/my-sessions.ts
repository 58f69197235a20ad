import { recordAudit } from '@linkmall/audit';
import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { authenticated, defineRoute, idParam, IsoDateTimeSchema, jsonResponse, OpenAPIHono, unwrap, z, type AppEnv } from '@linkmall/http';
import type { Kysely } from 'kysely';
import type { IdentityErrorCode } from './identity-errors.ts';
import type { IdentityTables } from './identity-tables.ts';

const t = (db: Db) => db as Kysely<IdentityTables>;

export interface MySession {
  readonly id: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The sign-in this request came with. */
  readonly current: boolean;
}

/**
 * A member's own sign-ins (ASVS 3.3.4): every live session of theirs, on any device and surface, and
 * ending one or all the others, say after losing a phone. Ending is audited; the current session is
 * ended by signing out, so "the others" never includes it.
 */
export function createMySessions(db: Db) {
  const live = (userId: string, now: Date) =>
    t(db).selectFrom('sessions').where('user_id', '=', userId).where('revoked_at', 'is', null).where('expires_at', '>', now);

  async function audit(tx: Db, ctx: RequestContext, revoked: string[]) {
    await recordAudit(tx, ctx, { action: 'user.own_sessions_ended', entityType: 'user', entityId: ctx.actor!.userId, organizationId: ctx.actor!.organizationId, before: null, after: { sessionIds: revoked } });
  }

  return {
    async list(ctx: RequestContext): Promise<MySession[]> {
      const actor = ctx.actor!;
      const rows = await live(actor.userId, ctx.clock.now()).select(['id', 'created_at', 'expires_at', 'ip', 'user_agent']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
      return rows.map((row) => ({
        id: row.id,
        createdAt: row.created_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        ip: row.ip,
        userAgent: row.user_agent,
        current: row.id === actor.sessionId,
      }));
    },

    /** Ends one of the member's other sessions; someone else's, or one already ended, is not found. */
    async end(ctx: RequestContext, sessionId: string): Promise<Result<{ revoked: number }, IdentityErrorCode>> {
      const actor = ctx.actor!;
      if (sessionId === actor.sessionId) return err('session_not_found');
      return inTransaction(db, async (tx) => {
        const now = ctx.clock.now();
        const ended = await t(tx)
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('id', '=', sessionId)
          .where('user_id', '=', actor.userId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .returning('id')
          .execute();
        if (ended.length === 0) return err('session_not_found');
        await audit(tx, ctx, [sessionId]);
        return ok({ revoked: 1 });
      });
    },

    /** Ends every session of the member but this one. Nothing to end is not an error: `revoked` is 0. */
    async endOthers(ctx: RequestContext): Promise<{ revoked: number }> {
      const actor = ctx.actor!;
      return inTransaction(db, async (tx) => {
        const now = ctx.clock.now();
        const ended = await t(tx)
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('user_id', '=', actor.userId)
          .where('id', '!=', actor.sessionId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .returning('id')
          .execute();
        if (ended.length > 0) await audit(tx, ctx, ended.map((row) => row.id));
        return { revoked: ended.length };
      });
    },
  };
}
export type MySessions = ReturnType<typeof createMySessions>;

const MySessionSchema = z
  .object({
    id: z.string(),
    createdAt: IsoDateTimeSchema,
    expiresAt: IsoDateTimeSchema,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean().openapi({ description: 'The sign-in this request came with' }),
  })
  .openapi('MySession');
const Revoked = jsonResponse(z.object({ revoked: z.number().int() }), 'Sessions ended');

/** `/me/sessions` on a surface (console or shop): the same three routes under that surface's tag. */
export function mySessionRoutes(sessions: MySessions, tag: string) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/me/sessions',
        tags: [tag],
        summary: 'My live sign-ins on every device, newest first',
        responses: { 200: jsonResponse(z.object({ items: z.array(MySessionSchema) }), 'Sign-ins') },
      }),
      async (c) => c.json({ items: await sessions.list(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/me/sessions/end-others',
        tags: [tag],
        summary: 'Sign out every other device (audited)',
        responses: { 200: Revoked },
      }),
      async (c) => c.json(await sessions.endOthers(c.var.ctx), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/me/sessions/{id}/end',
        tags: [tag],
        summary: 'Sign out one other device (audited)',
        request: { params: z.object({ id: idParam('ses') }) },
        responses: { 200: Revoked },
      }),
      async (c) => c.json(unwrap(await sessions.end(c.var.ctx, c.req.valid('param').id)), 200),
    );
}
