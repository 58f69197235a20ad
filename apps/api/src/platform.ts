import { randomBytes } from 'node:crypto';
import { createPiiCipher, systemClock, type Clock } from '@linkmall/kernel';
import type { Database } from '@linkmall/db';
import { createIdentityModule, createOfflineWechatAuth, DEFAULT_LOGIN_POLICY, DEFAULT_SESSION_TTL_MS, type LoginPolicy, type WechatAuth } from '@linkmall/identity';
import { createCode2SessionClient } from '@linkmall/provider-wechat';
import { createStoreService } from '@linkmall/store';
import { createCatalogService } from '@linkmall/catalog';
import { createAfterSalesService, createFulfilmentService, createLogisticsService, createOrderService, createSettlementService, createShippingImportService } from '@linkmall/order';
import { createCheckoutFlow, createGroupBuyRefundFlow, createOrderDetailFlow, createPayOrderFlow, createPickupFlow, createRefundOrderFlow, createReviewFlow, createStorefrontFlow, growthHotProductAccess, growthPriorityShipping } from '@linkmall/flows';
import { createStorefrontService } from '@linkmall/storefront';
import { createReviewService } from '@linkmall/review';
import { createKuaidi100Tracker } from '@linkmall/provider-logistics-kuaidi100';
import { createPromotionService } from '@linkmall/promotion';
import { paymentRecords, type PaymentProvider } from '@linkmall/payment';
import { createSandboxPaymentProvider } from '@linkmall/provider-sandbox-payment';
import { createWechatPayCall, createWechatPayProvider, loadWechatPayKeys } from '@linkmall/provider-wechatpay';
import { createLedgerService, memberAccountId, platformAccountId, type LedgerService } from '@linkmall/ledger';
import { createPayoutModule, createSandboxPayoutProvider, sandboxOpenIdOf, type OpenIdLookup, type PayoutAccount, type PayoutLedger, type PayoutProvider, type StatementLineFact, type TeamFacts, type WithdrawalPolicy } from '@linkmall/payout';
import { createWechatPayoutProvider } from '@linkmall/provider-payout-wechatpay';
import { createDistributionService } from '@linkmall/distribution';
import { commissionLedgerSink } from '@linkmall/flows';
import { err, ok } from '@linkmall/kernel';
import type { PlatformConfig } from './config.ts';
import { crmLeadSource, wireAssistant, type AssistantPlatformOptions } from './assistant-wiring.ts';
import { wireRadar, type RadarPlatformOptions } from './radar-wiring.ts';
import { wireCrm, type CrmPlatformOptions } from './crm-wiring.ts';
import { wireScan } from './scan-wiring.ts';
import { assistantRecommender, wireRecommendations } from './recommendation-wiring.ts';
import { wireGrowth } from './growth-wiring.ts';
import { wireIntegration, type IntegrationPlatformOptions } from './integration-wiring.ts';
import { wireReplenishment } from './replenishment-wiring.ts';
import { wireAnalytics } from './analytics-wiring.ts';
import { createCardModule } from '@linkmall/card';
import { createCardProductsFlow } from '@linkmall/flows';
import { createPersonalDataFlow } from '@linkmall/flows';
import { createInProcessLimits } from '@linkmall/events';
import { createBroadcastBus } from '@linkmall/radar';
import type { ScaleOut } from './scale-wiring.ts';
import { withReplicaRecommendations, withReplicaShopReads } from './replica-wiring.ts';

