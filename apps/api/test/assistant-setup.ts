import { randomBytes } from 'node:crypto';
import { newId, systemClock } from '@linkmall/kernel';
import { createTestDatabase } from '@linkmall/testing';
import type { AssistantVisitorBehaviour as VisitorBehaviour, LeadContext } from '@linkmall/assistant';
import type { AssistantCardFacts } from '@linkmall/flows';
import { createApp } from '../src/create-app.ts';
import { createPlatform, inProcessPlatformOptions } from '../src/platform.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo-seed.ts';
import type { AssistantPlatformOptions } from '../src/assistant-wiring.ts';

/**
 * A platform whose assistant ports (cards, consent, behaviour, leads) are small real implementations
 * over this test's own data, so the assistant is tested before and apart from the modules that
 * provide them in production.
 */
export async function startAssistantPlatform(overrides: Partial<AssistantPlatformOptions> = {}) {
  const database = await createTestDatabase();
  const cards = new Map<string, AssistantCardFacts>();
  const consented = new Set<string>();
  const leads = new Map<string, LeadContext>();
  const behaviours = new Map<string, VisitorBehaviour & { ownerUserId: string }>();
  const platform = createPlatform(
    database,
    inProcessPlatformOptions(randomBytes(32), {
      clock: systemClock,
      assistant: {
        cardFacts: async (cardId) => cards.get(cardId) ?? null,
        consent: { granted: async (cardId, visitorId) => consented.has(`${cardId}:${visitorId}`) },
        leads: {
          leadContext: async (leadId, ownerUserId) => {
            const found = leads.get(leadId);
            return found && found.ownerUserId === ownerUserId ? found : null;
          },
        },
        behaviour: {
          behaviour: async (ownerUserId, visitorIds) =>
            new Map(visitorIds.flatMap((id) => {
              const found = behaviours.get(id);
              return found && found.ownerUserId === ownerUserId ? [[id, found] as const] : [];
            })),
        },
        ...overrides,
      },
    }),
  );
  await seedDemo(platform);
  const app = createApp(platform);
  const json = async (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await app.request(path, {
      method,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (phone: string, surface: 'admin' | 'shop' = 'admin') => {
    const { status, body } = await json('POST', `/${surface}/auth/login`, { body: { phone, password: DEMO_PASSWORD } });
    if (status !== 200) throw new Error(`login ${phone}: ${status}`);
    return body.token as string;
  };
  const sql = async <T>(text: string, values: unknown[] = []) => (await database.executeSql(text, values)).rows as T[];
  const userId = async (phone: string) => (await json('GET', '/shop/me', { token: await login(phone, 'shop') })).body.id as string;
  const organizationOf = async (name: string) => (await sql<{ id: string }>('select id from organizations where name = $1', [name]))[0]!.id;

  /** 孙丽's card at 成都锦里好物小店, the demo merchant whose storefront sells five products. */
  async function jinliCard(featuredProductIds: string[] = []): Promise<string> {
    const cardId = newId('crd');
    cards.set(cardId, { ownerUserId: await userId('13600000003'), organizationId: await organizationOf('成都锦里好物小店'), ownerName: '孙丽', company: '成都锦里好物小店', featuredProductIds });
    return cardId;
  }

  return { database, platform, app, json, login, sql, userId, organizationOf, jinliCard, cards, consented, leads, behaviours, close: () => database.destroy() };
}
export type AssistantPlatform = Awaited<ReturnType<typeof startAssistantPlatform>>;

export const visitorId = () => `v_${randomBytes(12).toString('base64url')}`;
