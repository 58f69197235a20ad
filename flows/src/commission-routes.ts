import type { Db } from '@linkmall/db';
import { authenticated, defineRoute, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import { maskDisplayName, noNames, type DistributionService, type NameLookup, type RewardLine } from '@linkmall/distribution';
import { memberBalances, proofFor } from '@linkmall/ledger';

/**
 * The member's money in the distribution centre and the finance statement: reward lines from the
 * engine, balances and the transparency proof from the ledger (which only a flow may join).
 */
const LineSchema = z
  .object({ id: z.string(), orderId: z.string(), sourceUserId: z.string(), sourceUserName: z.string().nullable().optional(), kind: z.string(), amountFen: z.number().int(), status: z.enum(['PENDING', 'SETTLED', 'REVERSED']), createdAt: z.string() })
  .openapi('CommissionLine');
const toLine = (line: RewardLine, sourceUserName: string | null = null) => ({ id: line.id, orderId: line.orderId, sourceUserId: line.sourceUserId, sourceUserName, kind: line.kind, amountFen: Number(line.amountFen), status: line.status, createdAt: new Date(line.createdAtMs).toISOString() });

/** The buyers behind a page of lines, named: in full for finance, masked for the member (林*雨). */
async function namedLines(names: NameLookup, lines: readonly RewardLine[], masked: boolean) {
  const found = await names(lines.map((line) => line.sourceUserId));
  return lines.map((line) => {
    const name = found.get(line.sourceUserId)?.displayName ?? null;
    return toLine(line, name !== null && masked ? maskDisplayName(name) : name);
  });
}
const BalancesSchema = z
  .object({ pendingFen: z.number().int(), availableFen: z.number().int(), withdrawingFen: z.number().int(), withdrawnFen: z.number().int(), clawbackReceivableFen: z.number().int() })
  .openapi('CommissionBalances');

async function balancesOf(db: Db, memberId: string) {
  const balances = unwrap(await memberBalances(db, memberId));
  return {
    pendingFen: Number(balances.pendingFen),
    availableFen: Number(balances.availableFen),
    withdrawingFen: Number(balances.withdrawingFen),
    withdrawnFen: Number(balances.paidOutFen),
    clawbackReceivableFen: Number(balances.clawbackReceivableFen),
  };
}

export function commissionShopRoutes(db: Db, distribution: DistributionService, names: NameLookup = noNames) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/distribution/rewards',
        tags: ['Distribution'],
        summary: 'My rewards: pending / available / withdrawn totals from the ledger, and my reward lines with their orders',
        request: { query: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }) },
        responses: { 200: jsonResponse(z.object({ balances: BalancesSchema, items: z.array(LineSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('MyCommissions'), 'My rewards') },
      }),
      async (c) => {
        const userId = c.var.ctx.actor!.userId;
        const query = c.req.valid('query');
        const lines = await distribution.rewards.lines({ memberId: userId }, query);
        return c.json({ balances: await balancesOf(db, userId), items: await namedLines(names, lines.items, true), total: lines.total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/distribution/proof',
        tags: ['Distribution'],
        summary: 'The hash-chain proof of my ledger lines; verify it on the device with verifyProof',
        request: { query: z.object({ fromPosition: z.string().regex(/^\d{1,18}$/).optional() }) },
        responses: { 200: jsonResponse(z.record(z.string(), z.unknown()).openapi('CommissionProof'), 'The proof') },
      }),
      async (c) => {
        const { fromPosition } = c.req.valid('query');
        const proof = unwrap(await proofFor(db, c.var.ctx.actor!.userId, fromPosition ? { fromPosition: BigInt(fromPosition) } : {}));
        return c.json(JSON.parse(JSON.stringify(proof)) as Record<string, unknown>, 200);
      },
    );
}

export function commissionAdminRoutes(db: Db, distribution: DistributionService, names: NameLookup = noNames) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('commission.read'), {
      method: 'get',
      path: '/distribution/members/{memberId}/statement',
      tags: ['Distribution'],
      summary: 'A member’s monthly commission statement: the month’s reward lines by kind and status, and ledger balances now',
      request: {
        params: z.object({ memberId: z.string().regex(/^usr_[0-9a-z]{26}$/).openapi({ param: { in: 'path', required: true }, example: 'usr_01jd3x7k9q2w8e5r4t6y1u3i0o' }) }),
        query: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).openapi({ example: '2026-11' }) }),
      },
      responses: {
        200: jsonResponse(
          z.object({ memberId: z.string(), memberName: z.string().nullable().optional(), month: z.string(), balances: BalancesSchema, totals: z.array(z.object({ kind: z.string(), status: z.string(), amountFen: z.number().int(), lines: z.number().int() })), lines: z.array(LineSchema) }).openapi('CommissionStatement'),
          'The statement',
        ),
      },
    }),
    async (c) => {
      const { memberId } = c.req.valid('param');
      const { month } = c.req.valid('query');
      const [year, monthNumber] = month.split('-').map(Number) as [number, number];
      const fromDay = Math.floor(Date.UTC(year, monthNumber - 1, 1) / 86_400_000);
      const toDay = Math.floor(Date.UTC(year, monthNumber, 1) / 86_400_000) - 1;
      const { items } = await distribution.rewards.lines({ memberId, fromDay, toDay }, { page: 1, pageSize: 10_000 });
      const totals = new Map<string, { kind: string; status: string; amountFen: bigint; lines: number }>();
      for (const line of items) {
        const key = `${line.kind}|${line.status}`;
        const entry = totals.get(key) ?? { kind: line.kind, status: line.status, amountFen: 0n, lines: 0 };
        entry.amountFen += line.amountFen;
        entry.lines += 1;
        totals.set(key, entry);
      }
      return c.json(
        {
          memberId,
          memberName: (await names([memberId])).get(memberId)?.displayName ?? null,
          month,
          balances: await balancesOf(db, memberId),
          totals: [...totals.values()].map((entry) => ({ ...entry, amountFen: Number(entry.amountFen) })),
          lines: await namedLines(names, items, false),
        },
        200,
      );
    },
  );
}
