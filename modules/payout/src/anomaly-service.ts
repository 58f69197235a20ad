import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import {
  refundsAfterUpgrade,
  selfDealing,
  sharedValues,
  signupBursts,
  type AnomalyThresholds,
  type Finding,
  type PaidOrderFact,
  type SharedValue,
} from './domain/anomaly-rules.ts';
import type { PayoutErrorCode } from './payout-errors.ts';
import { payoutEvent } from './payout-events.ts';
import type { CommerceFacts, TeamFacts } from './payout-ports.ts';
import { payoutStore as store, type AnomalyRow } from './payout-store.ts';

export interface AnomalyView {
  id: string;
  rule: AnomalyRow['rule'];
  memberIds: string[];
  evidence: unknown;
  status: AnomalyRow['status'];
  detectedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

const toView = (row: AnomalyRow): AnomalyView => ({
  id: row.id,
  rule: row.rule,
  memberIds: row.member_ids,
  evidence: row.evidence,
  status: row.status,
  detectedAt: row.detected_at.toISOString(),
  resolvedBy: row.resolved_by,
  resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
  resolutionNote: row.resolution_note,
});

/** A shipping address reduced to a keyed hash of its normalised text: equal addresses, equal hashes. */
function addressHash(pii: PiiCipher, stored: unknown): string | null {
  if (!stored || typeof stored !== 'object') return null;
  const { province, city, district, detail } = stored as Record<string, unknown>;
  const text = [province, city, district, detail].map((part) => String(part ?? '')).join('|').replace(/\s+/g, '').toLowerCase();
  return text.replace(/\|/g, '') === '' ? null : pii.searchHash(`address:${text}`);
}

function recipientPhoneHash(pii: PiiCipher, stored: unknown): string | null {
  const cipher = stored && typeof stored === 'object' ? (stored as Record<string, unknown>).phoneCipher : undefined;
  if (typeof cipher !== 'string') return null;
  try {
    return pii.searchHash(pii.decrypt(cipher));
  } catch {
    return null;
  }
}

export function createAnomalyService(deps: { db: Db; pii: PiiCipher; facts: TeamFacts; commerce: CommerceFacts; thresholds: AnomalyThresholds }) {
  const { db, pii, facts, commerce, thresholds } = deps;

  async function findings(since: Date): Promise<Finding[]> {
    const [orders, refunds, bindings, upgrades, withdrawals] = await Promise.all([
      commerce.paidOrdersSince(since, 50_000),
      commerce.refundedOrdersSince(since),
      facts.bindingsSince(since),
      facts.upgradesSince(new Date(since.getTime() - thresholds.upgradeLookbackDays * 86_400_000)),
      store.payeeAndDeviceSince(db, since),
    ]);
    const orderFacts: PaidOrderFact[] = orders.map((order) => ({ orderId: order.orderId, buyerId: order.buyerUserId, paidAt: order.paidAt, addressHash: addressHash(pii, order.shippingAddress) }));
    // A phone is shared when recipients' phones (and the buyers' own login phones) point at many members.
    const phones: SharedValue[] = orders.flatMap((order) => {
      const hash = recipientPhoneHash(pii, order.shippingAddress);
      return hash ? [{ memberId: order.buyerUserId, valueHash: hash, source: order.orderId }] : [];
    });
    const buyers = [...new Set(orders.map((order) => order.buyerUserId))];
    for (const [memberId, valueHash] of await commerce.loginPhoneHashes(buyers)) phones.push({ memberId, valueHash, source: 'login' });
    const addresses: SharedValue[] = orderFacts.flatMap((order) => (order.addressHash ? [{ memberId: order.buyerId, valueHash: order.addressHash, source: order.orderId }] : []));
    const payees: SharedValue[] = withdrawals.flatMap((row) => (row.payee_account_hash ? [{ memberId: row.member_id, valueHash: row.payee_account_hash, source: row.id }] : []));
    const devices: SharedValue[] = withdrawals.flatMap((row) => (row.device_id ? [{ memberId: row.member_id, valueHash: pii.searchHash(`device:${row.device_id}`), source: row.id }] : []));
    const uplines = await facts.uplines(buyers, thresholds.selfDealingDepth);
    return [
      ...signupBursts(bindings, thresholds),
      ...sharedValues('phone', phones, thresholds),
      ...sharedValues('device', devices, thresholds),
      ...sharedValues('address', addresses, thresholds),
      ...sharedValues('payment_account', payees, thresholds),
      ...selfDealing(orderFacts, uplines, thresholds),
      ...refundsAfterUpgrade(upgrades, refunds),
    ];
  }

  return {
    /**
     * Runs every rule over facts since `since`, records new findings (a subject already open is not
     * recorded twice) and holds the open withdrawals of the members they name.
     */
    async detect(ctx: RequestContext, since: Date): Promise<{ detected: number; held: number }> {
      const found = await findings(since);
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const inserted = await store.insertAnomalies(
          tx,
          found.map((finding) => ({ id: newId('anm', now.getTime()), rule: finding.rule, subject_key: finding.subjectKey, member_ids: [...finding.memberIds], evidence: finding.evidence, status: 'open' as const, detected_at: now, resolved_by: null, resolved_at: null, resolution_note: null })),
        );
        for (const row of inserted) await publishEvent(tx, ctx, payoutEvent('anomaly.detected', row.id, { anomalyId: row.id, rule: row.rule, memberIds: row.member_ids }));
        const members = [...new Set(inserted.flatMap((row) => row.member_ids))];
        const held = await store.holdOpenWithdrawals(tx, members, 'member_flagged', now);
        for (const row of held) await publishEvent(tx, ctx, payoutEvent('withdrawal.held', row.id, { withdrawalId: row.id, memberId: row.member_id, reason: 'member_flagged' }));
        return { detected: inserted.length, held: held.length };
      });
    },

    async list(filter: { status?: 'open' | 'resolved' | 'dismissed'; rule?: string; memberId?: string }, page: PageRequest): Promise<{ items: AnomalyView[]; total: number }> {
      const { rows, total } = await store.listAnomalies(db, filter, page);
      return { items: rows.map(toView), total };
    },

    /** Closes a finding (resolved: acted on; dismissed: a false alarm), with a note. Audited. */
    async resolve(ctx: RequestContext, id: string, input: { status: 'resolved' | 'dismissed'; note: string }): Promise<Result<AnomalyView, PayoutErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.anomaly(tx, id, true);
        if (!before) return err('payout_anomaly_not_found');
        const after = await store.resolveAnomaly(tx, id, { status: input.status, by: ctx.actor!.userId, at: ctx.clock.now(), note: input.note });
        if (!after) return err('payout_anomaly_already_resolved');
        await recordAudit(tx, ctx, { action: 'anomaly.resolved', entityType: 'payout_anomaly', entityId: id, organizationId: null, before: { status: before.status }, after: { status: after.status, note: after.resolution_note } });
        await publishEvent(tx, ctx, payoutEvent('anomaly.resolved', id, { anomalyId: id, rule: after.rule, status: input.status }));
        return ok(toView(after));
      });
    },
  };
}
export type AnomalyService = ReturnType<typeof createAnomalyService>;
