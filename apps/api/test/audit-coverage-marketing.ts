import { expect } from 'vitest';
import type { TestPlatform } from './harness.ts';

/**
 * One successful call per admin write route. A new write route without an entry here fails the
 * first test, so every admin write is proven to leave an audit entry.
 */
export interface WriteCase {
  path: string;
  body?: unknown;
  entityId: (response: any) => string;
  /** Checks of the entry beyond who, what, before and after. */
  verify?: (entry: any) => void;
  /** Writes only a merchant may make are made as that merchant (周杰) instead of the platform admin. */
  token?: string;
}

/** What the cases need from the suite: its platform, the platform admin's session, a supplier id. */
interface Suite {
  readonly t: TestPlatform;
  readonly admin: string;
  supplierId(): Promise<string>;
}

/** The audit cases of the marketing-operations routes: growth, integrations, replenishment, analytics. */
export function marketingWriteCases(suite: () => Suite): Record<string, () => Promise<WriteCase>> {
  // Read when a case runs: the suite's platform and session exist only after its beforeAll.
  const t = { json: ((...args) => suite().t.json(...args)) as TestPlatform['json'], get database() { return suite().t.database; } };
  const token = () => suite().admin;
  const supplierId = () => suite().supplierId();
  let growthLevelNumber = 0;

  /** A webhook endpoint to a closed local port, and a daily orders export, for the integration cases. */
  async function auditWebhook(): Promise<string> {
    return (await t.json('POST', '/admin/integrations/webhooks', { token: token(), body: { name: '审计端点', url: 'http://127.0.0.1:9/hook', eventTypes: ['lead.created'] } })).body.endpoint.id;
  }
  async function auditSchedule(): Promise<string> {
    return (await t.json('POST', '/admin/integrations/export-schedules', { token: token(), body: { name: '审计计划', report: 'leads', frequency: 'daily' } })).body.id;
  }

  /** A level with thresholds no other level has. */
  function growthLevel(seed: number) {
    growthLevelNumber++;
    return { nameZh: `审计等级${seed}`, nameEn: `Audit level ${seed}`, minPoints: 900_000 + growthLevelNumber, minInvites: 0, extraCommissionBps: 0, priorityShipping: false, hotProductAccess: false };
  }

  /** A draft invite campaign running this week, with a fen budget of 100 yuan. */
  function growthCampaign() {
    return {
      nameZh: '审计活动',
      nameEn: 'Audit campaign',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      budgetUnit: 'fen',
      budgetTotal: 10_000,
      minOrderFen: 100,
      tiers: [{ fromInvite: 1, toInvite: null, rateBps: 500 }],
      ladder: [{ invites: 1, reward: { kind: 'gift', nameZh: '茶具', nameEn: 'Tea set', costFen: 1_000 } }],
    };
  }

  /** A ladder gift waiting to be shipped (a decision the invite engine would have made). */
  async function growthGiftToShip(): Promise<string> {
    const campaignId = (await t.json('POST', '/admin/growth/campaigns', { token: token(), body: growthCampaign() })).body.id as string;
    const id = `grw_${Date.now().toString(36).padStart(10, '0')}${'0'.repeat(16)}`.slice(0, 30);
    await t.database.executeSql(
      `insert into growth_rewards (id, campaign_id, member_id, kind, cause_key, ladder_invites, unit, requested_amount, granted_amount, decision, state, gift_name_zh, gift_name_en, day, created_at, updated_at)
       values ($1, $2, 'usr_00000000000000000000000000', 'ladder_gift', $3, 1, 'fen', 1000, 1000, 'granted', 'to_ship', '茶具', 'Tea set', 20000, now(), now())`,
      [id, campaignId, `audit:${id}`],
    );
    return id;
  }

  return {
    // Growth campaigns: points rules, levels, campaigns and their lifecycle, shipping a ladder gift.
    'PUT /admin/growth/point-rules/{action}': async () => ({ path: '/admin/growth/point-rules/share', body: { enabled: true, points: 6, pointsPerYuan: 0, dailyCap: 30 }, entityId: () => 'growth_point_rule:share', verify: (entry) => expect([entry.before.points, entry.after.points]).toEqual([5, 6]) }),
    'POST /admin/growth/levels': async () => ({ path: '/admin/growth/levels', body: growthLevel(1), entityId: (response) => response.id }),
    'PUT /admin/growth/levels/{id}': async () => {
      const id = (await t.json('POST', '/admin/growth/levels', { token: token(), body: growthLevel(2) })).body.id;
      return { path: `/admin/growth/levels/${id}`, body: { ...growthLevel(2), extraCommissionBps: 150 }, entityId: () => id, verify: (entry) => expect([entry.before.extraCommissionBps, entry.after.extraCommissionBps]).toEqual([0, 150]) };
    },
    'DELETE /admin/growth/levels/{id}': async () => {
      const id = (await t.json('POST', '/admin/growth/levels', { token: token(), body: growthLevel(3) })).body.id;
      return { path: `/admin/growth/levels/${id}`, entityId: () => id };
    },
    'POST /admin/growth/campaigns': async () => ({ path: '/admin/growth/campaigns', body: growthCampaign(), entityId: (response) => response.id }),
    'PATCH /admin/growth/campaigns/{id}': async () => {
      const id = (await t.json('POST', '/admin/growth/campaigns', { token: token(), body: growthCampaign() })).body.id;
      return { path: `/admin/growth/campaigns/${id}`, body: { budgetTotal: 20_000 }, entityId: () => id, verify: (entry) => expect([entry.before.budgetTotal, entry.after.budgetTotal]).toEqual([10_000, 20_000]) };
    },
    'POST /admin/growth/campaigns/{id}/status': async () => {
      const id = (await t.json('POST', '/admin/growth/campaigns', { token: token(), body: growthCampaign() })).body.id;
      return { path: `/admin/growth/campaigns/${id}/status`, body: { action: 'activate' }, entityId: () => id, verify: (entry) => expect([entry.before.status, entry.after.status]).toEqual(['draft', 'active']) };
    },
    'POST /admin/growth/rewards/{id}/shipped': async () => {
      const id = await growthGiftToShip();
      return { path: `/admin/growth/rewards/${id}/shipped`, entityId: () => id, verify: (entry) => expect([entry.before.state, entry.after.state]).toEqual(['to_ship', 'shipped']) };
    },
    // Integrations: webhook endpoints (a closed local port: sends fail fast and are logged), API keys, scheduled exports.
    'POST /admin/integrations/webhooks': async () => ({ path: '/admin/integrations/webhooks', body: { name: '审计 Webhook', url: 'http://127.0.0.1:9/hook', eventTypes: ['order.paid'] }, entityId: (response) => response.endpoint.id, verify: (entry) => expect(JSON.stringify(entry.after)).not.toContain('whsec_') }),
    'PATCH /admin/integrations/webhooks/{id}': async () => {
      const id = await auditWebhook();
      return { path: `/admin/integrations/webhooks/${id}`, body: { enabled: false }, entityId: () => id, verify: (entry) => expect([entry.before.enabled, entry.after.enabled]).toEqual([true, false]) };
    },
    'POST /admin/integrations/webhooks/{id}/rotate-secret': async () => {
      const id = await auditWebhook();
      return { path: `/admin/integrations/webhooks/${id}/rotate-secret`, entityId: () => id, verify: (entry) => expect(JSON.stringify(entry.after)).not.toContain('whsec_') };
    },
    'DELETE /admin/integrations/webhooks/{id}': async () => {
      const id = await auditWebhook();
      return { path: `/admin/integrations/webhooks/${id}`, entityId: () => id };
    },
    'POST /admin/integrations/webhooks/{id}/test': async () => ({ path: `/admin/integrations/webhooks/${await auditWebhook()}/test`, entityId: (response) => response.id }),
    'POST /admin/integrations/webhook-deliveries/{id}/redeliver': async () => {
      const delivery = (await t.json('POST', `/admin/integrations/webhooks/${await auditWebhook()}/test`, { token: token() })).body.id;
      return { path: `/admin/integrations/webhook-deliveries/${delivery}/redeliver`, entityId: (response) => response.id, verify: (entry) => expect(entry.after.redeliveryOf).toBe(delivery) };
    },
    'POST /admin/integrations/api-keys': async () => ({ path: '/admin/integrations/api-keys', body: { name: '审计密钥', scopes: ['orders:read'] }, entityId: (response) => response.key.id, verify: (entry) => expect(JSON.stringify(entry.after)).not.toContain('pks_') }),
    'POST /admin/integrations/api-keys/{id}/revoke': async () => {
      const id = (await t.json('POST', '/admin/integrations/api-keys', { token: token(), body: { name: '审计吊销', scopes: ['leads:read'] } })).body.key.id;
      return { path: `/admin/integrations/api-keys/${id}/revoke`, entityId: () => id, verify: (entry) => expect([entry.before.revoked, entry.after.revoked]).toEqual([false, true]) };
    },
    'POST /admin/integrations/export-schedules': async () => ({ path: '/admin/integrations/export-schedules', body: { name: '审计导出', report: 'orders', frequency: 'daily' }, entityId: (response) => response.id }),
    'PATCH /admin/integrations/export-schedules/{id}': async () => {
      const id = await auditSchedule();
      return { path: `/admin/integrations/export-schedules/${id}`, body: { format: 'xlsx' }, entityId: () => id, verify: (entry) => expect([entry.before.format, entry.after.format]).toEqual(['csv', 'xlsx']) };
    },
    'DELETE /admin/integrations/export-schedules/{id}': async () => ({ path: `/admin/integrations/export-schedules/${await auditSchedule()}`, entityId: (response) => response.id }),
    'POST /admin/integrations/export-schedules/{id}/run': async () => ({ path: `/admin/integrations/export-schedules/${await auditSchedule()}/run`, entityId: (response) => response.id }),
    // Supplier replenishment: the platform sets a supplier's defaults, and one SKU's own values and stock on order.
    'PUT /admin/replenishment/suppliers/{id}/settings': async () => ({
      path: `/admin/replenishment/suppliers/${await supplierId()}/settings`,
      body: { leadTimeDays: 10, reviewPeriodDays: 5, serviceLevelBps: 9000 },
      entityId: (response) => response.supplierId,
      verify: (entry) => expect([entry.before, entry.after.leadTimeDays, entry.after.source]).toEqual([null, 10, 'supplier']),
    }),
    'PUT /admin/replenishment/skus/{id}/settings': async () => {
      const { rows } = await t.database.executeSql("select id from skus where sku_code = 'LY-005-2'", []);
      const id = (rows[0] as { id: string }).id;
      return { path: `/admin/replenishment/skus/${id}/settings`, body: { leadTimeDays: 5, onOrderQuantity: 12 }, entityId: () => id, verify: (entry) => expect([entry.before, entry.after.onOrderQuantity]).toEqual([null, 12]) };
    },
    // Marketing spend: recorded, and reversed by a linked negative entry (the entry's audit trail carries both).
    'POST /admin/analytics/spend': async () => ({
      path: '/admin/analytics/spend',
      body: { day: '2026-11-20', channel: 'card', amountFen: 12_345, province: '浙江省', campaign: '审计投放' },
      entityId: (response) => response.id,
      verify: (entry) => expect([entry.before, entry.after.amountFen, entry.after.campaign]).toEqual([null, 12_345, '审计投放']),
    }),
    'POST /admin/analytics/spend/{id}/reverse': async () => {
      const id = (await t.json('POST', '/admin/analytics/spend', { token: token(), body: { day: '2026-11-21', channel: 'direct', amountFen: 500 } })).body.id as string;
      return { path: `/admin/analytics/spend/${id}/reverse`, body: { reason: '重复录入' }, entityId: (response) => response.reversesId, verify: (entry) => expect([entry.before.amountFen, entry.after.amountFen, entry.after.note]).toEqual([500, -500, '重复录入']) };
    },
  };
}
