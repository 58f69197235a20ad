import { describe, expect, it } from 'vitest';
import { createInProcessLimits } from '@linkmall/events';
import { systemContext } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { createChatService } from './chat-service.ts';
import { createAnswerEngine } from './answer-engine.ts';

// Two chat services stand for two API processes; the shared counters stand for PostgreSQL or Redis.
// The card lookup answers "no such card", so each admitted question ends before any database work.
const service = (sharedLimits?: ReturnType<typeof createInProcessLimits>) =>
  createChatService({
    db: null as unknown as Db,
    engine: createAnswerEngine(null),
    cards: { card: async () => null, owner: async () => { throw new Error('not asked'); }, organization: async () => [] },
    consent: { granted: async () => false },
    limits: { perVisitor: { max: 3, windowMs: 60_000 }, perAddress: { max: 1_000, windowMs: 60_000 } },
    sharedLimits,
  });

const ctx = { ...systemContext({ now: () => new Date('2026-11-23T09:00:01+08:00') }), ip: '203.0.113.20' };
const question = { cardId: 'crd_x', visitorId: 'visitor-1', question: '脐橙甜吗' };

describe('assistant rate limits across processes', () => {
  it('gives a visitor one budget over every process when the counters are shared', async () => {
    const shared = createInProcessLimits();
    const processes = [service(shared), service(shared)];
    const codes: string[] = [];
    for (let index = 0; index < 4; index++) {
      const result = await processes[index % 2]!.ask(ctx, question);
      codes.push(result.ok ? 'ok' : result.code);
    }
    expect(codes).toEqual(['assistant_card_not_found', 'assistant_card_not_found', 'assistant_card_not_found', 'assistant_rate_limited']);
  });

  it('counts per process without shared counters (one embedded process)', async () => {
    const processes = [service(), service()];
    const codes: string[] = [];
    for (let index = 0; index < 4; index++) {
      const result = await processes[index % 2]!.ask(ctx, question);
      codes.push(result.ok ? 'ok' : result.code);
    }
    expect(codes).not.toContain('assistant_rate_limited');
  });
});
