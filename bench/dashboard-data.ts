import { BENCH_CATEGORIES, BENCH_REGIONS } from './dashboard-regions.ts';
import { idOf, type DashboardDataShape, type LoadStep } from './dashboard-shape.ts';

/**
 * The dashboard benchmark's data set, generated set-based inside PostgreSQL (generate_series,
 * INSERT … SELECT) into the real tables of the real schema: organisations, staff and buyers, a
 * catalog, storefronts and stores, orders with their sub-orders, lines, payments and after-sales
 * cases over one year, the distribution tree, business cards with their shares, and the radar's
 * tracking rows with the summaries the app keeps beside them (visitors, daily counts, consents).
 *
 * Skew: merchants and products are picked by a Zipf-like rank (a few big ones, a long tail), buyers
 * by a power law (repeat buyers), regions by city size, and order time leans to recent months.
 * Plan tables (temporary) hold each order's and line's choices once, so that parents and children
 * agree on every amount: goods = Σ lines, payable = goods − discount + shipping.
 */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '小雨', '浩然', '子涵', '一诺', '思远', '梓萱'];
const BRANDS = ['优选', '好物', '生活馆', '严选', '小铺', '良品', '鲜生', '家居', '美妆', '母婴'];

const textArray = (values: readonly string[]) => `array[${values.map((value) => `'${value}'`).join(', ')}]::text[]`;

/** Session settings and helpers for one loading connection (temporary objects vanish with it). */
export function setupSteps(shape: DashboardDataShape): LoadStep[] {
  const merchantWeightSum = Array.from({ length: shape.merchants }, (_, m) => 1 / (m + 1)).reduce((sum, weight) => sum + weight, 0);
  return [
    {
      label: 'session',
      // Bulk load: no WAL flush per commit, big sorts in memory, and no per-row foreign-key triggers
      // (every reference comes from the plan tables, and verifyReferences checks them afterwards).
      sql: `set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '512MB';
            set session_replication_role = replica; select setseed(0.6);
            create function pg_temp.zipf(u float8, n int) returns int language sql immutable as
              $$ select least(n - 1, floor(power(n + 1, u))::int - 1) $$;
            create function pg_temp.ago(reference timestamptz, u float8) returns timestamptz language sql immutable as
              $$ select reference - make_interval(secs => floor(365 * 86400 * power(u, 1.25))) $$;`,
    },
    {
      label: 'plan: regions',
      sql: `create temp table bench_regions as
            select (ordinality - 1)::int as idx, province, city, district
            from unnest($1::text[], $2::text[], $3::text[]) with ordinality as r (province, city, district)`,
      values: [BENCH_REGIONS.map((r) => r.province), BENCH_REGIONS.map((r) => r.city), BENCH_REGIONS.map((r) => r.district)],
    },
    {
      label: 'plan: merchants and guides',
      sql: `create temp table bench_merchants as
            with weighted as (
              select m as idx, (1.0 / (m + 1)) / ${merchantWeightSum} as weight, pg_temp.zipf(random(), ${BENCH_REGIONS.length}) as region_idx
              from generate_series(0, ${shape.merchants - 1}) as m),
            sized as (select *, 2 + floor(${shape.guides - 2 * shape.merchants} * weight)::int as guide_count from weighted)
            select *, (sum(guide_count) over (order by idx) - guide_count)::int as guide_start, ${idOf('org', '2000 + idx')} as id from sized;
            create temp table bench_guides as
            select g.idx, m.idx as merchant_idx, ${idOf('usr', '1000000000 + g.idx')} as user_id, ${idOf('crd', 'g.idx')} as card_id,
                   ${idOf('shr', 'g.idx * 100')} as root_share_id
            from bench_merchants m cross join lateral generate_series(m.guide_start, m.guide_start + m.guide_count - 1) as g (idx);
            create unique index on bench_guides (idx); analyze bench_merchants; analyze bench_guides;`,
    },
    {
      label: 'plan: buyers',
      // A buyer belongs to a home merchant (by weight), follows one of its guides, lives in a city
      // (by size) and prefers one product category (so co-purchases carry a signal).
      sql: `create temp table bench_buyers as
            select b.idx, b.merchant_idx, m.guide_start + floor(random() * m.guide_count)::int as guide_idx,
                   pg_temp.zipf(random(), ${BENCH_REGIONS.length}) as region_idx, floor(random() * 20)::int as preferred_category,
                   ${idOf('usr', 'b.idx')} as user_id
            from (select idx, pg_temp.zipf(random(), ${shape.merchants}) as merchant_idx from generate_series(0, ${shape.buyers - 1}) as idx) b
            join bench_merchants m on m.idx = b.merchant_idx;
            create unique index on bench_buyers (idx); analyze bench_buyers;`,
    },
  ];
}

