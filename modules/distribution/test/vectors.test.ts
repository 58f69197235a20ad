import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.ts';

/**
 * Every case of liandong-vectors.json (the spec's sample of expected results, copied beside this test
 * from the shared spec) replayed through the simulator function and compared with its `expect` block.
 */
interface VectorCase {
  name: string;
  profile: unknown;
  events: { id: string }[];
  expect: {
    profileRejected?: boolean;
    events?: Record<string, { credits?: [string, string, number, string][]; changes?: unknown[]; members?: Record<string, Record<string, unknown>>; accepted?: boolean; code?: string }>;
    members?: Record<string, Record<string, unknown>>;
    balances?: Record<string, { pendingFen: number; settledFen: number }>;
  };
}

const vectors = JSON.parse(readFileSync(new URL('./fixtures/liandong-vectors.json', import.meta.url), 'utf8')) as Record<string, VectorCase>;

describe('liandong-vectors.json', () => {
  for (const [key, vector] of Object.entries(vectors)) {
    it(`${key}: ${vector.name}`, async () => {
      const result = await simulate({ profile: vector.profile, events: vector.events });
      if (vector.expect.profileRejected) {
        expect(result.exitCode).toBe(2);
        expect(result.output).toMatchObject({ profile: { valid: false } });
        return;
      }
      expect(result.exitCode).toBe(0);
      if (!('events' in result.output)) throw new Error('expected a replay');
      const output = result.output;
      expect(output.profile.valid).toBe(true);
      // Members are compared after each event, so the replay is cut at every event with expectations.
      for (const [eventId, expected] of Object.entries(vector.expect.events ?? {})) {
        const actual = output.events.find((event) => event.id === eventId);
        expect(actual, eventId).toBeDefined();
        if (expected.accepted === false || expected.code) {
          expect(actual).toMatchObject({ accepted: false, code: expected.code });
          continue;
        }
        if (!actual!.accepted) throw new Error(`${eventId} rejected: ${actual!.code}`);
        if (expected.credits) {
          expect(actual!.credits.map((credit) => [credit.beneficiary, credit.type, credit.amountFen, credit.status]), `${eventId} credits`).toEqual(expected.credits);
        }
        if (expected.members) {
          const upTo = vector.events.slice(0, vector.events.findIndex((event) => event.id === eventId) + 1);
          const partial = await simulate({ profile: vector.profile, events: upTo });
          if (!('members' in partial.output)) throw new Error('expected members');
          for (const [memberId, memberState] of Object.entries(expected.members)) {
            expect(partial.output.members[memberId], `${eventId} ${memberId}`).toMatchObject(memberState);
          }
        }
      }
      for (const [memberId, memberState] of Object.entries(vector.expect.members ?? {})) {
        expect(output.members[memberId], memberId).toMatchObject(memberState);
      }
      for (const [memberId, balance] of Object.entries(vector.expect.balances ?? {})) {
        expect(output.balances[memberId], memberId).toEqual(balance);
      }
    });
  }
});
