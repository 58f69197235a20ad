import type { RequestContext } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { DeltaSink, DistributionDelta } from '@linkmall/distribution';
import { accrueCommission, applyTransfers, clawBack, MAX_BATCH_SIZE, SETTLE_MOVE_SUFFIX, settleCommission, voidCommission, type TransferInput } from '@linkmall/ledger';
import type { RewardLine } from '@linkmall/distribution';

/** The ledger side of the distribution engine: its DeltaSink, written in the engine's transaction. */
export const commissionLedgerSink: DeltaSink = (tx, ctx, delta) => writeLedger(tx, ctx, delta);

const commissionCode = (kind: string) => `commission.${kind.toLowerCase()}`;

/**
 * The money side of a delta (docs/chart-of-accounts.md): a new line is a pending transfer with the
 * line's id; PENDING → SETTLED posts it and moves it to 可提现; PENDING → REVERSED voids it; a
 * CLAWBACK line takes the money back from 可提现 (the shortfall becomes a receivable).
 */
async function writeLedger(tx: Db, ctx: RequestContext, delta: DistributionDelta): Promise<void> {
  const transfers: TransferInput[] = [];
  const clawbacks: RewardLine[] = [];
  for (const line of delta.newLines) {
    if (line.kind.startsWith('CLAWBACK_')) {
      clawbacks.push(line);
      continue;
    }
    transfers.push(
      accrueCommission({
        id: line.id,
        memberId: line.payeeId,
        amountFen: line.amountFen,
        code: commissionCode(line.kind),
        causeType: 'order',
        causeId: line.orderId,
        memo: { kind: line.kind, profileId: line.profileId, profileVersion: line.profileVersion, sourceUserId: line.sourceUserId },
      }),
    );
    if (line.status === 'SETTLED') transfers.push(...settleCommission({ pendingId: line.id, memberId: line.payeeId, amountFen: line.amountFen }));
    if (line.status === 'REVERSED') transfers.push(voidCommission(line.id));
  }
  for (const change of delta.lineChanges) {
    if (change.from !== 'PENDING') throw new Error(`unexpected line change ${change.from} → ${change.to} of ${change.lineId}`);
    if (change.to === 'SETTLED') transfers.push(...settleCommission({ pendingId: change.lineId, memberId: change.payeeId, amountFen: change.amountFen }));
    else if (change.to === 'REVERSED') transfers.push(voidCommission(change.lineId));
  }
  for (let start = 0; start < transfers.length; start += MAX_BATCH_SIZE) {
    // Any refusal throws and rolls the engine's whole delivery back, so no savepoint is needed.
    const applied = await applyTransfers(tx, ctx, transfers.slice(start, start + MAX_BATCH_SIZE), { callerRollsBackOnError: true });
    if (!applied.ok) throw new Error(`ledger refused the distribution transfers: ${applied.code} ${JSON.stringify(applied.details ?? {})}`);
  }
  for (const line of clawbacks) {
    const outcome = await clawBack(tx, ctx, {
      id: line.id,
      memberId: line.payeeId,
      amountFen: -line.amountFen,
      reversesId: `${line.reversesLineId}${SETTLE_MOVE_SUFFIX}`,
      causeType: 'order',
      causeId: line.orderId,
      memo: { kind: line.kind, reversesLineId: line.reversesLineId },
    });
    if (!outcome.ok) throw new Error(`ledger refused the clawback ${line.id}: ${outcome.code}`);
  }
}
