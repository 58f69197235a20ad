import type { Db } from '@linkmall/db';
import type { PiiCipher } from '@linkmall/kernel';
import { createIntegrationModule, type ExportSources, type PartnerFeeds, type PartnerLead, type PartnerOrder, type PartnerRewardLine, type WebhookOptions } from '@linkmall/integration';
import { createOrderFeed, type OrderFeedItem } from '@linkmall/order';
import { createDistributionPartnerFeed, maskDisplayName, type RewardLineFeedItem } from '@linkmall/distribution';
import { createLeadFeed, type LeadFeedItem } from '@linkmall/crm';

/** Integrations as configured (WEBHOOK_ALLOW_PRIVATE_NETWORKS) or as a test sets them. */
export type IntegrationPlatformOptions = WebhookOptions;

export interface IntegrationWiring {
  readonly db: Db;
  readonly pii: PiiCipher;
  /** Display names of users (identity), masked before they leave. */
  readonly userNames: (ids: readonly string[]) => Promise<Map<string, { displayName: string }>>;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const fen = (amount: bigint) => Number(amount);

function partnerOrder(order: OrderFeedItem): PartnerOrder {
  return {
    orderId: order.orderId,
    buyerUserId: order.buyerUserId,
    merchantId: order.merchantId,
    deliveryMethod: order.deliveryMethod,
    paymentStatus: order.paymentStatus,
    goodsFen: fen(order.goodsFen),
    discountFen: fen(order.discountFen),
    shippingFen: fen(order.shippingFen),
    payableFen: fen(order.payableFen),
    refundedFen: fen(order.lines.reduce((sum, line) => sum + line.refundedFen, 0n)),
    createdAt: order.createdAt.toISOString(),
    paidAt: iso(order.paidAt),
    closedAt: iso(order.closedAt),
    shippingRegion: order.shippingRegion,
    subOrders: order.subOrders.map((subOrder) => ({ ...subOrder, payableFen: fen(subOrder.payableFen), shippedAt: iso(subOrder.shippedAt), completedAt: iso(subOrder.completedAt) })),
    lines: order.lines.map((line) => ({ ...line, unitPriceFen: fen(line.unitPriceFen), payableFen: fen(line.payableFen), refundedFen: fen(line.refundedFen) })),
  };
}

const partnerRewardLine = (line: Omit<RewardLineFeedItem, 'position'>): PartnerRewardLine => ({
  id: line.id,
  orderId: line.orderId,
  payeeId: line.payeeId,
  kind: line.kind,
  amountFen: fen(line.amountFen),
  status: line.status,
  sourceUserId: line.sourceUserId,
  profileVersion: line.profileVersion,
  reversesLineId: line.reversesLineId,
  createdAt: line.createdAt.toISOString(),
  updatedAt: line.updatedAt.toISOString(),
});

const partnerLead = ({ position: _position, ...lead }: LeadFeedItem): PartnerLead => ({
  ...lead,
  phonesMasked: [...lead.phonesMasked],
  emails: [...lead.emails],
  lastActiveAt: iso(lead.lastActiveAt),
  createdAt: lead.createdAt.toISOString(),
  updatedAt: lead.updatedAt.toISOString(),
});

/**
 * The integration module over the other modules' public partner reads: orders (order), reward lines
 * and members (distribution), leads (crm), and member names (identity). Money leaves as integer fen.
 */
export function wireIntegration(wiring: IntegrationWiring, options: IntegrationPlatformOptions = {}) {
  const orders = createOrderFeed(wiring.db);
  const distribution = createDistributionPartnerFeed(wiring.db);
  const leads = createLeadFeed(wiring.db);
  // `until` is inclusive; the order feed's upper bound is exclusive.
  const justAfter = (until: Date) => new Date(until.getTime() + 1);

  const feeds: PartnerFeeds = {
    orders: {
      keyParts: 1,
      page: async (after, until, limit) => (await orders.page({ afterId: after?.[0] ?? null, createdBefore: justAfter(until), limit })).map((order) => ({ item: partnerOrder(order), key: [order.orderId] })),
    },
    rewardLines: {
      keyParts: 2,
      page: async (after, until, limit) =>
        (await distribution.rewardLineChanges({ after: after ? { at: after[0]!, id: after[1]! } : null, changedUntil: until, limit })).map((line) => ({ item: partnerRewardLine(line), key: [line.position.at, line.position.id] })),
    },
    leads: {
      keyParts: 2,
      page: async (after, until, limit) => (await leads.changes({ after: after ? { at: after[0]!, id: after[1]! } : null, changedUntil: until, limit })).map((lead) => ({ item: partnerLead(lead), key: [lead.position.at, lead.position.id] })),
    },
    members: {
      keyParts: 2,
      page: async (after, until, limit) => {
        const members = await distribution.memberChanges({ after: after ? { at: after[0]!, id: after[1]! } : null, changedUntil: until, limit });
        const names = await wiring.userNames(members.map((member) => member.memberId));
        return members.map(({ position, joinedAt, updatedAt, ...member }) => {
          const name = names.get(member.memberId)?.displayName;
          return { item: { ...member, displayNameMasked: name ? maskDisplayName(name) : null, joinedAt: joinedAt.toISOString(), updatedAt: updatedAt.toISOString() }, key: [position.at, position.id] };
        });
      },
    },
  };

  const exportSources: ExportSources = {
    orders: {
      page: async (period, after, limit) => (await orders.page({ afterId: after?.[0] ?? null, createdFrom: period.start, createdBefore: period.end, limit })).map((order) => ({ item: partnerOrder(order), key: [order.orderId] })),
    },
    reward_lines: {
      page: async (period, after, limit) =>
        (await distribution.rewardLinesCreated({ from: period.start, to: period.end, afterSequence: after ? BigInt(after[0]!) : null, limit })).map((line) => ({ item: partnerRewardLine(line), key: [String(line.sequence)] })),
    },
    leads: {
      page: async (period, after, limit) => (await leads.created({ from: period.start, to: period.end, afterId: after?.[0] ?? null, limit })).map((lead) => ({ item: partnerLead(lead), key: [lead.leadId] })),
    },
  };

  return createIntegrationModule({ db: wiring.db, pii: wiring.pii, feeds, exportSources, webhooks: options });
}
