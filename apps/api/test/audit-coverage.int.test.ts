import { DEFAULT_PROFILE_INPUT } from '@linkmall/distribution';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@linkmall/catalog';
import { routeTable, startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';
import { marketingWriteCases, type WriteCase } from './audit-coverage-marketing.ts';

let t: TestPlatform;
let admin: string;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('13800000001');
});
afterAll(() => t?.close());

/** A paid order with an open after-sales case for its one line; returns the case id. */
async function openCase(skuCode: string): Promise<string> {
  const supplier = await t.login('13900000001');
  const buyer = await t.login('13500000002', 'shop');
  const skuId = (await t.json('PUT', `/admin/catalog/skus/${skuCode}/stock`, { token: supplier, body: { stock: 5 } })).body.skuId;
  const address = { recipientName: '何明', phone: '13500000222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  const subOrder = order.subOrders[0];
  const opened = await t.json('POST', `/shop/orders/${order.id}/after-sales`, { token: buyer, body: { subOrderId: subOrder.id, kind: 'refund_only', reason: '测试', lines: [{ orderLineId: subOrder.lines[0].id, quantity: 1 }] } });
  return opened.body.id;
}

const supplierId = async () => (await t.json('GET', '/admin/supplier-profiles?status=approved', { token: admin })).body.items[0].organizationId as string;

let productNumber = 0;
/** A fresh draft product of a demo supplier, taken as far along its review as a case needs. */
async function product(upTo: 'draft' | 'pending_review' | 'approved'): Promise<string> {
  const code = `AUDIT-${++productNumber}`;
  const sku = { skuCode: `${code}-A`, specs: [{ name: '规格', value: '100g' }], supplyPriceFen: 1000, minRetailPriceFen: 1500, suggestedRetailPriceFen: 1800, maxRetailPriceFen: 2000, stock: 5 };
  const created = await t.json('POST', '/admin/products', { token: admin, body: { supplierId: await supplierId(), spuCode: code, title: '审计测试商品', category: '茶叶', skus: [sku] } });
  const id = created.body.id as string;
  if (upTo !== 'draft') await t.json('POST', `/admin/products/${id}/submit`, { token: admin });
  if (upTo === 'approved') await t.json('POST', `/admin/products/${id}/review`, { token: admin, body: { decision: 'approve' } });
  return id;
}

let supplierNumber = 0;
/** A new supplier organisation, with a submitted profile if asked. */
async function supplier(submitted: boolean): Promise<{ id: string; profile: object }> {
  const id = (await t.json('POST', '/admin/organizations', { token: admin, body: { kind: 'supplier', name: `审计供应商${++supplierNumber}` } })).body.id as string;
  const first17 = `9133010${supplierNumber}MA2AX0${String(supplierNumber).padStart(3, '0')}`;
  const profile = {
    companyName: `审计供应商${supplierNumber}`,
    creditCode: first17 + creditCodeCheckCharacter(first17),
    contactName: '审计',
    contactPhone: '0571-88880000',
    bankName: '中国银行',
    bankAccountName: `审计供应商${supplierNumber}`,
    bankAccountNumber: '6216600000000001234',
  };
  if (submitted) await t.json('PUT', `/admin/supplier-profiles/${id}`, { token: admin, body: profile });
  return { id, profile };
}

/** A flash sale and a group-buy offer on a demo SKU, running from now for a day. */
async function promotionFlashSale() {
  const { rows } = await t.database.executeSql("select id from skus where sku_code = 'LY-004-1'", []);
  const window = { startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() };
  return { name: '审计秒杀', ...window, items: [{ skuId: (rows[0] as { id: string }).id, flashPriceFen: 1990, quota: 10, perUserLimit: 1 }] };
}
async function promotionGroupBuy() {
  const { rows } = await t.database.executeSql("select id from skus where sku_code = 'LY-004-2'", []);
  const window = { startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() };
  return { name: '审计拼团', skuId: (rows[0] as { id: string }).id, groupPriceFen: 2990, groupSize: 2, timeLimitMinutes: 60, ...window };
}

/** A received order line of 周杰's storefront reviewed by its buyer; returns the review id. */
async function receivedReview(skuCode: string): Promise<string> {
  const merchant = await t.login('13700000003');
  const supplier = await t.login('13900000001');
  const buyer = await t.login('13500000001', 'shop');
  const merchantId = (await t.json('GET', '/admin/me', { token: merchant })).body.organizationId;
  const { rows } = await t.database.executeSql('select id, suggested_retail_price_fen::int as price from skus where sku_code = $1', [skuCode]);
  const sku = rows[0] as { id: string; price: number };
  await t.json('PUT', `/admin/catalog/skus/${skuCode}/stock`, { token: supplier, body: { stock: 5 } });
  await t.json('PUT', `/admin/storefront/items/${sku.id}`, { token: merchant, body: { retailPriceFen: sku.price } });
  const address = { recipientName: '林小雨', phone: '13500000111', province: '四川省', city: '成都市', district: '武侯区', detail: '武侯祠大街 231 号' };
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: sku.id, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address, merchantId } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  const subOrder = order.subOrders[0];
  await t.json('POST', `/admin/sub-orders/${subOrder.id}/ship`, { token: supplier, body: { carrier: '顺丰速运', trackingNumber: `SF8${Date.now()}` } });
  await t.json('POST', `/shop/orders/${order.id}/confirm-receipt`, { token: buyer });
  const created = await t.json('POST', `/shop/orders/${order.id}/reviews`, { token: buyer, body: { reviews: [{ orderLineId: subOrder.lines[0].id, rating: 4, content: '不错' }] } });
  return created.body.items[0].id;
}

