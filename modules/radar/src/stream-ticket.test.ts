import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStreamTickets } from './stream-ticket.ts';
import { reaches, type LiveEvent } from './live-bus.ts';

const now = new Date('2026-11-22T08:00:00Z');

describe('stream tickets', () => {
  const tickets = createStreamTickets(randomBytes(32));
  const audience = { userId: 'usr_a', organizationId: 'org_m', team: 'organization' as const };

  it('round-trips the audience for its surface within a minute', () => {
    const { ticket, expiresAt } = tickets.issue(audience, 'admin', now);
    expect(expiresAt.getTime() - now.getTime()).toBe(60_000);
    expect(tickets.verify(ticket, 'admin', new Date(now.getTime() + 59_000))).toEqual(audience);
  });

  it('refuses an expired ticket, another surface, a tampered payload and another key', () => {
    const { ticket } = tickets.issue(audience, 'admin', now);
    expect(tickets.verify(ticket, 'admin', new Date(now.getTime() + 60_000))).toBeNull();
    expect(tickets.verify(ticket, 'shop', now)).toBeNull();
    const [payload, signature] = ticket.split('.');
    const forged = Buffer.from(JSON.stringify({ ...audience, team: 'all', surface: 'admin', exp: now.getTime() + 60_000 })).toString('base64url');
    expect(tickets.verify(`${forged}.${signature}`, 'admin', now)).toBeNull();
    expect(createStreamTickets(randomBytes(32)).verify(`${payload}.${signature}`, 'admin', now)).toBeNull();
    expect(tickets.verify('garbage', 'admin', now)).toBeNull();
  });
});

describe('who hears a live event', () => {
  const event = (ownerUserId: string, organizationId: string, type: LiveEvent['type'] = 'activity'): LiveEvent => ({ type, ownerUserId, organizationId, occurredAt: now.toISOString(), text: { 'zh-CN': 'x', en: 'x' } });
  it('the owner always; a manager their organisation; platform managers everyone; notifications only the owner', () => {
    const guide = { userId: 'usr_g', organizationId: 'org_m', team: 'none' as const };
    const boss = { userId: 'usr_b', organizationId: 'org_m', team: 'organization' as const };
    const platform = { userId: 'usr_p', organizationId: 'org_p', team: 'all' as const };
    expect(reaches(guide, event('usr_g', 'org_m'))).toBe(true);
    expect(reaches(guide, event('usr_x', 'org_m'))).toBe(false);
    expect(reaches(boss, event('usr_x', 'org_m'))).toBe(true);
    expect(reaches(boss, event('usr_x', 'org_other'))).toBe(false);
    expect(reaches(platform, event('usr_x', 'org_other'))).toBe(true);
    expect(reaches(boss, event('usr_x', 'org_m', 'notification'))).toBe(false);
  });
});
