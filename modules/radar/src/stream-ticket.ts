import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@linkmall/kernel';
import type { StreamAudience } from './live-bus.ts';

export type StreamSurface = 'shop' | 'admin';
export const STREAM_TICKET_TTL_MS = 60_000;

/** The audience of a stream opened by `actor`: managers (radar.team) also hear their team's cards. */
export function audienceOf(actor: Actor, surface: StreamSurface): StreamAudience {
  const organizationId = actor.organizationId;
  const manager = surface === 'admin' && actor.permissions.has('radar.team');
  const team = !manager ? 'none' : actor.scope.kind === 'all' ? 'all' : actor.scope.kind === 'merchant' ? 'organization' : 'none';
  return { userId: actor.userId, organizationId, team };
}

/**
 * EventSource cannot send an Authorization header, so a signed-in client first asks for a ticket: the
 * stream's audience, its surface and a one-minute expiry, signed with HMAC-SHA256. Stateless, so any
 * API process holding the key accepts it; short-lived, because it travels in a URL.
 */
export function createStreamTickets(secret: Buffer) {
  if (secret.length < 32) throw new Error('the stream ticket secret needs 32 bytes');
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    issue(audience: StreamAudience, surface: StreamSurface, now: Date): { ticket: string; expiresAt: Date } {
      const expiresAt = new Date(now.getTime() + STREAM_TICKET_TTL_MS);
      const payload = Buffer.from(JSON.stringify({ ...audience, surface, exp: expiresAt.getTime() })).toString('base64url');
      return { ticket: `${payload}.${sign(payload)}`, expiresAt };
    },
    verify(ticket: string, surface: StreamSurface, now: Date): StreamAudience | null {
      const [payload, signature, extra] = ticket.split('.');
      if (!payload || !signature || extra !== undefined) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StreamAudience & { surface: StreamSurface; exp: number };
        if (claims.surface !== surface || typeof claims.exp !== 'number' || claims.exp <= now.getTime()) return null;
        return { userId: claims.userId, organizationId: claims.organizationId, team: claims.team };
      } catch {
        return null;
      }
    },
  };
}
export type StreamTickets = ReturnType<typeof createStreamTickets>;