/** Organisations, people, catalog, storefronts and stores. */
export function referenceSteps(shape: DashboardDataShape): LoadStep[] {
  const at = `'${shape.referenceTime.toISOString()}'::timestamptz`;
  const founded = `${at} - interval '400 days'`;
  const perSupplier = shape.productsPerSupplier;
  const products = shape.suppliers * perSupplier;
  const name = (n: string) => `(${textArray(SURNAMES)})[1 + (${n}) % ${SURNAMES.length}] || (${textArray(GIVEN_NAMES)})[1 + ((${n}) / ${SURNAMES.length}) % ${GIVEN_NAMES.length}]`;
  return [
    {
      label: 'organizations',
      sql: `insert into organizations (id, kind, name, status, created_at, updated_at)
            select ${idOf('org', '0')}, 'platform', '链商云平台', 'active', ${founded}, ${founded}
            union all
            select ${idOf('org', '1000 + s')}, 'supplier', '供应商 ' || (s + 1), 'active', ${founded}, ${founded} from generate_series(0, ${shape.suppliers - 1}) s
            union all
            select m.id, 'merchant', r.city || (${textArray(BRANDS)})[1 + m.idx % ${BRANDS.length}] || ' ' || (m.idx + 1) || '号店', 'active', ${founded}, ${founded}
            from bench_merchants m join bench_regions r on r.idx = m.region_idx`,
    },
    {
      label: 'users',
      sql: `insert into users (id, organization_id, roles, display_name, status, created_at, updated_at)
            select ${idOf('usr', '2000000000 + m.idx')}, m.id, array['merchant_admin'], ${name('m.idx + 7')}, 'active', ${founded}, ${founded} from bench_merchants m
            union all
            select g.user_id, m.id, array['shop_guide'], ${name('g.idx + 3')}, 'active', ${founded}, ${founded}
            from bench_guides g join bench_merchants m on m.idx = g.merchant_idx
            union all
            select b.user_id, null, array['consumer'], ${name('b.idx')}, 'active', ${founded} + make_interval(days => b.idx % 30), ${founded} + make_interval(days => b.idx % 30)
            from bench_buyers b`,
    },
    {
      label: 'catalog',
      sql: `insert into categories (id, parent_id, name_zh, name_en, sort_order, created_at, updated_at)
            select ${idOf('cat', 'root_idx')}, null, root, root_en, root_idx, ${founded}, ${founded}
            from unnest($1::text[], $2::text[]) with ordinality as r (root, root_en, root_idx)
            union all
            select ${idOf('cat', '100 + leaf_idx - 1')}, ${idOf('cat', '1 + (leaf_idx - 1) / 5')}, leaf, leaf_en, leaf_idx, ${founded}, ${founded}
            from unnest($3::text[], $4::text[]) with ordinality as l (leaf, leaf_en, leaf_idx)`,
      values: [
        BENCH_CATEGORIES.map((c) => c.root), BENCH_CATEGORIES.map((c) => c.rootEn),
        BENCH_CATEGORIES.flatMap((c) => c.leaves.map((leaf) => leaf[0])), BENCH_CATEGORIES.flatMap((c) => c.leaves.map((leaf) => leaf[1])),
      ],
    },
    {
      label: 'products and SKUs',
      // Product p: supplier p / perSupplier, leaf category p % 20, a price derived from p.
      sql: `create temp table bench_products as
            select p as idx, p / ${perSupplier} as supplier_idx, p % 20 as category_idx,
                   ((990 + (p * 7919) % 40000) / 10) * 10 as price_fen, ${idOf('prd', 'p')} as id, ${idOf('sku', 'p')} as sku_id
            from generate_series(0, ${products - 1}) as p;
            create unique index on bench_products (idx); analyze bench_products;
            insert into products (id, supplier_id, title, category, category_id, supply_price_fen, retail_price_fen, status, spu_code, created_at, updated_at)
            select p.id, ${idOf('org', '1000 + p.supplier_idx')}, c.name_zh || ' ' || (p.idx + 1) || '号', c.name_zh, c.id,
                   p.price_fen * 6 / 10, p.price_fen, 'on_sale', 'BD' || p.idx, ${founded}, ${founded}
            from bench_products p join categories c on c.id = ${idOf('cat', '100 + p.category_idx')};
            insert into skus (id, product_id, supplier_id, sku_code, position, specs, supply_price_fen, min_retail_price_fen,
                              suggested_retail_price_fen, max_retail_price_fen, stock, weight_grams, created_at, updated_at)
            select p.sku_id, p.id, ${idOf('org', '1000 + p.supplier_idx')}, 'BD-' || p.idx, 0, '[]', p.price_fen * 6 / 10, p.price_fen * 6 / 10,
                   p.price_fen, p.price_fen * 2, 200 + (p.idx * 37) % 5000, 500, ${founded}, ${founded}
            from bench_products p;`,
    },
    {
      label: 'storefronts and stores',
      sql: `insert into storefronts (merchant_id, name, created_at, updated_at) select o.id, o.name, ${founded}, ${founded} from organizations o where o.kind = 'merchant';
            insert into storefront_items (merchant_id, sku_id, product_id, retail_price_fen, featured, position, created_at, updated_at)
            select m.id, p.sku_id, p.id, p.price_fen, p.idx < 5, p.idx, ${founded}, ${founded}
            from bench_merchants m join bench_products p on (p.idx + m.idx) % 10 = 0 or p.idx < 40;
            insert into stores (id, merchant_id, name, province, city, district, address, latitude, longitude, status, created_at, updated_at)
            select ${idOf('sto', 'm.idx * 10 + s')}, m.id, o.name || ' ' || (s + 1) || '店', r.province, r.city, r.district, r.district || (s + 1) * 100 || '号',
                   30 + r.idx * 0.2, 110 + r.idx * 0.3, 'open', ${founded}, ${founded}
            from bench_merchants m join organizations o on o.id = m.id join bench_regions r on r.idx = m.region_idx
            cross join lateral generate_series(0, m.idx % 3) as s;`,
    },
  ];
}

