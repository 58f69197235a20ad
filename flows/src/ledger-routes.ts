import { defineRoute, jsonResponse, OpenAPIHono, requires, z, type AppEnv } from '@linkmall/http';
import type { Db } from '@linkmall/db';
import { chainHead, verifyLedger } from '@linkmall/ledger';

const VerificationSchema = z
  .object({
    ok: z.boolean(),
    checkedAt: z.string(),
    checks: z.array(z.object({ name: z.string(), description: z.string(), ok: z.boolean(), violations: z.array(z.string()) })),
    counts: z.object({ accounts: z.number().int(), transfers: z.number().int(), sealed: z.number().int(), unsealed: z.number().int() }),
    chainHead: z.object({ position: z.string(), hash: z.string() }),
  })
  .openapi('LedgerVerification');

/**
 * Finance checks the commission ledger from the console: the same invariants as `npm run ledger:verify`
 * (every transfer balances, balances equal their entries, the hash chain recomputes, no guard disabled).
 */
export function ledgerAdminRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('commission.read'), {
      method: 'get',
      path: '/ledger/verification',
      tags: ['Distribution'],
      summary: 'Verify the commission ledger now: double-entry invariants and the hash chain',
      responses: { 200: jsonResponse(VerificationSchema, 'The verification report') },
    }),
    async (c) => {
      const [report, head] = await Promise.all([verifyLedger(db), chainHead(db)]);
      return c.json(
        {
          ok: report.ok,
          checkedAt: c.var.ctx.clock.now().toISOString(),
          checks: report.checks.map((check) => ({ ...check, violations: [...check.violations] })),
          counts: report.counts,
          chainHead: head,
        },
        200,
      );
    },
  );
}
