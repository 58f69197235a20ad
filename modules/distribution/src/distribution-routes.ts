import type { RequestContext } from '@linkmall/kernel';
import { authenticated, defineRoute, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import { err } from '@linkmall/kernel';
import { rewardLinesCsv } from './reward-lines-csv.ts';
import { rulesPage } from './rules-page.ts';
import type { DistributionService } from './distribution-service.ts';
import {
  BindBody,
  ComplianceSchema,
  dayOf,
  LineQuerySchema,
  MeSchema,
  MemberIdParam,
  MemberSchema,
  PackageBody,
  ProfileDefinitionBody,
  ProfileSchemaJson,
  RewardLineSchema,
  RulesPageSchema,
  toJsonNumbers,
  toLineJson,
  toMemberJson,
  TreeQuerySchema,
  PersonSchema,
} from './distribution-schemas.ts';
import type { LineFilter } from './distribution-reads.ts';
import { maskDisplayName, namesAround, noNames, type NameLookup, type PersonName } from './member-names.ts';

/** Finds users by phone (through identity's phone hash) or name, and names the members on screen. */
export interface UserDirectory {
  search(ctx: RequestContext, query: string): Promise<{ userId: string; displayName: string }[]>;
  /** Display names and masked phones of the members (and payees) a screen shows. */
  names: NameLookup;
}

const MANAGE = requires('distribution.manage');
const READ = requires('commission.read');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ProfileIdParam = z.object({ id: z.string().regex(/^dpf_[0-9a-z]{26}$/).openapi({ param: { in: 'path', required: true }, example: 'dpf_01jd3x7k9q2w8e5r4t6y1u3i0o' }) });
const ProductIdParam = z.object({ productId: z.string().regex(/^[a-z]{2,4}_[0-9a-z]{26}$/).openapi({ param: { in: 'path', required: true }, example: 'prd_01jd3x7k9q2w8e5r4t6y1u3i0o' }) });
const ProfileWithCompliance = ProfileSchemaJson.extend({ compliance: ComplianceSchema }).openapi('DistributionProfileWithCompliance');
const MAX_EXPORT_LINES = 50_000;

function lineFilter(query: z.infer<typeof LineQuerySchema>): LineFilter {
  return {
    ...(query.memberId ? { memberId: query.memberId } : {}),
    ...(query.orderId ? { orderId: query.orderId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.from ? { fromDay: dayOf(query.from) } : {}),
    ...(query.to ? { toDay: dayOf(query.to) } : {}),
  };
}

/** Console: commission profiles, the member explorer, reward lines and their export, package products. */
export function distributionAdminRoutes(distribution: DistributionService, users: UserDirectory) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/distribution/profiles',
        tags: ['Distribution'],
        summary: 'Commission profiles (分佣方案), newest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(ProfileSchemaJson, 'DistributionProfilePage'), 'A page of profiles') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await distribution.profiles.list(query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'post',
        path: '/distribution/profiles',
        tags: ['Distribution'],
        summary: 'Create a draft version of a profile (validated; activation is separate)',
        request: body(ProfileDefinitionBody),
        responses: { 201: jsonResponse(ProfileSchemaJson, 'The draft') },
      }),
      async (c) => c.json(unwrap(await distribution.profiles.createDraft(c.var.ctx, c.req.valid('json').definition)), 201),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/distribution/profiles/{id}',
        tags: ['Distribution'],
        summary: 'A profile with its compliance report',
        request: { params: ProfileIdParam },
        responses: { 200: jsonResponse(ProfileWithCompliance, 'The profile') },
      }),
      async (c) => c.json(toJsonNumbers(unwrap(await distribution.profiles.get(c.req.valid('param').id))), 200),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'post',
        path: '/distribution/profiles/{id}/activate',
        tags: ['Distribution'],
        summary: 'Activate a draft (the active one retires); refused when it violates its own caps',
        request: { params: ProfileIdParam },
        responses: { 200: jsonResponse(ProfileSchemaJson, 'The active profile') },
      }),
      async (c) => c.json(toJsonNumbers(unwrap(await distribution.profiles.activate(c.var.ctx, c.req.valid('param').id))), 200),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/distribution/members',
        tags: ['Distribution'],
        summary: 'Find distribution members by phone number or name',
        request: { query: z.object({ q: z.string().trim().min(1).max(50) }) },
        responses: { 200: jsonResponse(z.object({ items: z.array(MemberSchema) }), 'Matching members') },
      }),
      async (c) => {
        const found = await users.search(c.var.ctx, c.req.valid('query').q);
        const members = await distribution.members.byIds(found.map((user) => user.userId));
        const names = await users.names(members.map((member) => member.id));
        return c.json({ items: members.map((member) => toMemberJson(member, names.get(member.id) ?? null)) }, 200);
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/distribution/members/{memberId}',
        tags: ['Distribution'],
        summary: 'A member with counts of their referral tree, team and bosses who broke away, and review flags',
        request: { params: z.object({ memberId: MemberIdParam }) },
        responses: {
          200: jsonResponse(
            z.object({ member: MemberSchema, people: z.record(z.string(), PersonSchema).openapi({ description: 'Names of the member, their referrer, boss, peer upline and slots, by id' }), referralCount: z.number().int(), teamCount: z.number().int(), brokeAwayCount: z.number().int(), reviewFlags: z.array(z.object({ reason: z.string(), orderId: z.string().nullable(), createdAt: z.string() })) }).openapi('DistributionMemberDetail'),
            'The member',
          ),
        },
      }),
      async (c) => {
        const { memberId } = c.req.valid('param');
        const member = await distribution.members.get(memberId);
        if (!member) return unwrap(err('member_not_found'));
        const counts = await distribution.members.counts(memberId);
        const names = await namesAround(users.names, [member]);
        const people = Object.fromEntries([...names].map(([id, person]) => [id, { displayName: person.displayName, phoneMasked: person.phoneMasked }]));
        return c.json({ member: toMemberJson(member, names.get(memberId) ?? null), people, referralCount: counts.referrals, teamCount: counts.team, brokeAwayCount: counts.brokeAway, reviewFlags: await distribution.members.reviewFlags(memberId) }, 200);
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/distribution/members/{memberId}/children',
        tags: ['Distribution'],
        summary: 'One level of a member’s referral tree (推荐树), team tree (团队树) or broken-away bosses, paginated',
        request: { params: z.object({ memberId: MemberIdParam }), query: TreeQuerySchema },
        responses: { 200: jsonResponse(pageOf(MemberSchema, 'DistributionMemberPage'), 'A page of members') },
      }),
      async (c) => {
        const { memberId } = c.req.valid('param');
        const query = c.req.valid('query');
        const page = { page: query.page, pageSize: query.pageSize };
        const result = query.tree === 'team' ? await distribution.members.teamMembers(memberId, page) : query.tree === 'broke_away' ? await distribution.members.brokeAway(memberId, page) : await distribution.members.referralChildren(memberId, page);
        const names = await users.names(result.items.map((member) => member.id));
        return c.json({ items: result.items.map((member) => toMemberJson(member, names.get(member.id) ?? null)), total: result.total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(READ, {
        method: 'get',
        path: '/distribution/reward-lines',
        tags: ['Distribution'],
        summary: 'Reward lines (佣金明细) filtered by member, order, kind, status and date, newest first',
        request: { query: LineQuerySchema.extend(PageQuerySchema.shape) },
        responses: { 200: jsonResponse(pageOf(RewardLineSchema, 'DistributionRewardLinePage'), 'A page of reward lines') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const result = await distribution.rewards.lines(lineFilter(query), query);
        // Names of the payees and buyers on this page only: finance reads names here without user.read.
        const names = await users.names(result.items.flatMap((line) => [line.payeeId, line.sourceUserId]));
        return c.json({ items: result.items.map((line) => toLineJson(line, names)), total: result.total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(READ, {
        method: 'get',
        path: '/distribution/reward-lines.csv',
        tags: ['Distribution'],
        summary: '佣金明细导出: the filtered reward lines as CSV (UTF-8 with BOM, amounts in yuan)',
        request: { query: LineQuerySchema },
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
      }),
      async (c) => {
        const result = await distribution.rewards.linesForExport(lineFilter(c.req.valid('query')), MAX_EXPORT_LINES);
        const names = await users.names(result.items.flatMap((line) => [line.payeeId, line.sourceUserId]));
        return c.body(rewardLinesCsv(result.items, names), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="commission-lines.csv"' });
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/distribution/package-products',
        tags: ['Distribution'],
        summary: 'Products sold as the gift package (礼包)',
        responses: { 200: jsonResponse(z.object({ productIds: z.array(z.string()) }), 'Package product ids') },
      }),
      async (c) => c.json({ productIds: await distribution.packages.list() }, 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'put',
        path: '/distribution/package-products/{productId}',
        tags: ['Distribution'],
        summary: 'Mark or unmark a product as the gift package: paying for it makes the buyer an agent',
        request: { params: ProductIdParam, ...body(PackageBody) },
        responses: { 200: jsonResponse(z.object({ productId: z.string(), isPackage: z.boolean() }), 'The flag') },
      }),
      async (c) => c.json(await distribution.packages.mark(c.var.ctx, c.req.valid('param').productId, c.req.valid('json').isPackage), 200),
    );
}

/** Shop: binding a referrer, the member's own distribution centre, and the published rules. */
export function distributionShopRoutes(distribution: DistributionService, options: { publicBaseUrl: string; names?: NameLookup }) {
  const names = options.names ?? noNames;
  /** Another member as the shop shows them: display name masked (林*雨), phone already masked. */
  const masked = (person: PersonName | undefined): PersonName | null => (person ? { displayName: maskDisplayName(person.displayName), phoneMasked: person.phoneMasked } : null);
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/distribution/bind',
        tags: ['Distribution'],
        summary: '锁粉: bind my referrer from an invite code (first valid binding wins; no self-referral, cycles or rebinding)',
        request: body(BindBody),
        responses: { 200: jsonResponse(z.object({ referrerId: z.string(), duplicate: z.boolean() }), 'The bound referrer') },
      }),
      async (c) => c.json(unwrap(await distribution.members.bind(c.var.ctx, c.req.valid('json').inviteCode)), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/distribution/me',
        tags: ['Distribution'],
        summary: 'My role, slots, team, bosses who broke away, invite code and share link',
        responses: { 200: jsonResponse(MeSchema, 'My distribution centre') },
      }),
      async (c) => {
        const userId = c.var.ctx.actor!.userId;
        const member = await distribution.members.ensure(c.var.ctx, userId);
        const inviteCode = await distribution.members.inviteCode(userId);
        const counts = await distribution.members.counts(userId);
        const team = await distribution.members.teamMembers(userId, { page: 1, pageSize: 50 });
        const brokeAway = await distribution.members.brokeAway(userId, { page: 1, pageSize: 50 });
        const people = await names([...team.items, ...brokeAway.items].map((item) => item.id));
        return c.json(
          {
            member: toMemberJson(member),
            // Only agents and bosses can refer (the engine refuses a plain member as referrer).
            inviteCode: member.role === 'MEMBER' ? null : inviteCode,
            shareUrl: member.role === 'MEMBER' || !inviteCode ? null : `${options.publicBaseUrl}/h5/?invite=${inviteCode}`,
            referralCount: counts.referrals,
            teamCount: counts.team,
            brokeAwayCount: counts.brokeAway,
            teamMembers: team.items.map((item) => toMemberJson(item, masked(people.get(item.id)))),
            brokeAway: brokeAway.items.map((item) => toMemberJson(item, masked(people.get(item.id)))),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/distribution/packages',
        tags: ['Distribution'],
        summary: 'The gift package products (礼包): buying one makes the buyer an agent',
        responses: { 200: jsonResponse(z.object({ productIds: z.array(z.string()) }), 'Package product ids') },
      }),
      async (c) => c.json({ productIds: await distribution.packages.list() }, 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/distribution/rules',
        tags: ['Distribution'],
        summary: '规则公示: the distribution rules, generated from the active profile, in the caller’s language',
        responses: { 200: jsonResponse(RulesPageSchema, 'The rules page') },
      }),
      async (c) => {
        const active = await distribution.profiles.active();
        if (!active) return unwrap(err('profile_not_found'));
        return c.json(rulesPage(active.profile, c.var.ctx.locale, active.version), 200);
      },
    );
}