export type PlatformOptions = Pick<PlatformConfig, 'piiKey' | 'sessionTtlMs' | 'wechat' | 'payment' | 'publicBaseUrl'> & {
  /** How long an unpaid order holds its stock before it closes (default 30 minutes). */
  readonly unpaidOrderTimeoutMs?: number;
  /** After-sales window after receipt (default 7 days) and automatic receipt after shipping (default 10 days). */
  readonly afterSalesWindowMs?: number;
  readonly autoConfirmAfterMs?: number;
  readonly clock?: Clock;
  readonly loginPolicy?: LoginPolicy;
  /** Parcel tracking: Kuaidi100 when configured, else offline (default). */
  readonly logistics?: PlatformConfig['logistics'];
  /** A carrier query asked on a reader's visit at most this often per parcel (default 10 minutes); the job polls every 2 hours. */
  readonly logisticsRefreshIntervalMs?: number;
  readonly logisticsPollIntervalMs?: number;
  /** Overrides the WeChat port (tests point it at a local protocol server). */
  readonly wechatAuth?: WechatAuth;
  /** Withdrawal rules (minimum, fee, daily cap, second-approval threshold) and the team facts for anomaly rules. */
  readonly payouts?: { readonly policy?: WithdrawalPolicy; readonly teamFacts?: TeamFacts };
  /** The WeChat payout channel (default: WeChat Pay when payments use it, else the sandbox). */
  readonly payout?: PlatformConfig['payout'];
  /** The assistant's OpenAI-compatible model (null: offline), and test overrides of its ports. */
  readonly llm?: PlatformConfig['llm'];
  readonly assistant?: AssistantPlatformOptions;
  /** Visitor radar: the WeChat subscribe template (from config), tracking rate limits, a notifier for tests. */
  readonly radar?: RadarPlatformOptions;
  /** CRM: test overrides of the owner notifier, coupon issuer and behaviour read. */
  readonly crm?: CrmPlatformOptions;
  /** Business-card OCR: PaddleOCR (default) or none. */
  readonly ocr?: PlatformConfig['ocr'];
  /** Webhooks: private networks allowed (config WEBHOOK_ALLOW_PRIVATE_NETWORKS; default allowed in process, for tests and scripts), timeout and retries. */
  readonly integrations?: IntegrationPlatformOptions;
  /** PIPL: raw tracking retention in days (0 keeps it) and the deletion cooling-off period (defaults 180 days, 7 days). */
  readonly privacy?: Partial<PlatformConfig['privacy']>;
  /** Several processes (scale-wiring.ts): the broadcast for live radar events, shared nonces and counters, the read replica. */
  readonly scaleOut?: Omit<ScaleOut, 'close'>;
};

const DAY_MS = 24 * 3_600_000;

