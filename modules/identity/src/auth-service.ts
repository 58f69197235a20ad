import { createHash, randomBytes } from 'node:crypto';
import { err, newId, ok, type Actor, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, isUniqueViolation, type Db } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import { dummyPasswordHash, verifyPassword } from './domain/password-policy.ts';
import { canUseConsole, permissionsOf, scopeOf } from './domain/roles.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { IdentityErrorCode } from './identity-errors.ts';
import { identityStore as store, type UserRow } from './identity-store.ts';
import { toUserView, type UserView } from './user-view.ts';

export type Surface = 'console' | 'shop';

export interface SignedIn {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: UserView;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createAuthService(deps: IdentityDeps) {
  const { db, pii, loginPolicy } = deps;

  async function openSession(tx: Db, ctx: RequestContext, user: UserRow, surface: Surface): Promise<SignedIn> {
    const now = ctx.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + deps.sessionTtlMs[surface]);
    await store.insertSession(tx, {
      id: newId('ses', now.getTime()),
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      ip: ctx.ip ?? null,
      user_agent: ctx.userAgent?.slice(0, 300) ?? null,
    });
    await store.updateUser(tx, user.id, { last_login_at: now });
    return { token, expiresAt: expiresAt.toISOString(), user: toUserView({ ...user, last_login_at: now }, ctx.locale) };
  }

  async function recordAttempt(ctx: RequestContext, phoneHash: string, succeeded: boolean) {
    const now = ctx.clock.now();
    await store.recordLoginAttempt(db, {
      id: newId('lga', now.getTime()),
      phone_hash: phoneHash,
      ip: ctx.ip ?? null,
      succeeded,
      attempted_at: now,
    });
  }

  /** Locked when this phone, or this client address, failed too often within the window. */
  async function lockout(ctx: RequestContext, phoneHash: string): Promise<Result<void, IdentityErrorCode | 'rate_limited'>> {
    const now = ctx.clock.now();
    const since = new Date(now.getTime() - loginPolicy.windowMs);
    const byPhone = await store.recentFailures(db, { phoneHash }, since);
    if (byPhone.count >= loginPolicy.maxFailuresPerPhone) {
      const unlockAt = (byPhone.oldest?.getTime() ?? now.getTime()) + loginPolicy.windowMs;
      return err('login_locked', { retryAfterMinutes: Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000)) });
    }
    if (ctx.ip) {
      const byIp = await store.recentFailures(db, { ip: ctx.ip }, since);
      if (byIp.count >= loginPolicy.maxFailuresPerIp) return err('rate_limited');
    }
    return ok(undefined);
  }

  return {
    /** Phone + password sign-in, rate limited per phone and per client address. */
    async login(
      ctx: RequestContext,
      input: { phone: string; password: string; surface: Surface },
    ): Promise<Result<SignedIn, IdentityErrorCode | 'rate_limited'>> {
      const phoneHash = pii.searchHash(input.phone);
      const locked = await lockout(ctx, phoneHash);
      if (!locked.ok) return locked;
      const user = await store.findUserByPhoneHash(db, phoneHash);
      const passwordMatches = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
      if (!user || !user.password_hash || !passwordMatches) {
        await recordAttempt(ctx, phoneHash, false);
        return err('invalid_credentials');
      }
      if (user.status !== 'active') return err('account_disabled');
      if (input.surface === 'console' && !canUseConsole(user.roles)) return err('console_access_denied');
      await recordAttempt(ctx, phoneHash, true);
      return ok(await inTransaction(db, (tx) => openSession(tx, ctx, user, input.surface)));
    },

    /** Mini-program sign-in: the first visit of an openid registers a consumer. */
    async loginWithWechat(ctx: RequestContext, input: { code: string }): Promise<Result<SignedIn & { created: boolean }, IdentityErrorCode>> {
      const session = await deps.wechat.code2Session(input.code);
      if (!session.ok) return session;
      const { openId, unionId } = session.value;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          return ok(
            await inTransaction(db, async (tx) => {
              const existing = await store.findWechatIdentity(tx, deps.wechat.appId, openId);
              if (existing) {
                const user = await store.findUserById(tx, existing.user_id);
                if (!user) throw new Error(`wechat identity ${openId} points at missing user`);
                if (user.status !== 'active') throw new AccountDisabled();
                return { ...(await openSession(tx, ctx, user, 'shop')), created: false };
              }
              const now = ctx.clock.now();
              const userId = newId('usr', now.getTime());
              const user: UserRow = {
                id: userId,
                organization_id: null,
                roles: ['consumer'],
                display_name: `微信用户${openId.slice(-4)}`,
                phone_cipher: null,
                phone_hash: null,
                phone_masked: null,
                password_hash: null,
                status: 'active',
                created_at: now,
                updated_at: now,
                last_login_at: null,
                organization_kind: null,
                organization_name: null,
              };
              const { organization_kind: _kind, organization_name: _name, ...row } = user;
              await store.insertUser(tx, row);
              const bound = await store.insertWechatIdentity(tx, { app_id: deps.wechat.appId, open_id: openId, union_id: unionId, user_id: userId, created_at: now });
              // Another first login of this openid committed in between: roll back ours and use theirs.
              if (!bound) throw new LostBindingRace();
              await publishEvent(tx, ctx, { type: 'user.registered', aggregateId: userId, payload: { userId, channel: 'wechat' } });
              return { ...(await openSession(tx, ctx, user, 'shop')), created: true };
            }),
          );
        } catch (error) {
          if (error instanceof AccountDisabled) return err('account_disabled');
          // Two first logins of one openid raced; the loser retries and finds the winner's user.
          if (attempt === 0 && (error instanceof LostBindingRace || isUniqueViolation(error))) continue;
          throw error;
        }
      }
      throw new Error('unreachable');
    },

    async logout(ctx: RequestContext): Promise<void> {
      if (ctx.actor) await store.revokeSession(db, ctx.actor.sessionId, ctx.clock.now());
    },

    /** Resolves a bearer token to the acting user, or null when it is unknown, expired, revoked or disabled. */
    async authenticate(token: string, now: Date): Promise<Actor | null> {
      if (token.length < 20 || token.length > 100) return null;
      const row = await store.findLiveSession(db, hashToken(token), now);
      if (!row || row.status !== 'active' || row.organization_status === 'suspended') return null;
      return {
        userId: row.user_id,
        sessionId: row.session_id,
        displayName: row.display_name,
        organizationId: row.organization_id,
        organizationKind: row.organization_kind,
        roles: row.roles,
        permissions: permissionsOf(row.roles),
        scope: scopeOf({ id: row.user_id, organizationId: row.organization_id, organizationKind: row.organization_kind }),
      };
    },

    async me(ctx: RequestContext): Promise<Result<UserView, IdentityErrorCode>> {
      const user = ctx.actor ? await store.findUserById(db, ctx.actor.userId) : undefined;
      return user ? ok(toUserView(user, ctx.locale)) : err('user_not_found');
    },

    /** Scheduled clean-up: expired sessions and old login attempts. */
    async purgeExpired(now: Date): Promise<{ sessions: number; loginAttempts: number }> {
      const day = 24 * 3_600_000;
      return {
        sessions: await store.deleteExpiredSessions(db, new Date(now.getTime() - day)),
        loginAttempts: await store.deleteLoginAttemptsBefore(db, new Date(now.getTime() - 30 * day)),
      };
    },

  };
}

class AccountDisabled extends Error {}
class LostBindingRace extends Error {}

export type AuthService = ReturnType<typeof createAuthService>;