let payoutNumber = 0;
/** A shop member with a verified identity and settled commission; returns a fresh bank withdrawal's id. */
async function payoutWithdrawal(upTo: 'requested' | 'approved' | 'held' | 'paying', method: 'bank' | 'wechat' = 'bank'): Promise<string> {
  const { accrueCommission, createLedgerService, settleCommission } = await import('@linkmall/ledger');
  const { idNumberCheckCharacter } = await import('@linkmall/payout');
  const { systemContext, systemClock } = await import('@linkmall/kernel');
  const token = await t.login('13500000004', 'shop');
  const memberId = (await t.json('GET', '/shop/me', { token })).body.id as string;
  const first17 = `11010519850505${String(900 + 0).padStart(3, '0')}`;
  await t.json('POST', '/shop/payouts/identity', { token, body: { realName: '罗斌', idNumber: first17 + idNumberCheckCharacter(first17) } });
  const ledger = createLedgerService(t.platform.db);
  const pendingId = `ord_audit_payout_${++payoutNumber}:line-1:direct`;
  const ctx = systemContext(systemClock);
  await ledger.apply(t.platform.db, ctx, [accrueCommission({ id: pendingId, memberId, amountFen: 20_000n, code: 'commission.direct', causeType: 'order', causeId: `ord_audit_payout_${payoutNumber}` })]);
  await ledger.apply(t.platform.db, ctx, settleCommission({ pendingId, memberId, amountFen: 20_000n }));
  const account = method === 'bank' ? { bankAccount: { bankName: '招商银行', accountNumber: '6225880000004321' } } : {};
  const id = (await t.json('POST', '/shop/payouts/withdrawals', { token, body: { amountFen: 5_000, method, ...account } })).body.id as string;
  if (upTo === 'held') await t.database.executeSql("update payout_withdrawals set status = 'held' where id = $1", [id]);
  if (upTo === 'approved' || upTo === 'paying') await t.json('POST', `/admin/payouts/withdrawals/${id}/approve`, { token: admin });
  if (upTo === 'paying') await t.json('POST', '/admin/payouts/bank-batches', { token: admin });
  return id;
}

/** A lead of the demo shop guide (吴婷), created through the CRM's contract; returns its id. */
async function crmLead(name: string): Promise<string> {
  const { systemContext, systemClock } = await import('@linkmall/kernel');
  const guideId = (await t.json('GET', '/shop/me', { token: await t.login('13600000001', 'shop') })).body.id as string;
  const result = await t.platform.crm.contacts.upsert(systemContext(systemClock), { ownerUserId: guideId, source: 'manual', name });
  if (!result.ok) throw new Error(result.code);
  return result.value.leadId;
}

