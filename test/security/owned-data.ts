import type { TestPlatform } from '../../apps/api/test/harness.ts';
import { openApiSpec } from '../../apps/api/test/harness.ts';
import { operationShapes, seededRandom, validSample } from './openapi-samples.ts';
import { mayCall, type Principal } from './security-fixtures.ts';

/**
 * Gives every tenant data of its own before the authorization suite looks for foreign ids: each
 * principal calls every create route it may (POST/PUT without path ids) with a valid sample, and
 * both consumers place and pay an order, so orders, sub-orders, payments and after-sales exist twice.
 */
export async function createOwnedData(t: TestPlatform, principals: readonly Principal[]): Promise<void> {
  const random = seededRandom(3);
  const operations = operationShapes(await openApiSpec(t));
  // Platform staff must name a supplier when they create a product.
  const supplierId = principals.find((p) => p.role === 'supplier_admin')?.organizationId ?? undefined;
  for (const principal of principals) {
    for (const operation of operations) {
      if (!['POST', 'PUT'].includes(operation.method) || operation.pathParams.length > 0 || !operation.body) continue;
      if (!/^\/(admin|shop)\//.test(operation.path) || /\/auth\/|logout|stream-ticket|bank-batches|\/scan\//.test(operation.path)) continue;
      if (!mayCall(principal, operation)) continue;
      for (const full of [false, true]) {
        const body = validSample(operation.body, random, (prefix) => (prefix === 'org' ? supplierId : undefined), '', full);
        await (await t.request(operation.method, operation.path, { token: principal.token, body })).body?.cancel();
      }
    }
  }
  const supplier = principals.find((p) => p.key === 'supplier_admin')!;
  const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-002-1/stock', { token: supplier.token, body: { stock: 50 } })).body.skuId as string;
  const address = { recipientName: '安全测试', phone: '13512340000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
  for (const buyer of principals.filter((p) => p.role === 'consumer')) {
    const order = (await t.json('POST', '/shop/orders', { token: buyer.token, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
    if (!order?.id) throw new Error(`could not place an order for ${buyer.key}: ${JSON.stringify(order)}`);
    const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer.token })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    // An after-sales case on the paid order: the supplier's and the platform's handling routes get a target.
    const subOrder = order.subOrders[0];
    await t.json('POST', `/shop/orders/${order.id}/after-sales`, {
      token: buyer.token,
      body: { subOrderId: subOrder.id, kind: 'refund_only', reason: '安全测试', lines: [{ orderLineId: subOrder.lines[0].id, quantity: 1 }] },
    });
    await t.json('POST', '/shop/orders', { token: buyer.token, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } });
  }
  // A follow-up task on each guide's own lead.
  for (const guide of principals.filter((p) => p.role === 'shop_guide')) {
    const lead = (await t.json('POST', '/shop/leads', { token: guide.token, body: { name: `${guide.key} 的客户`, phones: [guide.key.endsWith('_2') ? '13511110002' : '13511110001'] } })).body;
    if (lead?.leadId) await t.json('POST', `/shop/leads/${lead.leadId}/tasks`, { token: guide.token, body: { title: '回访', dueAt: '2026-12-01T02:00:00.000Z' } });
  }
}