/** The composition root: every module built once over one database. Used by the API, the worker, scripts and tests. */
export function createPlatform(database: Database, options: PlatformOptions) {
  const db = database.db;
  const wechat =
    options.wechatAuth ??
    (options.wechat ? createCode2SessionClient(options.wechat) : createOfflineWechatAuth());
  const pii = createPiiCipher(options.piiKey);
  const identity = createIdentityModule({
    db,
    pii,
    wechat,
    sessionTtlMs: options.sessionTtlMs,
    loginPolicy: options.loginPolicy ?? DEFAULT_LOGIN_POLICY,
  });
  const stores = createStoreService(db);
  // With DATABASE_REPLICA_URL, read-heavy queries that tolerate replication lag go to the replica (docs/scaling.md).
  const readDb = options.scaleOut?.replica?.db ?? db;
  const catalog = withReplicaShopReads(createCatalogService(db, pii), readDb === db ? null : readDb, pii);
  const orders = createOrderService(db, { unpaidTimeoutMs: options.unpaidOrderTimeoutMs ?? 30 * 60_000 });
  const storefront = createStorefrontService(db);
  const afterSales = createAfterSalesService(db);
  const fulfilment = createFulfilmentService(db, {
    afterSalesWindowMs: options.afterSalesWindowMs ?? 7 * DAY_MS,
    autoConfirmAfterMs: options.autoConfirmAfterMs ?? 10 * DAY_MS,
    // A group-buy order may still be refunded whole until its group forms, so it does not ship before.
    shippingHeld: (tx, orderId) => promotion.groupBuys.holdsShipping(tx, orderId),
  });
  const clock = options.clock ?? systemClock;
  const paymentProvider = createPaymentProvider(db, options, clock);
  const promotion = createPromotionService(db, {
    skus: {
      // Promotions may only be set up on SKUs that are on sale.
      async productsOfSkus(skuIds) {
        return new Map((await catalog.skusForCheckout(db, skuIds)).map((sku) => [sku.skuId, sku.productId]));
      },
    },
  });
  const logistics = createLogisticsService(db, {
    ...(options.logistics?.provider === 'kuaidi100' ? { tracker: createKuaidi100Tracker(options.logistics.kuaidi100) } : {}),
    minRefreshIntervalMs: options.logisticsRefreshIntervalMs ?? 10 * 60_000,
    pollIntervalMs: options.logisticsPollIntervalMs ?? 2 * 3_600_000,
  });
  const reviews = createReviewService(db);
  const wechatPayAppId = options.payment.provider === 'wechatpay' ? options.payment.wechatPay.appId : null;
  const refunds = createRefundOrderFlow({ db, afterSales, catalog, provider: paymentProvider, publicBaseUrl: options.publicBaseUrl });
  // 链动2+1: the engine over its tables, writing its money through the commission ledger.
  const distribution = createDistributionService(db, { writeMoney: commissionLedgerSink });
  // AI business cards: featured products priced by the owner's storefront (a flow over catalog and storefront).
  // vCard import lands in the owner's CRM contacts (built below; read at call time).
  const cards = createCardModule({ db, pii, products: createCardProductsFlow({ catalog, storefront }), publicBaseUrl: options.publicBaseUrl, contacts: () => crm.contacts });
  const radar = wireRadar(
    { db, pii, piiKey: options.piiKey, clock, catalog, cards, wechat: options.wechat, wechatOpenId: (userId, appId) => identity.users.wechatOpenId(userId, appId), userNames: (ids) => identity.users.userNames(ids) },
    { ...options.radar, ...scaleOutRadar(options.scaleOut) },
  );
  const crm = wireCrm({ db, pii, clock, catalog, orders, promotion, users: identity.users, radar }, options.crm);
  // Product recommendations: item-to-item from purchases and card clicks, popular in the region, popular overall.
  const recommendations = withReplicaRecommendations(wireRecommendations({ db, clock, catalog, storefront }), readDb === db ? null : wireRecommendations({ db: readDb, clock, catalog, storefront }));
  // Growth campaigns: points for actions, levels with privileges, invite campaigns within the distribution caps.
  // Built before checkout and payment, which read two level privileges (爆品专享, 优先发货).
  const growth = wireGrowth({ db, distribution, promotion });
  return {
    database,
    db,
    readDb,
    /** Replay nonces and rate-limit counters every API process sees (PostgreSQL, Redis, or memory when embedded). */
    sharedLimits: options.scaleOut?.limits ?? createInProcessLimits(),
    clock,
    identity,
    stores,
    catalog,
    orders,
    storefront,
    storefronts: createStorefrontFlow({ db, catalog, storefront }),
    checkout: createCheckoutFlow({ db, catalog, orders, stores, pii, storefront, promotions: promotion.checkout, hotProducts: growthHotProductAccess(growth.levels) }),
    fulfilment,
    pickup: createPickupFlow({ stores, fulfilment }),
    orderDetail: createOrderDetailFlow({ fulfilment, pii }),
    paymentProvider,
    paymentConfig: options.payment,
    pay: createPayOrderFlow({
      db,
      orders,
      provider: paymentProvider,
      publicBaseUrl: options.publicBaseUrl,
      refundNotifications: { apply: (ctx, notification) => refunds.applyNotification(ctx, notification) },
      priorityShipping: growthPriorityShipping(growth.levels),
      // WeChat Pay JSAPI charges the buyer's openid in the paying mini-program.
      ...(wechatPayAppId ? { payerOf: (userId: string) => identity.users.wechatOpenId(userId, wechatPayAppId) } : {}),
    }),
    afterSales,
    settlements: createSettlementService(db, identity.users.organizationNames),
    refunds,
    logistics,
    shippingImports: createShippingImportService(db, fulfilment),
    reviews,
    reviewFlow: createReviewFlow({ fulfilment, reviews }),
    promotion,
    groupBuyRefunds: createGroupBuyRefundFlow({ promotion, orders, afterSales, refunds }),
    distribution,
    cards,
    // Paper business cards: OCR into fields, saved as a lead or as a draft of the owner's card.
    scan: wireScan(options.ocr, { contacts: crm.contacts, cardDrafts: cards }),
    // The shop's public address, for share links (invite QR codes).
    publicBaseUrl: options.publicBaseUrl,
    // The AI assistant: card knowledge from catalog and storefront, consent and behaviour from radar, lead context from the CRM.
    assistant: wireAssistant(
      { db, clock, catalog, storefront, promotion, organizationNames: identity.users.organizationNames, cardFacts: (cardId) => cardFacts(cards, cardId), consent: radar.consent, behaviour: radar, leads: crmLeadSource(crm, clock), recommender: assistantRecommender(recommendations, db), sharedLimits: options.scaleOut?.limits },
      options.llm,
      options.assistant,
    ),
    // Visitor radar: tracking with consent, the owners' and the team's radar, live streams, notifications.
    radar,
    // Light CRM: leads from visitors, forms, vCards and scans; intent, RFM-L segments and automations.
    crm,
    recommendations,
    // Marketing analytics: roll-ups of the funnel and KPIs, spend, budget suggestions, the daily digest.
    analytics: wireAnalytics({ db, readDb, pii, clock, radar }),
    growth,
    // Integrations: outbound webhooks, partner API keys for /open/*, scheduled exports.
    integration: wireIntegration({ db, pii, userNames: (ids) => identity.users.userNames(ids) }, { allowPrivateNetworks: true, ...options.integrations }),
    // Supplier replenishment: per-SKU demand forecasts and purchase suggestions.
    replenishment: wireReplenishment(db),
    // PIPL rights: the member's export and deletion (anonymisation) across modules, audited.
    personalData: createPersonalDataFlow({
      db,
      pii,
      identity: identity.personalData,
      coolingOffMs: options.privacy?.deletionCoolingOffMs ?? 7 * DAY_MS,
      userNames: (ids) => identity.users.userNames(ids),
    }),
    radarRetentionDays: options.privacy?.radarRetentionDays ?? 180,
    payouts: createPayoutModule({
      db,
      pii,
      ledger: payoutLedger(createLedgerService(db)),
      ...(options.payouts?.policy ? { policy: options.payouts.policy } : {}),
      // Team health reads bindings, upgrades and referrer chains from the distribution engine.
      teamFacts: options.payouts?.teamFacts ?? distribution.teamFacts,
      commerceFacts: {
        paidOrdersSince: (since, limit) => orders.paidSince(since, limit),
        refundedOrdersSince: (since) => paymentRecords.refundedOrdersSince(db, since),
        loginPhoneHashes: (userIds) => identity.users.phoneHashes(userIds),
      },
      wechat: wechatPayoutChannel(options, (userId, appId) => identity.users.wechatOpenId(userId, appId)),
    }),
  };
}

