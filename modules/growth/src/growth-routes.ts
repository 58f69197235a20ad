import { ApiFailure, authenticated, defineRoute, publicAccess, idParam, jsonResponse, OpenAPIHono, pageOf, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { RequestContext } from '@linkmall/kernel';
import type { GrowthModule } from './growth-service.ts';
import {
  AdminPointLineSchema,
  AdminRewardSchema,
  CampaignActionSchema,
  CampaignDetailSchema,
  CampaignInputSchema,
  CampaignPatchSchema,
  CampaignQuerySchema,
  CampaignSchema,
  InviteProgressSchema,
  LevelInputSchema,
  LevelSchema,
  MemberGrowthSchema,
  PointActionSchema,
  PointLineQuerySchema,
  PointLineSchema,
  PointsRuleInputSchema,
  PointsRuleSchema,
  RewardQuerySchema,
  RewardSchema,
} from './growth-schemas.ts';

const manage = requires('growth.manage');
const TAGS = ['Growth campaigns'];
const SHOP_TAGS = ['My growth'];
const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const CampaignParams = z.object({ id: idParam('gcp') });
const LevelParams = z.object({ id: idParam('glv') });
const RewardParams = z.object({ id: idParam('grw') });
const MemberParams = z.object({ id: idParam('usr') });

/**
 * Growth configuration is platform-wide: beyond the permission, only platform staff (data scope
 * "all") may use it, so a permission granted to an organisation's role could never reach it.
 */
function platformScope(c: { var: { ctx: RequestContext } }): void {
  if (c.var.ctx.actor?.scope.kind !== 'all') throw new ApiFailure('forbidden');
}

/** Display names of members, from identity (the composition root passes its lookup). */
export type GrowthNameLookup = (ids: readonly string[]) => Promise<ReadonlyMap<string, { displayName: string }>>;
const noNames: GrowthNameLookup = async () => new Map();

const toDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
const toBig = (value: number | undefined) => (value === undefined ? undefined : BigInt(value));

/** The console: points rules and ledger, levels, campaigns and their rewards (growth.manage). */
export function growthAdminRoutes(growth: GrowthModule, options: { names?: GrowthNameLookup } = {}) {
  const names = options.names ?? noNames;
  const nameOf = (found: ReadonlyMap<string, { displayName: string }>, id: string | null) => (id ? (found.get(id)?.displayName ?? null) : null);
  return new OpenAPIHono<AppEnv>()
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/point-rules', tags: TAGS, summary: 'Points per action (share, review, order) with daily caps', responses: { 200: jsonResponse(z.object({ items: z.array(PointsRuleSchema) }).openapi('GrowthPointsRuleList'), 'The rules') } }), async (c) => {
      platformScope(c);
      return c.json({ items: await growth.points.rules() }, 200);
    })
    .openapi(defineRoute(manage, { method: 'put', path: '/growth/point-rules/{action}', tags: TAGS, summary: 'Set the points and daily cap of an action (audited)', request: { params: z.object({ action: PointActionSchema }), ...jsonBody(PointsRuleInputSchema) }, responses: { 200: jsonResponse(PointsRuleSchema, 'The rule') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.points.updateRule(c.var.ctx, { action: c.req.valid('param').action, ...c.req.valid('json') })), 200);
    })
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/points', tags: TAGS, summary: 'The points ledger, newest first, by member or action', request: { query: PointLineQuerySchema }, responses: { 200: jsonResponse(pageOf(AdminPointLineSchema, 'GrowthPointLinePage'), 'A page of lines') } }), async (c) => {
      platformScope(c);
      const { page, pageSize, ...filter } = c.req.valid('query');
      const { items, total } = await growth.points.lines(filter, { page, pageSize });
      const found = await names(items.map((line) => line.memberId));
      return c.json({ items: items.map((line) => ({ ...line, memberName: nameOf(found, line.memberId) })), total, page, pageSize }, 200);
    })
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/members/{id}', tags: TAGS, summary: 'A member’s points, qualified invites, level and privileges', request: { params: MemberParams }, responses: { 200: jsonResponse(MemberGrowthSchema, 'The member') } }), async (c) => {
      platformScope(c);
      return c.json(await growth.members.summary(c.req.valid('param').id), 200);
    })
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/levels', tags: TAGS, summary: 'Levels from the lowest, with thresholds and privileges', responses: { 200: jsonResponse(z.object({ items: z.array(LevelSchema) }).openapi('GrowthLevelList'), 'The levels') } }), async (c) => {
      platformScope(c);
      return c.json({ items: await growth.levels.list() }, 200);
    })
    .openapi(defineRoute(manage, { method: 'post', path: '/growth/levels', tags: TAGS, summary: 'Add a level (audited)', request: jsonBody(LevelInputSchema), responses: { 201: jsonResponse(LevelSchema, 'The level') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.levels.create(c.var.ctx, c.req.valid('json'))), 201);
    })
    .openapi(defineRoute(manage, { method: 'put', path: '/growth/levels/{id}', tags: TAGS, summary: 'Change a level (audited)', request: { params: LevelParams, ...jsonBody(LevelInputSchema) }, responses: { 200: jsonResponse(LevelSchema, 'The level') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.levels.update(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200);
    })
    .openapi(defineRoute(manage, { method: 'delete', path: '/growth/levels/{id}', tags: TAGS, summary: 'Remove a level; members fall to the level below (audited)', request: { params: LevelParams }, responses: { 200: jsonResponse(LevelSchema, 'The removed level') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.levels.remove(c.var.ctx, c.req.valid('param').id)), 200);
    })
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/campaigns', tags: TAGS, summary: 'Campaigns, newest first, by status', request: { query: CampaignQuerySchema }, responses: { 200: jsonResponse(pageOf(CampaignSchema, 'GrowthCampaignPage'), 'A page of campaigns') } }), async (c) => {
      platformScope(c);
      const { page, pageSize, status } = c.req.valid('query');
      return c.json({ ...(await growth.campaigns.list(status, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(defineRoute(manage, { method: 'post', path: '/growth/campaigns', tags: TAGS, summary: 'Create a draft campaign: ladder rewards and tiered invite rates with a budget (audited)', request: jsonBody(CampaignInputSchema), responses: { 201: jsonResponse(CampaignSchema, 'The campaign') } }), async (c) => {
      platformScope(c);
      const body = c.req.valid('json');
      return c.json(unwrap(await growth.campaigns.create(c.var.ctx, { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt), budgetTotal: BigInt(body.budgetTotal), minOrderFen: BigInt(body.minOrderFen) })), 201);
    })
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/campaigns/{id}', tags: TAGS, summary: 'One campaign with its reward counts', request: { params: CampaignParams }, responses: { 200: jsonResponse(CampaignDetailSchema, 'The campaign') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.campaigns.get(c.req.valid('param').id)), 200);
    })
    .openapi(defineRoute(manage, { method: 'patch', path: '/growth/campaigns/{id}', tags: TAGS, summary: 'Edit a draft; once started, only the end date and the budget (audited)', request: { params: CampaignParams, ...jsonBody(CampaignPatchSchema) }, responses: { 200: jsonResponse(CampaignSchema, 'The campaign') } }), async (c) => {
      platformScope(c);
      const body = c.req.valid('json');
      const patch = Object.fromEntries(
        Object.entries({ ...body, startsAt: toDate(body.startsAt), endsAt: toDate(body.endsAt), budgetTotal: toBig(body.budgetTotal), minOrderFen: toBig(body.minOrderFen) }).filter(([, value]) => value !== undefined),
      );
      return c.json(unwrap(await growth.campaigns.update(c.var.ctx, c.req.valid('param').id, patch)), 200);
    })
    .openapi(defineRoute(manage, { method: 'post', path: '/growth/campaigns/{id}/status', tags: TAGS, summary: 'Activate, pause, resume or end a campaign (audited)', request: { params: CampaignParams, ...jsonBody(CampaignActionSchema) }, responses: { 200: jsonResponse(CampaignSchema, 'The campaign') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.campaigns.act(c.var.ctx, c.req.valid('param').id, c.req.valid('json').action)), 200);
    })
    .openapi(defineRoute(manage, { method: 'get', path: '/growth/rewards', tags: TAGS, summary: 'Reward decisions (granted, reduced, refused and why), by campaign, member or state', request: { query: RewardQuerySchema }, responses: { 200: jsonResponse(pageOf(AdminRewardSchema, 'GrowthRewardPage'), 'A page of rewards') } }), async (c) => {
      platformScope(c);
      const { page, pageSize, ...filter } = c.req.valid('query');
      const { items, total } = await growth.rewards.list(filter, { page, pageSize });
      const found = await names(items.flatMap((reward) => (reward.inviteeId ? [reward.memberId, reward.inviteeId] : [reward.memberId])));
      return c.json({ items: items.map((reward) => ({ ...reward, memberName: nameOf(found, reward.memberId), inviteeName: nameOf(found, reward.inviteeId) })), total, page, pageSize }, 200);
    })
    .openapi(defineRoute(manage, { method: 'post', path: '/growth/rewards/{id}/shipped', tags: TAGS, summary: 'Record that a ladder gift was shipped (audited)', request: { params: RewardParams }, responses: { 200: jsonResponse(RewardSchema, 'The reward') } }), async (c) => {
      platformScope(c);
      return c.json(unwrap(await growth.rewards.markShipped(c.var.ctx, c.req.valid('param').id)), 200);
    });
}

/** The member's own growth in the shop: points, level, privileges and invite progress. */
export function growthShopRoutes(growth: GrowthModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(defineRoute(authenticated, { method: 'get', path: '/growth/me', tags: SHOP_TAGS, summary: 'My points (能量值), level, next level and privileges', responses: { 200: jsonResponse(MemberGrowthSchema, 'My growth') } }), async (c) =>
      c.json(await growth.members.summary(c.var.ctx.actor!.userId), 200),
    )
    // Public: the shop names the level a hot product (爆品专享) needs, to visitors too.
    .openapi(defineRoute(publicAccess, { method: 'get', path: '/growth/levels', tags: SHOP_TAGS, summary: 'The levels from the lowest, with thresholds and privileges (names the level a hot product needs)', responses: { 200: jsonResponse(z.object({ items: z.array(LevelSchema) }).openapi('GrowthShopLevelList'), 'The levels') } }), async (c) =>
      c.json({ items: await growth.levels.list() }, 200),
    )
    .openapi(defineRoute(authenticated, { method: 'get', path: '/growth/points', tags: SHOP_TAGS, summary: 'My points history, newest first', request: { query: PointLineQuerySchema.omit({ memberId: true }) }, responses: { 200: jsonResponse(pageOf(PointLineSchema, 'MyGrowthPointLinePage'), 'A page of lines') } }), async (c) => {
      const { page, pageSize, action } = c.req.valid('query');
      return c.json({ ...(await growth.points.lines({ memberId: c.var.ctx.actor!.userId, ...(action ? { action } : {}) }, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(defineRoute(authenticated, { method: 'get', path: '/growth/invites', tags: SHOP_TAGS, summary: 'My invite progress in running campaigns: qualified invites, next step, next rate, my rewards', responses: { 200: jsonResponse(z.object({ items: z.array(InviteProgressSchema) }).openapi('GrowthInviteProgressList'), 'My progress') } }), async (c) =>
      c.json({ items: await growth.members.invites(c.var.ctx.actor!.userId, c.var.ctx.clock.now()) }, 200),
    );
}