const WRITES: Record<string, () => Promise<WriteCase>> = {
  // Assistant knowledge base: the platform admin's entries are the platform's own (every card).
  'POST /admin/assistant/knowledge': async () => ({ path: '/admin/assistant/knowledge', body: { kind: 'faq', title: '审计问题', body: '审计回答' }, entityId: (response) => response.id, verify: (entry) => expect(entry.before).toBeNull() }),
  'PATCH /admin/assistant/knowledge/{id}': async () => {
    const id = (await t.json('POST', '/admin/assistant/knowledge', { token: admin, body: { kind: 'faq', title: '审计改问题', body: '旧回答' } })).body.id;
    return { path: `/admin/assistant/knowledge/${id}`, body: { body: '新回答' }, entityId: () => id, verify: (entry) => expect([entry.before.body, entry.after.body]).toEqual(['旧回答', '新回答']) };
  },
  'DELETE /admin/assistant/knowledge/{id}': async () => {
    const id = (await t.json('POST', '/admin/assistant/knowledge', { token: admin, body: { kind: 'doc', title: '审计删文档', body: '将被删除' } })).body.id;
    return { path: `/admin/assistant/knowledge/${id}`, entityId: () => id, verify: (entry) => expect([entry.before.title, entry.after]).toEqual(['审计删文档', null]) };
  },
  // Business cards: 周杰 (merchant admin) manages his company's templates; 孙丽 (his shop guide) owns a card.
  'POST /admin/card-templates': async () => ({ path: '/admin/card-templates', body: { name: '审计模板', theme: 'forest', lockedFields: ['theme'] }, entityId: (response) => response.id, token: await t.login('13700000003') }),
  'PUT /admin/card-templates/{id}': async () => {
    const token = await t.login('13700000003');
    const id = (await t.json('POST', '/admin/card-templates', { token, body: { name: '审计改模板', theme: 'forest' } })).body.id;
    return { path: `/admin/card-templates/${id}`, body: { name: '审计已改模板', theme: 'ink' }, entityId: () => id, token, verify: (entry) => expect([entry.before.theme, entry.after.theme]).toEqual(['forest', 'ink']) };
  },
  'PUT /admin/cards/{id}/status': async () => {
    const id = (await t.json('GET', '/shop/cards/me', { token: await t.login('13600000003', 'shop') })).body.id;
    return { path: `/admin/cards/${id}/status`, body: { status: 'active' }, entityId: () => id, verify: (entry) => expect(entry.after.status).toBe('active') };
  },
  'PUT /admin/cards/{id}/template': async () => {
    const token = await t.login('13700000003');
    const id = (await t.json('GET', '/shop/cards/me', { token: await t.login('13600000003', 'shop') })).body.id;
    const templateId = (await t.json('POST', '/admin/card-templates', { token, body: { name: '审计指派模板', theme: 'rose' } })).body.id;
    return { path: `/admin/cards/${id}/template`, body: { templateId }, entityId: () => id, token, verify: (entry) => expect(entry.after.templateId).toBe(templateId) };
  },
  'POST /admin/distribution/profiles': async () => ({ path: '/admin/distribution/profiles', body: { definition: { ...DEFAULT_PROFILE_INPUT, id: 'audit-draft' } }, entityId: (response) => response.id }),
  'POST /admin/distribution/profiles/{id}/activate': async () => {
    const draft = await t.json('POST', '/admin/distribution/profiles', { token: admin, body: { definition: { ...DEFAULT_PROFILE_INPUT, id: 'audit-activate' } } });
    return { path: `/admin/distribution/profiles/${draft.body.id}/activate`, entityId: (response) => response.id };
  },
  'PUT /admin/distribution/package-products/{productId}': async () => ({ path: '/admin/distribution/package-products/prd_01jd3x7k9q2w8e5r4t6y1u3i0o', body: { isPackage: true }, entityId: (response) => response.productId }),
  'POST /admin/payouts/withdrawals/{id}/approve': async () => ({ path: `/admin/payouts/withdrawals/${await payoutWithdrawal('requested')}/approve`, entityId: (response) => response.id }),
  'POST /admin/payouts/withdrawals/{id}/reject': async () => ({ path: `/admin/payouts/withdrawals/${await payoutWithdrawal('approved')}/reject`, body: { reason: '信息有误' }, entityId: (response) => response.id }),
  'POST /admin/payouts/withdrawals/{id}/release': async () => ({ path: `/admin/payouts/withdrawals/${await payoutWithdrawal('held')}/release`, body: { note: '已核实' }, entityId: (response) => response.id }),
  'POST /admin/payouts/withdrawals/{id}/fail': async () => ({ path: `/admin/payouts/withdrawals/${await payoutWithdrawal('paying')}/fail`, body: { reason: '退票' }, entityId: (response) => response.id }),
  // The default platform pays WeChat withdrawals through the sandbox payout channel, which completes at once.
  'POST /admin/payouts/withdrawals/{id}/pay': async () => ({
    path: `/admin/payouts/withdrawals/${await payoutWithdrawal('approved', 'wechat')}/pay`,
    entityId: (response) => response.id,
    verify: (entry) => expect(entry.after.status).toBe('paying'),
  }),
  'POST /admin/payouts/bank-batches': async () => {
    await payoutWithdrawal('approved');
    return { path: '/admin/payouts/bank-batches', entityId: (response) => response.batchId };
  },
  'POST /admin/payouts/bank-batches/{id}/paid': async () => {
    await payoutWithdrawal('approved');
    const batchId = (await t.json('POST', '/admin/payouts/bank-batches', { token: admin })).body.batchId as string;
    return { path: `/admin/payouts/bank-batches/${batchId}/paid`, entityId: () => batchId };
  },
  'POST /admin/payouts/anomalies/{id}/resolve': async () => {
    const { newId } = await import('@linkmall/kernel');
    const id = newId('anm');
    const { rows } = await t.database.executeSql('select id from users limit 1', []);
    await t.database.executeSql("insert into payout_anomalies (id, rule, subject_key, member_ids, evidence, status, detected_at) values ($1, 'shared_device', $1, array[$2], '{}', 'open', now())", [id, (rows[0] as { id: string }).id]);
    return { path: `/admin/payouts/anomalies/${id}/resolve`, body: { status: 'dismissed', note: '误报' }, entityId: (response) => response.id };
  },
  'POST /admin/pickups/verify': async () => {
    const supplier = await t.login('13900000002');
    const buyer = await t.login('13500000003', 'shop');
    const storeId = (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737')).body.items[0].id;
    const skuId = (await t.json('PUT', '/admin/catalog/skus/MF-006-1/stock', { token: supplier, body: { stock: 5 } })).body.skuId;
    const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: storeId } })).body;
    const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    const code = (await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.pickupCode;
    return { path: '/admin/pickups/verify', body: { storeId, code }, entityId: () => order.id };
  },
  'POST /admin/after-sales/{id}/approve': async () => ({ path: `/admin/after-sales/${await openCase('LY-002-2')}/approve`, entityId: (response) => response.id }),
  'POST /admin/after-sales/{id}/reject': async () => ({ path: `/admin/after-sales/${await openCase('LY-001-2')}/reject`, body: { note: '不符合条件' }, entityId: (response) => response.id }),
  'POST /admin/promotions/coupons': async () => ({
    path: '/admin/promotions/coupons',
    body: { name: '审计满减券', rule: { kind: 'full_reduction', thresholdFen: 10000, reductionFen: 1000 }, totalQuantity: 10, perUserLimit: 1, validity: { kind: 'days_after_claim', days: 7 } },
    entityId: (response) => response.id,
  }),
  'POST /admin/promotions/coupons/{id}/end': async () => {
    const body = { name: '审计结束券', rule: { kind: 'no_threshold', reductionFen: 100 }, totalQuantity: 10, perUserLimit: 1, validity: { kind: 'days_after_claim', days: 7 } };
    const id = (await t.json('POST', '/admin/promotions/coupons', { token: admin, body })).body.id;
    return { path: `/admin/promotions/coupons/${id}/end`, entityId: (response) => response.id, verify: (entry) => expect(entry.after.status).toBe('ended') };
  },
  'POST /admin/promotions/flash-sales': async () => ({ path: '/admin/promotions/flash-sales', body: await promotionFlashSale(), entityId: (response) => response.id }),
  'POST /admin/promotions/flash-sales/{id}/end': async () => {
    const id = (await t.json('POST', '/admin/promotions/flash-sales', { token: admin, body: await promotionFlashSale() })).body.id;
    return { path: `/admin/promotions/flash-sales/${id}/end`, entityId: (response) => response.id };
  },
  'POST /admin/promotions/group-buys': async () => ({ path: '/admin/promotions/group-buys', body: await promotionGroupBuy(), entityId: (response) => response.id, token: await t.login('13700000003') }),
  'POST /admin/promotions/group-buys/{id}/end': async () => {
    const id = (await t.json('POST', '/admin/promotions/group-buys', { token: admin, body: await promotionGroupBuy() })).body.id;
    return { path: `/admin/promotions/group-buys/${id}/end`, entityId: (response) => response.id };
  },
  'PUT /admin/storefront': async () => {
    const merchant = await t.login('13700000003');
    const merchantId = (await t.json('GET', '/admin/me', { token: merchant })).body.organizationId;
    return { path: '/admin/storefront', body: { name: '锦里好物严选' }, entityId: () => merchantId, token: merchant };
  },
  'PUT /admin/storefront/items/{skuId}': async () => {
    const merchant = await t.login('13700000003');
    const merchantId = (await t.json('GET', '/admin/me', { token: merchant })).body.organizationId;
    const { rows } = await t.database.executeSql("select id, suggested_retail_price_fen::int as price from skus where sku_code = 'LY-002-1'", []);
    const sku = rows[0] as { id: string; price: number };
    return { path: `/admin/storefront/items/${sku.id}`, body: { retailPriceFen: sku.price }, entityId: () => `${merchantId}:${sku.id}`, token: merchant };
  },
  'DELETE /admin/storefront/items/{skuId}': async () => {
    const merchant = await t.login('13700000003');
    const merchantId = (await t.json('GET', '/admin/me', { token: merchant })).body.organizationId;
    const { rows } = await t.database.executeSql("select id, suggested_retail_price_fen::int as price from skus where sku_code = 'LY-003-1'", []);
    const sku = rows[0] as { id: string; price: number };
    await t.json('PUT', `/admin/storefront/items/${sku.id}`, { token: merchant, body: { retailPriceFen: sku.price } });
    return { path: `/admin/storefront/items/${sku.id}`, entityId: () => `${merchantId}:${sku.id}`, token: merchant };
  },
  'POST /admin/categories': async () => ({
    path: '/admin/categories',
    body: { nameZh: '审计类目', nameEn: 'Audit category' },
    entityId: (response) => response.id,
    verify: (entry) => expect(entry.before).toBeNull(),
  }),
  'PATCH /admin/categories/{id}': async () => {
    const id = (await t.json('POST', '/admin/categories', { token: admin, body: { nameZh: '审计改名', nameEn: 'Rename me' } })).body.id;
    return { path: `/admin/categories/${id}`, body: { nameZh: '审计已改名' }, entityId: () => id, verify: (entry) => expect([entry.before.nameZh, entry.after.nameZh]).toEqual(['审计改名', '审计已改名']) };
  },
  'DELETE /admin/categories/{id}': async () => {
    const id = (await t.json('POST', '/admin/categories', { token: admin, body: { nameZh: '审计删除', nameEn: 'Delete me' } })).body.id;
    return { path: `/admin/categories/${id}`, entityId: () => id };
  },
  'PUT /admin/products/{id}/fixed-prices': async () => {
    const { rows } = await t.database.executeSql("select id, product_id, suggested_retail_price_fen::int as price from skus where sku_code = 'MF-005-1'", []);
    const sku = rows[0] as { id: string; product_id: string; price: number };
    return {
      path: `/admin/products/${sku.product_id}/fixed-prices`,
      body: { skus: [{ skuId: sku.id, fixedRetailPriceFen: sku.price }] },
      entityId: () => sku.product_id,
      verify: (entry) => expect(entry.after.fixedRetailPrices['MF-005-1']).toBe(sku.price),
    };
  },
  'PUT /admin/products/{id}/hot-product': async () => {
    const { rows } = await t.database.executeSql("select product_id from skus where sku_code = 'MF-005-1'", []);
    const productId = (rows[0] as { product_id: string }).product_id;
    return { path: `/admin/products/${productId}/hot-product`, body: { hotProduct: true }, entityId: () => productId, verify: (entry) => expect([entry.action, entry.before.hotProduct, entry.after.hotProduct]).toEqual(['product.hot_reserved', false, true]) };
  },
  'POST /admin/sub-orders/{id}/ship': async () => {
    const supplier = await t.login('13900000001');
    const buyer = await t.login('13500000004', 'shop');
    const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-006-1/stock', { token: supplier, body: { stock: 5 } })).body.skuId;
    const address = { recipientName: '罗斌', phone: '13500000444', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 1 号' };
    const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
    const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    const id = order.subOrders[0].id;
    return { path: `/admin/sub-orders/${id}/ship`, body: { carrier: '顺丰速运', trackingNumber: 'SF9000000001' }, entityId: () => id };
  },
  'POST /admin/fulfilment/shipments/import': async () => {
    const supplier = await t.login('13900000001');
    const buyer = await t.login('13500000004', 'shop');
    const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-006-2/stock', { token: supplier, body: { stock: 5 } })).body.skuId;
    const address = { recipientName: '罗斌', phone: '13500000444', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 1 号' };
    const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
    const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    const content = `subOrderId,carrierCode,trackingNumber\n${order.subOrders[0].id},zhongtong,ZT9000000001\n`;
    return { path: '/admin/fulfilment/shipments/import', body: { content }, entityId: (response) => response.importId, verify: (entry) => expect(entry.action).toBe('shipments.imported') };
  },
  'POST /admin/reviews/{id}/reply': async () => ({
    path: `/admin/reviews/${await receivedReview('LY-001-2')}/reply`,
    body: { content: '感谢您的评价' },
    entityId: (response) => response.id,
    token: await t.login('13700000003'),
    verify: (entry) => expect([entry.before.reply, entry.after.reply]).toEqual([null, '感谢您的评价']),
  }),
  'POST /admin/reviews/{id}/hide': async () => ({
    path: `/admin/reviews/${await receivedReview('LY-003-2')}/hide`,
    body: { reason: '含广告信息' },
    entityId: (response) => response.id,
    verify: (entry) => expect([entry.before.status, entry.after.status]).toEqual(['visible', 'hidden']),
  }),
  'POST /admin/users': async () => ({
    path: '/admin/users',
    body: { displayName: '审计测试', phone: '13855550001', password: 'audit1234', roles: ['sales'], organizationId: (await t.json('GET', '/admin/me', { token: admin })).body.organizationId },
    entityId: (response) => response.id,
  }),
  'PATCH /admin/users/{id}': async () => {
    const id = (await t.json('GET', '/admin/users?role=sales', { token: admin })).body.items[0].id;
    return {
      path: `/admin/users/${id}`,
      body: { displayName: '改名后' },
      entityId: () => id,
      verify: (entry) => {
        expect(entry.before.displayName).not.toBe(entry.after.displayName);
        expect(entry.after.displayName).toBe('改名后');
      },
    };
  },
  // PIPL deletion: a fresh member asks, the cooling-off period is over, the operator executes it.
  'POST /admin/personal-data/deletion-requests/{id}/process': async () => {
    const member = (await t.json('POST', '/shop/auth/wechat', { body: { code: 'audit-pipl-deletion' } })).body.token as string;
    const request = (await t.json('POST', '/shop/me/deletion-request', { token: member })).body;
    await t.database.executeSql("update personal_data_requests set due_at = now() - interval '1 minute' where id = $1", [request.id]);
    return { path: `/admin/personal-data/deletion-requests/${request.id}/process`, entityId: () => request.userId, verify: (entry) => expect(entry.action).toBe('personal_data.anonymised') };
  },
  'POST /admin/users/{id}/revoke-sessions': async () => {
    const id = (await t.json('GET', '/admin/users?role=finance', { token: admin })).body.items[0].id;
    return { path: `/admin/users/${id}/revoke-sessions`, entityId: () => id };
  },
  // A member's own sign-ins: the admin signs in on a second device, then ends it, or all the others.
  'POST /admin/me/sessions/{id}/end': async () => {
    await t.login('13800000001');
    const me = (await t.json('GET', '/admin/me', { token: admin })).body.id as string;
    const other = (await t.json('GET', '/admin/me/sessions', { token: admin })).body.items.find((session: { current: boolean }) => !session.current).id as string;
    return { path: `/admin/me/sessions/${other}/end`, entityId: () => me, verify: (entry) => expect(entry.after.sessionIds).toEqual([other]) };
  },
  'POST /admin/me/sessions/end-others': async () => {
    await t.login('13800000001');
    const me = (await t.json('GET', '/admin/me', { token: admin })).body.id as string;
    return { path: '/admin/me/sessions/end-others', entityId: () => me, verify: (entry) => expect(entry.after.sessionIds.length).toBeGreaterThan(0) };
  },
  'POST /admin/organizations': async () => ({ path: '/admin/organizations', body: { kind: 'supplier', name: '宁波海鲜供应链' }, entityId: (response) => response.id }),
  'PUT /admin/supplier-profiles/{organizationId}': async () => {
    const { id, profile } = await supplier(false);
    return { path: `/admin/supplier-profiles/${id}`, body: profile, entityId: () => id, verify: (entry) => expect(entry.after.settlementAccount.accountNumberMasked).toBe('****1234') };
  },
  'POST /admin/supplier-profiles/{organizationId}/review': async () => {
    const { id } = await supplier(true);
    return { path: `/admin/supplier-profiles/${id}/review`, body: { decision: 'approve' }, entityId: () => id, verify: (entry) => expect([entry.before.status, entry.after.status]).toEqual(['pending_review', 'approved']) };
  },
  'POST /admin/products': async () => ({
    path: '/admin/products',
    body: {
      supplierId: await supplierId(),
      title: '审计新品',
      category: '茶叶',
      skus: [{ skuCode: 'AUDIT-NEW-1', supplyPriceFen: 1000, minRetailPriceFen: 1200, suggestedRetailPriceFen: 1500, maxRetailPriceFen: 1800, stock: 3 }],
    },
    entityId: (response) => response.id,
    verify: (entry) => expect(entry.before).toBeNull(),
  }),
  'PATCH /admin/products/{id}': async () => {
    const id = await product('draft');
    return { path: `/admin/products/${id}`, body: { title: '改名后的商品' }, entityId: () => id, verify: (entry) => expect([entry.before.title, entry.after.title]).toEqual(['审计测试商品', '改名后的商品']) };
  },
  'POST /admin/products/{id}/submit': async () => {
    const id = await product('draft');
    return { path: `/admin/products/${id}/submit`, entityId: () => id, verify: (entry) => expect([entry.before.status, entry.after.status]).toEqual(['draft', 'pending_review']) };
  },
  'POST /admin/products/{id}/review': async () => {
    const id = await product('pending_review');
    return { path: `/admin/products/${id}/review`, body: { decision: 'reject', reason: '缺少质检报告' }, entityId: () => id, verify: (entry) => expect(entry.after.rejectionReason).toBe('缺少质检报告') };
  },
  'POST /admin/products/{id}/on-sale': async () => {
    const id = await product('approved');
    return { path: `/admin/products/${id}/on-sale`, entityId: () => id, verify: (entry) => expect(entry.after.status).toBe('on_sale') };
  },
  'POST /admin/products/{id}/off-sale': async () => {
    const id = (await t.json('GET', '/admin/products?status=on_sale', { token: admin })).body.items[0].id;
    return { path: `/admin/products/${id}/off-sale`, entityId: () => id, verify: (entry) => expect([entry.before.status, entry.after.status]).toEqual(['on_sale', 'off_sale']) };
  },
  'POST /admin/catalog/imports': async () => ({
    path: '/admin/catalog/imports',
    body: {
      format: 'csv',
      mode: 'create',
      supplierId: await supplierId(),
      content: 'spuCode,title,category,skuCode,supplyPriceFen,minRetailPriceFen,suggestedRetailPriceFen,maxRetailPriceFen,stock\nIMP-1,导入审计,茶叶,IMP-1-A,100,100,120,150,9\n',
    },
    entityId: (response) => response.importId,
    verify: (entry) => expect(entry.after).toMatchObject({ created: 1, mode: 'create' }),
  }),
  'PUT /admin/catalog/skus/{skuCode}/stock': async () => ({
    path: '/admin/catalog/skus/LY-001-1/stock',
    body: { stock: 77 },
    entityId: (response) => response.skuId,
    verify: (entry) => expect([entry.before.stock, entry.after.stock]).toEqual([120, 77]),
  }),
  'POST /admin/catalog/stock-sync': async () => ({
    path: '/admin/catalog/stock-sync',
    body: { items: [{ skuCode: 'MF-001-1', stock: 55 }, { skuCode: 'MF-001-2', stock: 44 }] },
    entityId: (response) => response.items[0].skuId,
    verify: (entry) => expect([entry.before.stock, entry.after.stock]).toEqual([400, 55]),
  }),
  'POST /admin/leads/{id}/stage': async () => ({ path: `/admin/leads/${await crmLead('审计阶段')}/stage`, body: { stage: 'contacted' }, entityId: (response) => response.id, verify: (entry) => expect(entry.after.stage).toBe('contacted') }),
  'POST /admin/leads/{id}/notes': async () => ({ path: `/admin/leads/${await crmLead('审计备注')}/notes`, body: { body: '经理备注' }, entityId: (response) => response.id }),
  'POST /admin/leads/{id}/reassign': async () => {
    const merchantAdminId = (await t.json('GET', '/admin/me', { token: await t.login('13700000001') })).body.id;
    return { path: `/admin/leads/${await crmLead('审计转交')}/reassign`, body: { ownerUserId: merchantAdminId }, entityId: (response) => response.id, verify: (entry) => expect(entry.after.ownerUserId).toBe(merchantAdminId) };
  },
  'POST /admin/leads/{id}/merge': async () => {
    const kept = await crmLead('审计合并');
    const duplicate = await crmLead('审计重复');
    return { path: `/admin/leads/${kept}/merge`, body: { duplicateLeadId: duplicate }, entityId: (response) => response.id, verify: (entry) => expect(entry.after.mergedLeadId).toBe(duplicate) };
  },
  'POST /admin/crm/automations': async () => ({ path: '/admin/crm/automations', body: { name: '审计自动化', params: { trigger: 'inactive', days: 3 } }, entityId: (response) => response.id }),
  'PATCH /admin/crm/automations/{id}': async () => {
    const id = (await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '审计修改', params: { trigger: 'repurchase', defaultCycleDays: 30 } } })).body.id;
    return { path: `/admin/crm/automations/${id}`, body: { enabled: false }, entityId: () => id, verify: (entry) => expect([entry.before.enabled, entry.after.enabled]).toEqual([true, false]) };
  },
  'DELETE /admin/crm/automations/{id}': async () => {
    const id = (await t.json('POST', '/admin/crm/automations', { token: admin, body: { name: '审计删除', params: { trigger: 'high_intent', threshold: 70 } } })).body.id;
    return { path: `/admin/crm/automations/${id}`, entityId: () => id };
  },
  ...marketingWriteCases(() => ({ t, admin, supplierId })),
};

