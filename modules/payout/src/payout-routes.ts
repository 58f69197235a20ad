import { authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import { ANOMALY_RULES } from './domain/anomaly-rules.ts';
import { beijingMonthRange } from './domain/withdrawal-rules.ts';
import { WITHDRAWAL_STATUSES } from './domain/withdrawal-state.ts';
import type { AnomalyService } from './anomaly-service.ts';
import type { MemberNameLookup } from './payout-ports.ts';
import {
  AnomalySchema,
  BankBatchExportSchema,
  BankBatchPaidSchema,
  IdentitySchema,
  MonthQuerySchema,
  NoteSchema,
  ReasonSchema,
  RequestWithdrawalSchema,
  ResolveAnomalySchema,
  StatementSchema,
  UserIdQuery,
  VerifyIdentitySchema,
  WithdrawalSchema,
} from './payout-schemas.ts';
import type { StatementService } from './statement-service.ts';
import type { WithdrawalService } from './withdrawal-service.ts';

const WithdrawalParams = z.object({ id: idParam('wdr') });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const TAGS = ['Payouts'];

/** Members: identity verification, withdrawals and their monthly statement. */
export function payoutShopRoutes(withdrawals: WithdrawalService, statements: StatementService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, { method: 'get', path: '/payouts/identity', tags: TAGS, summary: 'My verified identity (ID number masked)', responses: { 200: jsonResponse(IdentitySchema, 'The identity') } }),
      async (c) => c.json(await withdrawals.identity(c.var.ctx), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/payouts/identity',
        tags: TAGS,
        summary: 'Verify real name and ID number, once (the number is stored encrypted and never returned in clear)',
        request: jsonBody(VerifyIdentitySchema),
        responses: { 200: jsonResponse(IdentitySchema, 'The verified identity') },
      }),
      async (c) => c.json(unwrap(await withdrawals.verifyIdentity(c.var.ctx, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/payouts/withdrawals',
        tags: TAGS,
        summary: 'Request a withdrawal from my available balance (fee charged on top; minimum, daily cap and identity checked)',
        request: jsonBody(RequestWithdrawalSchema),
        responses: { 201: jsonResponse(WithdrawalSchema, 'The withdrawal, requested or held for review') },
      }),
      async (c) => {
        const body = c.req.valid('json');
        return c.json(unwrap(await withdrawals.request(c.var.ctx, { ...body, amountFen: BigInt(body.amountFen) })), 201);
      },
    )
    .openapi(
      defineRoute(authenticated, { method: 'get', path: '/payouts/withdrawals', tags: TAGS, summary: 'My withdrawals, newest first', request: { query: PageQuerySchema }, responses: { 200: jsonResponse(pageOf(WithdrawalSchema, 'MyWithdrawalPage'), 'A page of withdrawals') } }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await withdrawals.listMine(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, { method: 'get', path: '/payouts/statements', tags: TAGS, summary: 'My monthly statement of 可提现 (Beijing month)', request: { query: MonthQuerySchema }, responses: { 200: jsonResponse(StatementSchema, 'The statement') } }),
      async (c) => c.json(unwrap(await statements.monthly(c.var.ctx.actor!.userId, c.req.valid('query').month)), 200),
    );
}