/** Several processes: radar streams hear every process, tracking limits count every process (not needed when embedded). */
function scaleOutRadar(scaleOut: PlatformOptions['scaleOut']): Pick<RadarPlatformOptions, 'bus' | 'sharedLimits'> {
  if (!scaleOut || scaleOut.broadcast.kind === 'in-process') return {};
  return { bus: createBroadcastBus(scaleOut.broadcast), sharedLimits: scaleOut.limits };
}

/**
 * Where withdrawals to WeChat go: 商家转账到零钱 signed with the payment merchant keys, the sandbox
 * (completes at once, no money moves — the default wherever payments are the sandbox), or nowhere
 * (`none`: bank withdrawals only).
 */
function wechatPayoutChannel(options: PlatformOptions, openIdIn: (userId: string, appId: string) => Promise<string | null>): { provider: PayoutProvider; openIdOf: OpenIdLookup } | null {
  const choice = options.payout?.provider ?? (options.payment.provider === 'wechatpay' ? 'wechatpay' : 'sandbox');
  if (choice === 'none') return null;
  if (choice === 'sandbox') return { provider: createSandboxPayoutProvider(), openIdOf: sandboxOpenIdOf };
  if (options.payment.provider !== 'wechatpay') throw new Error('WeChat transfers need WeChat Pay configured for payments');
  const { wechatPay } = options.payment;
  return {
    provider: createWechatPayoutProvider({ appId: wechatPay.appId, call: createWechatPayCall(loadWechatPayKeys(wechatPay)) }),
    // The openid in the paying app: the member must have signed in through that mini-program.
    openIdOf: (userId) => openIdIn(userId, wechatPay.appId),
  };
}