/**
 * POST routes that only compute (a simulation, a validation) and write nothing, so there is nothing to
 * audit: each is proven here to leave every table as it was.
 */
const COMPUTES: Record<string, { path: string; body: unknown }> = {
  // Testing a question against the assistant's knowledge answers and stores nothing.
  'POST /admin/assistant/test': { path: '/admin/assistant/test', body: { question: '西湖龙井多少钱' } },
  'POST /admin/distribution/simulate': { path: '/admin/distribution/simulate', body: { synthetic: { members: 40, branching: 2, refundRatePercent: 10 } } },
  // A signed, one-minute ticket for the live radar's EventSource: stateless, nothing stored.
  'POST /admin/radar/stream-ticket': { path: '/admin/radar/stream-ticket', body: {} },
};

describe('every admin write is audited', () => {
  it('has a case for every admin write route', async () => {
    const writes = (await routeTable(t))
      .filter((op) => op.path.startsWith('/admin/') && op.method !== 'GET' && !op.path.startsWith('/admin/auth/'))
      .map((op) => `${op.method} ${op.path}`)
      .filter((route) => !(route in COMPUTES));
    expect(writes.sort()).toEqual(Object.keys(WRITES).sort());
  });

  for (const [route, call] of Object.entries(COMPUTES)) {
    it(`${route} computes without writing anything`, async () => {
      const before = await tableCounts(t);
      const response = await t.json(route.split(' ')[0]!, call.path, { token: admin, body: call.body });
      expect(response.status).toBe(200);
      expect(await tableCounts(t)).toEqual(before);
    });
  }

  for (const [route, prepare] of Object.entries(WRITES)) {
    it(`${route} records who, what, before and after`, async () => {
      const { path, body, entityId, verify, token } = await prepare();
      const method = route.split(' ')[0]!;
      const response = await t.json(method, path, { token: token ?? admin, ...(body ? { body } : {}) });
      expect(response.status).toBeLessThan(300);
      const id = entityId(response.body);
      const entries = (await t.json('GET', `/admin/audit-log?entityId=${encodeURIComponent(id)}`, { token: admin })).body.items;
      const latest = entries[0];
      expect(latest, `no audit entry for ${id}`).toBeDefined();
      expect(latest.actorName).toBe(token ? '周杰' : '张伟');
      expect(latest.actorRoles).toEqual([token ? 'merchant_admin' : 'platform_admin']);
      expect(latest.requestId).toMatch(/.+/);
      // A deletion keeps what was there; every other write records what is there now.
      if (method === 'DELETE') expect(latest.before).not.toBeNull();
      else expect(latest.after).not.toBeNull();
      verify?.(latest);
    });
  }
});
