import { randomBytes } from 'node:crypto';
import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { PartnerScope } from './domain/partner-scopes.ts';
import { hasPlatformScope } from './integration-access.ts';
import type { IntegrationErrorCode } from './integration-errors.ts';
import { apiKeyStore as store, type ApiKeyRow } from './api-key-store.ts';

export interface ApiKeyView {
  /** The X-Partner-Id of signed calls. */
  id: string;
  name: string;
  scopes: string[];
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** What the signature check needs of a key: its secret in the clear and what it may read. */
export interface PartnerCredentials {
  readonly secret: string;
  readonly scopes: ReadonlySet<string>;
  readonly revoked: boolean;
}

type Outcome<T> = Promise<Result<T, IntegrationErrorCode>>;

const toView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  scopes: [...row.scopes],
  status: row.revoked_at ? 'revoked' : 'active',
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});
const snapshot = (row: ApiKeyRow) => ({ name: row.name, scopes: row.scopes, revoked: row.revoked_at !== null });

/**
 * Partner API keys for /open/*: created in the console (the secret shown once, stored encrypted
 * because every signed call is checked with it), scoped, revocable, with the time of last use.
 */
export function createApiKeyService(dependencies: { db: Db; pii: PiiCipher }) {
  const { db, pii } = dependencies;
  return {
    async list(ctx: RequestContext, page: PageRequest): Outcome<{ items: ApiKeyView[]; total: number }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const { items, total } = await store.list(db, page);
      return ok({ items: items.map(toView), total });
    },

    async create(ctx: RequestContext, input: { name: string; scopes: readonly PartnerScope[] }): Outcome<{ key: ApiKeyView; secret: string }> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      const now = ctx.clock.now();
      const secret = `pks_${randomBytes(32).toString('base64url')}`;
      return inTransaction(db, async (tx) => {
        const row = await store.insert(tx, { id: newId('pak', now.getTime()), name: input.name, secret_cipher: pii.encrypt(secret), scopes: [...new Set(input.scopes)], created_by: ctx.actor!.userId, created_at: now, revoked_at: null, last_used_at: null });
        await recordAudit(tx, ctx, { action: 'api_key.created', entityType: 'api_key', entityId: row.id, organizationId: null, before: null, after: snapshot(row) });
        return ok({ key: toView(row), secret });
      });
    },

    /** Refused from the next call on; a revoked key is never reactivated (create a new one). */
    async revoke(ctx: RequestContext, id: string): Outcome<ApiKeyView> {
      if (!hasPlatformScope(ctx)) return err('integration_scope_forbidden');
      return inTransaction(db, async (tx) => {
        const before = await store.find(tx, id, { forUpdate: true });
        if (!before) return err('api_key_not_found');
        if (before.revoked_at) return err('api_key_already_revoked');
        const after = await store.revoke(tx, id, ctx.clock.now());
        await recordAudit(tx, ctx, { action: 'api_key.revoked', entityType: 'api_key', entityId: id, organizationId: null, before: snapshot(before), after: snapshot(after) });
        return ok(toView(after));
      });
    },

    /** The credentials of a partner id, or null for no such key. */
    async credentials(partnerId: string): Promise<PartnerCredentials | null> {
      if (!/^pak_[0-9a-z]{26}$/.test(partnerId)) return null;
      const row = await store.find(db, partnerId);
      return row ? { secret: pii.decrypt(row.secret_cipher), scopes: new Set(row.scopes), revoked: row.revoked_at !== null } : null;
    },

    touch: (partnerId: string, now: Date) => store.touch(db, partnerId, now),
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