/** The ledger as the payouts module's port: its accounts mapped onto the chart of accounts. */
function payoutLedger(ledger: LedgerService): PayoutLedger {
  const accountId = (account: PayoutAccount) => ('platform' in account ? platformAccountId(account.platform) : memberAccountId(account.memberId, account.kind));
  return {
    async move(tx, ctx, legs, cause) {
      const result = await ledger.apply(
        tx,
        ctx,
        legs.map((leg) => ({ kind: 'posted' as const, id: leg.id, debitAccountId: accountId(leg.debit), creditAccountId: accountId(leg.credit), amountFen: leg.amountFen, code: leg.code, ...cause })),
      );
      if (result.ok) return ok(undefined);
      return err(result.code === 'exceeds_credits' ? 'insufficient_balance' : 'ledger_rejected', { ledgerCode: result.code });
    },
    async availableFen(memberId) {
      const balances = await ledger.memberBalances(memberId);
      return balances.ok ? balances.value.availableFen : 0n;
    },
    async lines(memberId) {
      const lines: StatementLineFact[] = [];
      for (let page = 1; ; page++) {
        const result = await ledger.statement(memberId, { page, pageSize: 1000 }, { accountKinds: ['available', 'paid_out'] });
        if (!result.ok) return lines;
        lines.push(...result.value.items);
        if (result.value.items.length < 1000) return lines;
      }
    },
  };
}
export type Platform = ReturnType<typeof createPlatform>;

/** What the assistant knows of a card: its owner and featured products, from the public view. */
async function cardFacts(cards: ReturnType<typeof createCardModule>, cardId: string) {
  const view = await cards.publicCard(cardId);
  const attribution = view.ok ? await cards.attribution(cardId, null) : null;
  if (!view.ok || !attribution) return null;
  return { ownerUserId: attribution.ownerUserId, organizationId: attribution.organizationId, ownerName: view.value.name, company: view.value.company || null, featuredProductIds: view.value.featuredProductIds };
}

function createPaymentProvider(db: Database['db'], options: PlatformOptions, clock: Clock): PaymentProvider {
  if (options.payment.provider === 'wechatpay') return createWechatPayProvider(options.payment.wechatPay);
  return createSandboxPaymentProvider({
    secret: options.payment.sandboxSecret,
    pageBaseUrl: options.publicBaseUrl,
    clock,
    // The sandbox answers queries from our own payments table: what the sandbox page recorded.
    store: {
      async get(paymentId) {
        const payment = await paymentRecords.find(db, paymentId);
        if (!payment) return null;
        return { status: payment.status, amountFen: payment.amount_fen, ...(payment.provider_transaction_id ? { providerTransactionId: payment.provider_transaction_id } : {}) };
      },
    },
  });
}

/** Options for tests, benchmarks and scripts that build a platform in process: sandbox payments, fresh secrets. */
export function inProcessPlatformOptions(piiKey: Buffer, overrides: Partial<PlatformOptions> = {}): PlatformOptions {
  return {
    piiKey,
    sessionTtlMs: DEFAULT_SESSION_TTL_MS,
    wechat: null,
    payment: { provider: 'sandbox', sandboxSecret: randomBytes(32).toString('base64url') },
    publicBaseUrl: 'http://127.0.0.1:3000',
    ...overrides,
  };
}