/** Orders with sub-orders (one per supplier), lines, payments and after-sales refunds. */
export function orderSteps(shape: DashboardDataShape): LoadStep[] {
  const at = `'${shape.referenceTime.toISOString()}'::timestamptz`;
  const perSupplier = shape.productsPerSupplier;
  const products = shape.suppliers * perSupplier;
  const perCategory = products / 20;
  // 3 % of paid sub-orders are refunded, chosen by a hash both the sub-order and its lines compute.
  const refunded = `(o.status = 'paid' and (o.n * 31 + l.supplier_idx * 17) % 100 < 3)`;
  return [
    {
      label: 'plan: orders',
      // Buyers by a power law: low indexes buy again and again. 90 % buy from their home merchant,
      // 40 % of those through their guide's card (those get card events leading to the order).
      sql: `create temp table bench_orders as
            select x.n, x.buyer_idx, b.user_id as buyer_user_id, b.preferred_category, b.region_idx,
                   case when x.home then b.merchant_idx else pg_temp.zipf(random(), ${shape.merchants}) end as merchant_idx,
                   case when x.home then b.guide_idx end as guide_idx, x.home and random() < 0.4 as via_card,
                   x.created_at, case when x.status_draw < 0.93 then 'paid' when x.created_at > ${at} - interval '1 day' then 'unpaid' else 'closed' end as status,
                   random() < 0.1 as pickup, 1 + (random() < 0.3)::int + (random() < 0.1)::int as line_count, ${idOf('ord', 'x.n')} as id,
                   make_interval(secs => 30 + floor(random() * 600)) as pay_delay, make_interval(secs => 7200 + floor(random() * 165600)) as ship_delay,
                   make_interval(secs => 86400 + floor(random() * 345600)) as receive_delay
            from (select n, floor(${shape.buyers} * power(random(), 1.8))::int as buyer_idx, random() < 0.9 as home,
                         pg_temp.ago(${at}, random()) as created_at, random() as status_draw
                  from generate_series(1, ${shape.orders}) as n) x
            join bench_buyers b on b.idx = x.buyer_idx;
            create unique index on bench_orders (n); analyze bench_orders;`,
    },
    {
      label: 'plan: lines',
      // 70 % of lines come from the buyer's preferred category, the rest from the whole catalog; both by popularity rank.
      sql: `create temp table bench_lines as
            select x.n, x.line_no, p.idx as product_idx, p.supplier_idx, p.price_fen, p.id as product_id, p.sku_id, c.name_zh as category_name, x.quantity,
                   p.price_fen * x.quantity as total_fen, case when x.discounted then p.price_fen * x.quantity / 10 else 0 end as discount_fen
            from (select o.n, k as line_no,
                         case when random() < 0.7 then o.preferred_category + 20 * pg_temp.zipf(random(), ${perCategory}) else pg_temp.zipf(random(), ${products}) end as product_idx,
                         1 + (random() < 0.2)::int + (random() < 0.05)::int as quantity, random() < 0.15 as discounted
                  from bench_orders o cross join lateral generate_series(1, o.line_count) as k) x
            join bench_products p on p.idx = x.product_idx
            join categories c on c.id = ${idOf('cat', '100 + p.category_idx')};
            analyze bench_lines;
            create temp table bench_sub_orders as
            select l.n, l.supplier_idx, sum(l.total_fen) as goods_fen, sum(l.discount_fen) as discount_fen,
                   case when not o.pickup and sum(l.total_fen) < 9900 then 800 else 0 end as shipping_fen, bool_or(${refunded}) as refunded,
                   'sub_' || lpad(l.n::text, 20, '0') || lpad(l.supplier_idx::text, 6, '0') as id
            from bench_lines l join bench_orders o on o.n = l.n group by l.n, l.supplier_idx, o.pickup;
            analyze bench_sub_orders;`,
    },
    {
      label: 'orders',
      sql: `insert into orders (id, buyer_user_id, merchant_id, delivery_method, pickup_store_id, shipping_address, goods_fen, discount_fen, shipping_fen,
                              payable_fen, payment_status, expires_at, created_at, paid_at, closed_at)
            select o.id, o.buyer_user_id, m.id, case when o.pickup then 'pickup' else 'delivery' end, case when o.pickup then ${idOf('sto', 'm.idx * 10')} end,
                   case when not o.pickup then jsonb_build_object('recipientName', u.display_name, 'province', r.province, 'city', r.city, 'district', r.district,
                                                                  'detail', r.district || (o.buyer_idx % 500 + 1) || '号', 'phoneCipher', 'bench', 'phoneMasked', '138****' || lpad((o.buyer_idx % 10000)::text, 4, '0')) end,
                   t.goods_fen, t.discount_fen, t.shipping_fen, t.goods_fen - t.discount_fen + t.shipping_fen, o.status,
                   o.created_at + interval '30 minutes', o.created_at, case when o.status = 'paid' then o.created_at + o.pay_delay end,
                   case when o.status = 'closed' then o.created_at + interval '30 minutes' end
            from bench_orders o
            join (select n, sum(goods_fen) as goods_fen, sum(discount_fen) as discount_fen, sum(shipping_fen) as shipping_fen from bench_sub_orders group by n) t on t.n = o.n
            join bench_merchants m on m.idx = o.merchant_idx join bench_regions r on r.idx = o.region_idx join users u on u.id = o.buyer_user_id`,
    },
    {
      label: 'sub-orders',
      // Paid sub-orders move on with age: shipped after 2–48 h, received 1–5 days later, completed when
      // the 7-day after-sales window closes; refunded ones were refunded an hour after payment, unshipped.
      sql: `insert into sub_orders (id, order_id, supplier_id, status, goods_fen, discount_fen, shipping_fen, payable_fen, version, created_at, updated_at,
                                  carrier, tracking_number, shipped_at, received_at, after_sales_until, completed_at)
            select s.id, o.id, ${idOf('org', '1000 + s.supplier_idx')}, x.status, s.goods_fen, s.discount_fen, s.shipping_fen,
                   s.goods_fen - s.discount_fen + s.shipping_fen, 1, o.created_at, o.created_at,
                   case when x.shipped then 'SF' end, case when x.shipped then 'SF' || lpad(o.n::text, 12, '0') || s.supplier_idx end,
                   case when x.shipped then x.shipped_at end, case when x.received then x.received_at end,
                   case when x.received then x.received_at + interval '7 days' end, case when x.status = 'completed' then x.received_at + interval '7 days' end
            from bench_sub_orders s join bench_orders o on o.n = s.n
            cross join lateral (select o.created_at + o.pay_delay + o.ship_delay as shipped_at, o.created_at + o.pay_delay + o.ship_delay + o.receive_delay as received_at) t
            cross join lateral (select case when o.status = 'unpaid' then 'created' when o.status = 'closed' then 'closed' when s.refunded then 'refunded'
                                            when t.shipped_at > ${at} then 'paid' when t.received_at > ${at} then 'shipped'
                                            when t.received_at + interval '7 days' > ${at} then 'received' else 'completed' end as status,
                                       t.shipped_at, t.received_at,
                                       o.status = 'paid' and not s.refunded and t.shipped_at <= ${at} as shipped,
                                       o.status = 'paid' and not s.refunded and t.received_at <= ${at} as received) x`,
    },
    {
      label: 'order lines',
      sql: `insert into order_lines (id, order_id, sub_order_id, sku_id, product_id, title, specs, quantity, unit_price_fen, supply_price_fen, line_total_fen,
                                   discount_fen, payable_fen, refunded_quantity, refunded_fen)
            select 'oli_' || lpad(l.n::text, 23, '0') || lpad(l.line_no::text, 3, '0'), o.id, 'sub_' || lpad(l.n::text, 20, '0') || lpad(l.supplier_idx::text, 6, '0'),
                   l.sku_id, l.product_id, l.category_name || ' ' || (l.product_idx + 1) || '号', '', l.quantity, l.price_fen, l.price_fen * 6 / 10, l.total_fen,
                   l.discount_fen, l.total_fen - l.discount_fen,
                   case when ${refunded} then l.quantity else 0 end, case when ${refunded} then l.total_fen - l.discount_fen else 0 end
            from bench_lines l join bench_orders o on o.n = l.n`,
    },
    {
      label: 'payments and refunds',
      sql: `insert into payments (id, order_id, provider, amount_fen, status, provider_transaction_id, created_at, updated_at, paid_at)
            select ${idOf('pay', 'o.n')}, o.id, 'sandbox', x.payable_fen, 'succeeded', 'bench-' || o.n, o.created_at + o.pay_delay, o.created_at + o.pay_delay, o.created_at + o.pay_delay
            from bench_orders o join orders x on x.id = o.id where o.status = 'paid';
            insert into after_sales_cases (id, order_id, sub_order_id, buyer_user_id, kind, reason, status, resume_status, refund_fen, decided_by, created_at, decided_at)
            select 'asc_' || substr(s.id, 5), o.id, s.id, o.buyer_user_id, 'refund_only', '不想要了', 'refunded', 'paid', s.goods_fen - s.discount_fen, 'system',
                   o.created_at + o.pay_delay + interval '1 hour', o.created_at + o.pay_delay + interval '5 hours'
            from bench_sub_orders s join bench_orders o on o.n = s.n where s.refunded;
            insert into after_sales_lines (case_id, order_line_id, quantity, refund_fen)
            select 'asc_' || substr(l.sub_order_id, 5), l.id, l.quantity, l.payable_fen from order_lines l where l.refunded_quantity > 0;
            insert into refunds (id, payment_id, case_id, amount_fen, status, provider_refund_id, created_at, updated_at)
            select 'rfd_' || substr(c.id, 5), ${idOf('pay', 'substr(c.order_id, 5)::bigint')}, c.id, c.refund_fen, 'succeeded', 'bench-' || c.id, c.decided_at, c.decided_at
            from after_sales_cases c;`,
    },
    {
      label: 'order status history',
      // Every transition the app appends, at the instants above (analytics reads shipments from here).
      sql: `insert into order_status_history (id, sub_order_id, from_status, to_status, event, actor_user_id, occurred_at)
            select 'osh_' || substr(s.id, 6, 19) || substr(s.id, 26, 5) || lpad(t.step::text, 2, '0'), s.id, t.from_status, t.to_status, t.event, t.actor_user_id, t.at
            from sub_orders s join orders o on o.id = s.order_id left join after_sales_cases c on c.sub_order_id = s.id
            cross join lateral (values (1, null, 'created', 'checkout', o.buyer_user_id, s.created_at), (2, 'created', 'paid', 'pay', null, o.paid_at),
                                       (3, 'created', 'closed', 'cancel', null, o.closed_at), (4, 'paid', 'shipped', 'ship', null, s.shipped_at),
                                       (5, 'shipped', 'received', 'confirm_receipt', o.buyer_user_id, s.received_at), (6, 'received', 'completed', 'complete', null, s.completed_at),
                                       (7, 'paid', 'refunding', 'open_after_sales', o.buyer_user_id, c.created_at), (8, 'refunding', 'refunded', 'refund_all', 'system', c.decided_at))
              as t (step, from_status, to_status, event, actor_user_id, at)
            where t.at is not null`,
    },
  ];
}
