import type { RuleContext } from './credit.ts';

/**
 * §6.3 and §8: SETTLE on day D posts (PENDING → SETTLED) every pending line whose order was paid on
 * day D − freezeDays or earlier. Lines already voided or posted are untouched, so a repeated SETTLE
 * changes nothing.
 */
export function settle(context: RuleContext): void {
  const dueDay = context.day - context.profile.settlement.freezeDays;
  for (const line of context.ws.pendingLinesPaidOnOrBefore(dueDay)) {
    context.ws.changeLineStatus(line, 'SETTLED', context.atMs);
  }
}
