import { idOf, type DashboardDataShape, type LoadStep } from './dashboard-shape.ts';

/** Visitors per card a session picks from (by a power law: a few regulars, many one-time visitors). */
const VISITOR_POOL_PER_CARD = 2_000;
/** Visitors per card who made a share link of their own; forwarded sessions arrive through one. */
const SHARING_VISITORS_PER_CARD = 50;
const MODULES = ['products', 'intro', 'contact', 'company', 'video', 'coupons'];

/**
 * Cards, shares, the distribution tree and the radar's rows. Tracking comes in sessions: a visitor
 * opens a guide's card (a view), then dwells, opens modules, clicks products, adds to cart, claims
 * coupons, shares or forwards it. 15 % of sessions arrive through a visitor's share (fission), and
 * every order placed through a card gets its own session ending in an `order` event. Sessions are
 * inserted in time order, like a beacon table that only grows, and the total is exactly
 * `trackingEvents` rows.
 */
export function trackingStatements(shape: DashboardDataShape): LoadStep[] {
  const at = `'${shape.referenceTime.toISOString()}'::timestamptz`;
  const products = shape.suppliers * shape.productsPerSupplier;
  const modules = `array[${MODULES.map((module) => `'${module}'`).join(', ')}]`;
  return [
    {
      label: 'cards and shares',
      sql: `insert into cards (id, owner_user_id, organization_id, merchant_id, name, title, company, intro, theme, modules, status, created_at, updated_at)
            select g.card_id, g.user_id, m.id, m.id, u.display_name, '导购', o.name, '您好，我是' || u.display_name || '，欢迎咨询。', 'classic', '[]', 'active', u.created_at, u.created_at
            from bench_guides g join bench_merchants m on m.idx = g.merchant_idx join organizations o on o.id = m.id join users u on u.id = g.user_id;
            insert into card_shares (id, card_id, token_hash, parent_share_id, chain, sharer_kind, sharer_user_id, sharer_visitor_id, created_at)
            select g.root_share_id, g.card_id, md5(g.root_share_id), null, array[g.root_share_id], 'owner', g.user_id, null, ${at} - interval '380 days'
            from bench_guides g
            union all
            select ${idOf('shr', 'g.idx * 100 + 1 + k')}, g.card_id, md5(${idOf('shr', 'g.idx * 100 + 1 + k')}), g.root_share_id,
                   array[g.root_share_id, ${idOf('shr', 'g.idx * 100 + 1 + k')}], 'visitor', null, 'v' || g.idx || 'x' || k, ${at} - interval '370 days'
            from bench_guides g cross join generate_series(0, ${SHARING_VISITORS_PER_CARD - 1}) as k;`,
    },
    {
      label: 'distribution members',
      // 60 % of buyers are members. Team t holds the members whose index ≡ t (mod 100); its root (index
      // t) is the boss, and everyone else was invited by an earlier member of the same team, so members
      // join in index order over the year. Agents and bosses bought the gift package 3 days after
      // joining; bosses were promoted 20 days after that.
      sql: `create temp table bench_members as
            select b.idx, b.user_id, case when b.idx < 100 then 'BOSS' when (b.idx * 7) % 100 < 15 then 'AGENT' else 'MEMBER' end as role,
                   ${at} - interval '395 days' + make_interval(secs => floor(360 * 86400 * b.idx::float8 / ${shape.buyers})) as bound_at
            from bench_buyers b where b.idx % 10 < 6;
            insert into distribution_orders (order_id, kind, buyer_id, amount_fen, paid_at_ms, paid_day, status, profile_id, profile_version, created_at)
            select 'dor_' || substr(m.user_id, 5) || x.kind, x.kind, m.user_id, x.amount_fen, floor(extract(epoch from x.paid_at) * 1000)::bigint,
                   floor((extract(epoch from x.paid_at) + 8 * 3600) / 86400)::int, 'PAID', 'dpf_bench', '1', x.paid_at
            from bench_members m
            cross join lateral (values ('PACKAGE', 39900, m.bound_at + interval '3 days'), ('REPURCHASE', 99900, m.bound_at + interval '23 days')) as x (kind, amount_fen, paid_at)
            where m.role = 'BOSS' or (m.role = 'AGENT' and x.kind = 'PACKAGE');
            insert into distribution_members (member_id, role, referrer_id, team_boss_id, package_order_id, upgrade_order_id, invite_code, created_at, updated_at, referrer_bound_at)
            select m.user_id, m.role,
                   case when m.idx >= 100 then ${idOf('usr', 'm.idx - 100 * (1 + floor(random() * (m.idx / 100))::int)')} end,
                   case when m.idx >= 100 then ${idOf('usr', 'm.idx % 100')} end,
                   case when m.role <> 'MEMBER' then 'dor_' || substr(m.user_id, 5) || 'PACKAGE' end, case when m.role = 'BOSS' then 'dor_' || substr(m.user_id, 5) || 'REPURCHASE' end,
                   'M' || lpad(m.idx::text, 9, '0'), m.bound_at, m.bound_at, case when m.idx >= 100 then m.bound_at end
            from bench_members m`,
    },
    {
      label: 'plan: tracking sessions',
      sql: `create temp table bench_session_draws as
            with card_sessions as (
              select (select count(*) from bench_orders where via_card) * 4 as order_events),
            draws as (
              select s, m.guide_start + floor(x.guide_draw * m.guide_count)::int as guide_idx, x.forwarded, x.visitor_draw, x.forwarder_k,
                     pg_temp.ago(${at}, x.time_draw) as started_at, 2 + least(18, floor(-ln(1 - x.length_draw) * 4.5))::int as len
              from (select s, pg_temp.zipf(random(), ${shape.merchants}) as merchant_idx, random() as guide_draw, random() < 0.15 as forwarded,
                           random() as visitor_draw, floor(random() * ${SHARING_VISITORS_PER_CARD})::int as forwarder_k, random() as time_draw, random() as length_draw
                    from generate_series(1, ceil(greatest(0, ${shape.trackingEvents} - (select order_events from card_sessions)) / 5.5)::int + 100) as s) x
              join bench_merchants m on m.idx = x.merchant_idx),
            cumulative as (select *, sum(len) over (order by s) as through from draws)
            select c.*, least(c.len, ${shape.trackingEvents} - (select order_events from card_sessions) - (c.through - c.len))::int as kept
            from cumulative c where c.through - c.len < ${shape.trackingEvents} - (select order_events from card_sessions);
            create temp table bench_sessions as
            select g.card_id, g.user_id as owner_user_id, m.id as organization_id, s.started_at, s.kept as len, null::bigint as order_n, null::text as user_id,
                   case when s.forwarded then 'v' || g.idx || 'x' || (${SHARING_VISITORS_PER_CARD} + floor(s.visitor_draw * ${VISITOR_POOL_PER_CARD - SHARING_VISITORS_PER_CARD}))
                        else 'v' || g.idx || 'x' || floor(${VISITOR_POOL_PER_CARD} * power(s.visitor_draw, 1.7)) end as visitor_id,
                   case when s.forwarded then ${idOf('shr', 'g.idx * 100 + 1 + s.forwarder_k')} else g.root_share_id end as share_id,
                   case when s.forwarded then 'v' || g.idx || 'x' || s.forwarder_k end as forwarder_visitor_id, null::text as product_id, null::jsonb as order_detail
            from bench_session_draws s join bench_guides g on g.idx = s.guide_idx join bench_merchants m on m.idx = g.merchant_idx
            union all
            select g.card_id, g.user_id, m.id, o.created_at - interval '6 minutes', 4, o.n, o.buyer_user_id, 'vb' || o.buyer_idx, g.root_share_id, null,
                   l.product_id, jsonb_build_object('orderId', o.id, 'amountFen', x.payable_fen)
            from bench_orders o join bench_guides g on g.idx = o.guide_idx join bench_merchants m on m.idx = g.merchant_idx
            join orders x on x.id = o.id join bench_lines l on l.n = o.n and l.line_no = 1
            where o.via_card;
            analyze bench_sessions;`,
    },
    {
      label: 'radar events',
      sql: `insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, user_id, kind, occurred_at, received_at, share_id, forwarder_visitor_id,
                                    product_id, module, seconds, detail)
            select e.card_id, e.owner_user_id, e.organization_id, e.visitor_id, e.user_id, e.kind, e.occurred_at, e.occurred_at, e.share_id, e.forwarder_visitor_id,
                   case when e.kind in ('product_click', 'add_to_cart') then coalesce(e.product_id, ${idOf('prd', `pg_temp.zipf(e.detail_draw, ${products})`)}) end,
                   case when e.kind = 'module_view' then (${modules})[1 + floor(e.detail_draw * ${MODULES.length})::int] end,
                   case when e.kind = 'dwell' then 5 + floor(e.detail_draw * 55)::int end,
                   case when e.kind = 'order' then e.order_detail when e.kind = 'share' then '{"channel":"wechat"}'::jsonb
                        when e.kind = 'coupon_claim' then jsonb_build_object('couponTemplateId', 'bench-coupon-' || floor(e.detail_draw * 5)) end
            from (select r.*, r.started_at + make_interval(secs => (r.k - 1) * case when r.order_n is null then 25 else 120 end) as occurred_at,
                         case when r.order_n is not null then (array['view', 'product_click', 'add_to_cart', 'order'])[r.k]
                              when r.k = 1 then 'view' when r.kind_draw < 0.38 then 'dwell' when r.kind_draw < 0.56 then 'module_view'
                              when r.kind_draw < 0.78 then 'product_click' when r.kind_draw < 0.83 then 'add_to_cart' when r.kind_draw < 0.86 then 'coupon_claim'
                              when r.kind_draw < 0.87 then 'call' when r.kind_draw < 0.875 then 'contact_form' when r.kind_draw < 0.94 then 'share' else 'forward' end as kind
                  -- random() in a subquery's select list is evaluated once per row (the planner never pulls such a subquery up).
                  from (select s.*, k, random() as kind_draw, random() as detail_draw
                        from (select * from bench_sessions order by started_at) s cross join lateral generate_series(1, s.len) as k) r) e`,
    },
    {
      label: 'radar visitors, daily counts and consents',
      // The summaries the tracking function keeps beside the events: per visitor (the first visit's
      // attribution stays), per card, Beijing day and kind, and the consent every stored visitor gave.
      sql: `insert into radar_visitors (card_id, visitor_id, owner_user_id, organization_id, user_id, first_seen_at, last_seen_at, visits, dwell_seconds, share_id, forwarder_visitor_id)
            select a.card_id, a.visitor_id, a.owner_user_id, a.organization_id, a.user_id, a.first_seen_at, a.last_seen_at, a.visits, a.dwell_seconds,
                   f.share_id, f.forwarder_visitor_id
            from (select card_id, visitor_id, min(owner_user_id) as owner_user_id, min(organization_id) as organization_id, max(user_id) as user_id,
                         min(occurred_at) as first_seen_at, max(occurred_at) as last_seen_at, count(*) filter (where kind = 'view')::int as visits,
                         coalesce(sum(seconds) filter (where kind = 'dwell'), 0)::int as dwell_seconds
                  from radar_events group by card_id, visitor_id) a
            join (select distinct on (card_id, visitor_id) card_id, visitor_id, share_id, forwarder_visitor_id from bench_sessions order by card_id, visitor_id, started_at) f
              on f.card_id = a.card_id and f.visitor_id = a.visitor_id;
            insert into radar_daily_counts (card_id, day, kind, slot, owner_user_id, organization_id, events, seconds)
            select card_id, (occurred_at at time zone 'Asia/Shanghai')::date, kind, 0, min(owner_user_id), min(organization_id), count(*), coalesce(sum(seconds), 0)
            from radar_events group by card_id, (occurred_at at time zone 'Asia/Shanghai')::date, kind;
            insert into radar_consents (visitor_id, card_id, granted, decided_at) select visitor_id, card_id, true, first_seen_at from radar_visitors;`,
    },
  ];
}