/** Finance: the withdrawal queue, two-person approval, payment, exports and team-health findings. */
export function payoutAdminRoutes(withdrawals: WithdrawalService, statements: StatementService, anomalies: AnomalyService, names: MemberNameLookup = async () => new Map()) {
  const withNames = async <T extends { memberId: string }>(items: T[]) => {
    const found = await names(items.map((item) => item.memberId));
    return items.map((item) => ({ ...item, memberName: found.get(item.memberId)?.displayName ?? null }));
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'get',
        path: '/payouts/withdrawals',
        tags: TAGS,
        summary: 'The withdrawal queue, filtered by status, member or method',
        request: { query: PageQuerySchema.extend({ status: z.enum(WITHDRAWAL_STATUSES).optional(), memberId: UserIdQuery.optional(), method: z.enum(['wechat', 'bank']).optional() }) },
        responses: { 200: jsonResponse(pageOf(WithdrawalSchema, 'WithdrawalPage'), 'A page of withdrawals') },
      }),
      async (c) => {
        const { page, pageSize, ...filter } = c.req.valid('query');
        const { items, total } = await withdrawals.list(c.var.ctx, filter, { page, pageSize });
        return c.json({ items: await withNames(items), total, page, pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'get',
        path: '/payouts/withdrawals.csv',
        tags: TAGS,
        summary: '提现明细导出: withdrawals requested in a month as CSV (UTF-8 with BOM, yuan, accounts masked)',
        request: { query: MonthQuerySchema },
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
      }),
      async (c) => {
        const { month } = c.req.valid('query');
        const csv = await withdrawals.exportCsv(c.var.ctx, beijingMonthRange(month));
        return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="withdrawals-${month}.csv"` });
      },
    )
    .openapi(
      defineRoute(requires('payout.approve'), { method: 'get', path: '/payouts/withdrawals/{id}', tags: TAGS, summary: 'One withdrawal', request: { params: WithdrawalParams }, responses: { 200: jsonResponse(WithdrawalSchema, 'The withdrawal') } }),
      async (c) => c.json((await withNames([unwrap(await withdrawals.get(c.var.ctx, c.req.valid('param').id))]))[0]!, 200),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/withdrawals/{id}/approve',
        tags: TAGS,
        summary: 'Approve; above the threshold a second approval by a different finance user follows (audited)',
        request: { params: WithdrawalParams },
        responses: { 200: jsonResponse(WithdrawalSchema, 'The approved withdrawal') },
      }),
      async (c) => c.json(unwrap(await withdrawals.approve(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/withdrawals/{id}/reject',
        tags: TAGS,
        summary: 'Reject an open or held withdrawal; amount and fee return to the member’s balance (audited)',
        request: { params: WithdrawalParams, ...jsonBody(ReasonSchema) },
        responses: { 200: jsonResponse(WithdrawalSchema, 'The rejected withdrawal') },
      }),
      async (c) => c.json(unwrap(await withdrawals.reject(c.var.ctx, c.req.valid('param').id, c.req.valid('json').reason)), 200),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/withdrawals/{id}/release',
        tags: TAGS,
        summary: 'Release a withdrawal held by team-health review into the approval queue (audited)',
        request: { params: WithdrawalParams, ...jsonBody(NoteSchema) },
        responses: { 200: jsonResponse(WithdrawalSchema, 'The released withdrawal') },
      }),
      async (c) => c.json(unwrap(await withdrawals.release(c.var.ctx, c.req.valid('param').id, c.req.valid('json').note)), 200),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/withdrawals/{id}/pay',
        tags: TAGS,
        summary: 'Pay an approved WeChat withdrawal through 商家转账到零钱 (audited)',
        request: { params: WithdrawalParams },
        responses: { 200: jsonResponse(WithdrawalSchema, 'The withdrawal: paying, paid or failed') },
      }),
      async (c) => c.json(unwrap(await withdrawals.pay(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/withdrawals/{id}/fail',
        tags: TAGS,
        summary: 'Record that a payment in flight failed (e.g. a bounced bank transfer); the money returns (audited)',
        request: { params: WithdrawalParams, ...jsonBody(ReasonSchema) },
        responses: { 200: jsonResponse(WithdrawalSchema, 'The failed withdrawal') },
      }),
      async (c) => c.json(unwrap(await withdrawals.markFailed(c.var.ctx, c.req.valid('param').id, c.req.valid('json').reason)), 200),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/bank-batches',
        tags: TAGS,
        summary: 'Export every approved bank withdrawal as one batch: CSV with full account numbers for finance (audited)',
        responses: { 201: jsonResponse(BankBatchExportSchema, 'The batch and its CSV') },
      }),
      async (c) => c.json(unwrap(await withdrawals.exportBankBatch(c.var.ctx)), 201),
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/bank-batches/{id}/paid',
        tags: TAGS,
        summary: 'Mark an exported bank batch paid: its withdrawals become paid out (audited)',
        request: { params: z.object({ id: idParam('pbt') }) },
        responses: { 200: jsonResponse(BankBatchPaidSchema, 'The paid batch') },
      }),
      async (c) => c.json(unwrap(await withdrawals.markBankBatchPaid(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(requires('commission.read'), {
        method: 'get',
        path: '/payouts/statements',
        tags: TAGS,
        summary: 'A member’s monthly statement of 可提现',
        request: { query: MonthQuerySchema.extend({ memberId: UserIdQuery }) },
        responses: { 200: jsonResponse(StatementSchema, 'The statement') },
      }),
      async (c) => {
        const { memberId, month } = c.req.valid('query');
        return c.json(unwrap(await statements.monthly(memberId, month)), 200);
      },
    )
    .openapi(
      defineRoute(requires('commission.read'), {
        method: 'get',
        path: '/payouts/anomalies',
        tags: TAGS,
        summary: 'Team-health findings (团队健康度) with their evidence, newest first',
        request: { query: PageQuerySchema.extend({ status: z.enum(['open', 'resolved', 'dismissed']).optional(), rule: z.enum(ANOMALY_RULES).optional(), memberId: UserIdQuery.optional() }) },
        responses: { 200: jsonResponse(pageOf(AnomalySchema, 'AnomalyPage'), 'A page of findings') },
      }),
      async (c) => {
        const { page, pageSize, ...filter } = c.req.valid('query');
        const { items, total } = await anomalies.list(filter, { page, pageSize });
        const found = await names(items.flatMap((item) => item.memberIds));
        const named = items.map((item) => ({ ...item, memberNames: Object.fromEntries(item.memberIds.flatMap((id) => (found.has(id) ? [[id, found.get(id)!.displayName]] : []))) }));
        return c.json({ items: named, total, page, pageSize } as never, 200);
      },
    )
    .openapi(
      defineRoute(requires('payout.approve'), {
        method: 'post',
        path: '/payouts/anomalies/{id}/resolve',
        tags: TAGS,
        summary: 'Resolve or dismiss a finding, with a note (audited); held withdrawals are released or rejected separately',
        request: { params: z.object({ id: idParam('anm') }), ...jsonBody(ResolveAnomalySchema) },
        responses: { 200: jsonResponse(AnomalySchema, 'The closed finding') },
      }),
      async (c) => c.json(unwrap(await anomalies.resolve(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))) as never, 200),
    );
}
