import type { Database } from '@linkmall/db';

/**
 * Raw rows of the source tables analytics reads (organisations, users, cards, products, orders,
 * shipments, after-sales, tracking, distribution), written straight in SQL with only the columns
 * their constraints need. Times are instants; days in assertions are Beijing days.
 */
export interface OrderSpec {
  readonly id: string;
  readonly buyer: string;
  readonly merchant?: string | null;
  readonly paidAt: string;
  readonly lines: readonly { readonly product: string; readonly quantity: number; readonly unitFen: number }[];
  readonly province?: string;
  readonly city?: string;
  readonly shippedAt?: string;
  /** An after-sales case opened (and refunded when refundedAt is given). */
  readonly afterSales?: { readonly id: string; readonly openedAt: string; readonly refundFen: number; readonly refundedAt?: string };
}

export function analyticsWorld(database: Pick<Database, 'executeSql'>) {
  const run = (text: string, values: unknown[] = []) => database.executeSql(text, values);
  const stamp = '2026-01-01T00:00:00Z';
  let sequence = 0;
  return {
    run,
    async organization(id: string, kind: 'platform' | 'supplier' | 'merchant', name = id) {
      await run(`insert into organizations (id, kind, name, created_at, updated_at) values ($1, $2, $3, $4, $4) on conflict do nothing`, [id, kind, name, stamp]);
    },
    async user(id: string, organizationId: string | null, roles: string[], displayName = id) {
      await run(`insert into users (id, organization_id, roles, display_name, created_at, updated_at) values ($1, $2, $3, $4, $5, $5) on conflict do nothing`, [id, organizationId, roles, displayName, stamp]);
    },
    async card(id: string, ownerUserId: string, organizationId: string) {
      await run(
        `insert into cards (id, owner_user_id, organization_id, merchant_id, name, title, company, intro, theme, modules, status, created_at, updated_at)
         values ($1, $2, $3, $3, $2, 'Guide', 'Shop', '', 'classic', '[]', 'active', $4, $4)`,
        [id, ownerUserId, organizationId, stamp],
      );
    },
    async product(id: string, supplierId: string, title: string, stock: number) {
      await run(
        `insert into products (id, supplier_id, title, category, supply_price_fen, retail_price_fen, status, spu_code, created_at, updated_at)
         values ($1, $2, $3, 'general', 100, 200, 'on_sale', $1, $4, $4)`,
        [id, supplierId, title, stamp],
      );
      await run(
        `insert into skus (id, product_id, supplier_id, sku_code, supply_price_fen, min_retail_price_fen, suggested_retail_price_fen, max_retail_price_fen, stock, created_at, updated_at)
         values ($1, $2, $3, $1, 100, 100, 200, 300, $4, $5, $5)`,
        [`sku_${id}`, id, supplierId, stock, stamp],
      );
    },
    async order(spec: OrderSpec & { supplier: string }) {
      const goods = spec.lines.reduce((sum, line) => sum + line.quantity * line.unitFen, 0);
      const address = JSON.stringify({ province: spec.province ?? '广东省', city: spec.city ?? '深圳市', district: '南山区' });
      await run(
        `insert into orders (id, buyer_user_id, merchant_id, delivery_method, shipping_address, goods_fen, discount_fen, shipping_fen, payable_fen, payment_status, expires_at, created_at, paid_at)
         values ($1, $2, $3, 'delivery', $4, $5, 0, 0, $5, 'paid', $6, $6, $6)`,
        [spec.id, spec.buyer, spec.merchant ?? null, address, goods, spec.paidAt],
      );
      const subOrderId = `sub_${spec.id}`;
      await run(
        `insert into sub_orders (id, order_id, supplier_id, status, goods_fen, discount_fen, shipping_fen, payable_fen, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 0, 0, $5, $6, $6)`,
        [subOrderId, spec.id, spec.supplier, spec.shippedAt ? 'shipped' : 'paid', goods, spec.paidAt],
      );
      for (const line of spec.lines) {
        const total = line.quantity * line.unitFen;
        await run(
          `insert into order_lines (id, order_id, sub_order_id, sku_id, product_id, title, specs, quantity, unit_price_fen, supply_price_fen, line_total_fen, discount_fen, payable_fen)
           values ($1, $2, $3, $4, $5, $5, '', $6, $7, 0, $8, 0, $8)`,
          [`line_${++sequence}`, spec.id, subOrderId, `sku_${line.product}`, line.product, line.quantity, line.unitFen, total],
        );
      }
      if (spec.shippedAt) {
        await run(`insert into order_status_history (id, sub_order_id, from_status, to_status, event, occurred_at) values ($1, $2, 'paid', 'shipped', 'ship', $3)`, [`osh_${++sequence}`, subOrderId, spec.shippedAt]);
      }
      if (spec.afterSales) {
        const refunded = spec.afterSales.refundedAt !== undefined;
        await run(
          `insert into after_sales_cases (id, order_id, sub_order_id, buyer_user_id, kind, reason, status, resume_status, refund_fen, created_at, decided_at)
           values ($1, $2, $3, $4, 'refund_only', 'not wanted', $5, 'paid', $6, $7, $8)`,
          [spec.afterSales.id, spec.id, subOrderId, spec.buyer, refunded ? 'refunded' : 'requested', spec.afterSales.refundFen, spec.afterSales.openedAt, spec.afterSales.refundedAt ?? null],
        );
      }
      return { subOrderId };
    },
    /** A consented visitor of a card; `userId` links them to a shop account (order attribution). */
    async visitor(cardId: string, visitorId: string, owner: { userId: string; organizationId: string }, firstSeenAt: string, userId: string | null = null, displayNameCipher: string | null = null) {
      await run(
        `insert into radar_visitors (card_id, visitor_id, owner_user_id, organization_id, user_id, display_name_cipher, first_seen_at, last_seen_at, visits)
         values ($1, $2, $3, $4, $5, $6, $7, $7, 1)`,
        [cardId, visitorId, owner.userId, owner.organizationId, userId, displayNameCipher, firstSeenAt],
      );
    },
    async track(cardId: string, owner: { userId: string; organizationId: string }, visitorId: string, kind: string, occurredAt: string, productId: string | null = null): Promise<number> {
      const { rows } = await run(
        `insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, kind, occurred_at, received_at, product_id)
         values ($1, $2, $3, $4, $5, $6, $6, $7) returning id`,
        [cardId, owner.userId, owner.organizationId, visitorId, kind, occurredAt, productId],
      );
      return Number((rows[0] as { id: unknown }).id);
    },
    async member(spec: { id: string; role: 'MEMBER' | 'AGENT' | 'BOSS'; referrer?: string | null; teamBoss?: string | null; boundAt?: string | null; packageOrder?: { id: string; paidAt: string } | null; upgradeOrder?: { id: string; paidAt: string } | null }) {
      for (const order of [spec.packageOrder, spec.upgradeOrder]) {
        if (!order) continue;
        const paidMs = Date.parse(order.paidAt);
        await run(
          `insert into distribution_orders (order_id, kind, buyer_id, amount_fen, paid_at_ms, paid_day, status, profile_id, profile_version, created_at)
           values ($1, 'PACKAGE', $2, 39900, $3, $4, 'PAID', 'dpf_test', '1', $5) on conflict do nothing`,
          [order.id, spec.id, paidMs, Math.floor(paidMs / 86_400_000), order.paidAt],
        );
      }
      await run(
        `insert into distribution_members (member_id, role, referrer_id, team_boss_id, invite_code, referrer_bound_at, package_order_id, upgrade_order_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [spec.id, spec.role, spec.referrer ?? null, spec.role === 'BOSS' ? null : (spec.teamBoss ?? null), `INV${String(++sequence).padStart(6, '0')}`, spec.boundAt ?? null, spec.packageOrder?.id ?? null, spec.upgradeOrder?.id ?? null, stamp],
      );
    },
  };
}
export type AnalyticsWorld = ReturnType<typeof analyticsWorld>;
