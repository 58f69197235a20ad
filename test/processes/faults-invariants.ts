import type { Db } from '@linkmall/db';
import type { Subscriber } from '@linkmall/events';
import { verifyLedger } from '@linkmall/ledger';
import { sleep } from './faults-client.ts';
import type { Acknowledged } from './faults-workload.ts';

type Query = (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Waits until the worker has fanned out every event and nothing is left pending; false on timeout. */
export async function waitForOutboxDrained(query: Query, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await query(
      `select (select count(*)::int from outbox_events where dispatched_at is null) as undispatched,
              (select count(*)::int from outbox_deliveries where status = 'pending') as pending`,
    );
    if (row!.undispatched === 0 && row!.pending === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

export interface InvariantReport {
  readonly checked: string[];
  readonly violations: string[];
  /** What the checks covered, for the summary line (a check over nothing proves nothing). */
  readonly covered: { rewardLines: number; engineOrders: number; deliveries: number; ledgerTransfers: number };
}

/**
 * The promises the platform makes under crashes, checked on the database after the run: each
 * acknowledged order, payment and refund happened exactly once, commission rewards are neither lost
 * nor doubled, every event reached each subscriber once, and the ledger verifies.
 */
export async function checkInvariants(query: Query, db: Db, acknowledged: Acknowledged, subscribers: readonly Subscriber[]): Promise<InvariantReport> {
  const checked: string[] = [];
  const violations: string[] = [];
  const check = async (name: string, find: () => Promise<string[]>) => {
    checked.push(name);
    for (const violation of await find()) violations.push(`${name}: ${violation}`);
  };
  const orderIds = [...acknowledged.orders.keys()];
  const paymentIds = [...acknowledged.payments.keys()];
  const caseIds = [...acknowledged.refunds.keys()];

  await check('acknowledged orders exist', async () => {
    const rows = await query('select id from orders where id = any($1)', [orderIds]);
    const found = new Set(rows.map((row) => row.id));
    return orderIds.filter((id) => !found.has(id)).map((id) => `${id} acknowledged but missing`);
  });
  await check('one order per checkout attempt', async () => {
    // The address detail carries the attempt's key; a retried checkout that ran twice shows up here.
    const rows = await query(
      `select shipping_address->>'detail' as attempt, count(*)::int as n from orders
        where shipping_address->>'detail' like '测试路 %' group by 1 having count(*) > 1`,
    );
    return rows.map((row) => `${row.attempt} made ${row.n} orders`);
  });
  await check('acknowledged payments recorded once, orders paid', async () => {
    const rows = await query(
      `select p.id, p.status, o.payment_status,
              (select count(*)::int from payment_notifications n where n.payment_id = p.id and n.outcome = 'applied') as applied
         from payments p join orders o on o.id = p.order_id where p.id = any($1)`,
      [paymentIds],
    );
    const problems = rows.filter((row) => row.status !== 'succeeded' || row.payment_status !== 'paid' || row.applied !== 1).map((row) => `${row.id}: ${row.status}, order ${row.payment_status}, applied ${row.applied}×`);
    if (rows.length !== paymentIds.length) problems.push(`${paymentIds.length - rows.length} acknowledged payments missing`);
    const doubles = await query("select order_id, count(*)::int as n from payments where status = 'succeeded' group by 1 having count(*) > 1");
    return [...problems, ...doubles.map((row) => `order ${row.order_id} paid ${row.n} times`)];
  });
  await check('refunds once', async () => {
    const rows = await query(
      `select c.id, count(r.id)::int as refunds, bool_and(r.status = 'succeeded') as succeeded
         from unnest($1::text[]) as c(id) left join refunds r on r.case_id = c.id group by c.id`,
      [caseIds],
    );
    const doubles = await query('select case_id, count(*)::int as n from refunds group by 1 having count(*) > 1');
    return [
      ...rows.filter((row) => row.refunds !== 1 || !row.succeeded).map((row) => `case ${row.id} has ${row.refunds} refunds`),
      ...doubles.map((row) => `case ${row.case_id} refunded ${row.n} times`),
    ];
  });
  await check('reward lines once per paid order', async () => rewardViolations(query));
  await check('outbox delivered each event once to each subscriber', async () => outboxViolations(query, subscribers));
  await check('ledger verifies', async () => {
    const report = await verifyLedger(db);
    return report.checks.filter((entry) => !entry.ok).flatMap((entry) => entry.violations.map((violation) => `${entry.name}: ${violation}`));
  });
  const [covered] = await query(
    `select (select count(*)::int from distribution_reward_lines) as "rewardLines",
            (select count(*)::int from distribution_processed_events where event_type = 'order.paid') as "engineOrders",
            (select count(*)::int from outbox_deliveries) as deliveries,
            (select count(*)::int from ledger_transfers) as "ledgerTransfers"`,
  );
  return { checked, violations, covered: covered as InvariantReport['covered'] };
}

/** Commission rewards neither lost nor doubled; shared with the scale-out test. */
export async function rewardViolations(query: Query): Promise<string[]> {
  // Every paid order reached the engine exactly once (its processed key), unless the engine ignores
  // it: a goods order of a plain member is none of its business.
  const missing = await query(
    `select o.id from orders o
      where o.payment_status = 'paid'
        and not exists (select 1 from distribution_processed_events e where e.event_key = 'order.paid:' || o.id)
        and (exists (select 1 from order_lines l join distribution_package_products p on p.product_id = l.product_id where l.order_id = o.id)
             or exists (select 1 from distribution_members m where m.member_id = o.buyer_user_id and m.role <> 'MEMBER' and m.updated_at < o.paid_at))`,
  );
  const unknownOrders = await query(
    `select e.event_key as key from distribution_processed_events e where e.event_type = 'order.paid'
        and not exists (select 1 from orders o where 'order.paid:' || o.id = e.event_key and o.payment_status = 'paid')`,
  );
  const doubled = await query(
    `select order_id, payee_id, kind, count(*)::int as n from distribution_reward_lines
      where reverses_line_id is null group by 1, 2, 3 having count(*) > 1`,
  );
  // Each reward line is a pending ledger transfer with the line's id and amount: none lost on the way.
  const unbooked = await query(
    `select l.id from distribution_reward_lines l left join ledger_transfers t on t.id = l.id
      where l.kind not like 'CLAWBACK%' and (t.id is null or t.amount_fen <> l.amount_fen)`,
  );
  return [
    ...missing.map((row) => `paid order ${row.id} never reached the engine`),
    ...unknownOrders.map((row) => `${row.key} processed for an order that is not paid`),
    ...doubled.map((row) => `order ${row.order_id} paid ${row.payee_id} ${row.kind} ${row.n} times`),
    ...unbooked.map((row) => `reward line ${row.id} has no matching ledger transfer`),
  ];
}

async function outboxViolations(query: Query, subscribers: readonly Subscriber[]): Promise<string[]> {
  const problems: string[] = [];
  const [state] = await query(
    `select (select count(*)::int from outbox_events where dispatched_at is null) as undispatched,
            (select count(*)::int from outbox_deliveries where status <> 'delivered') as undelivered`,
  );
  if (state!.undispatched !== 0) problems.push(`${state!.undispatched} events never fanned out`);
  if (state!.undelivered !== 0) {
    const rows = await query("select subscriber, status, last_error from outbox_deliveries where status <> 'delivered' limit 5");
    problems.push(`${state!.undelivered} deliveries not delivered, e.g. ${JSON.stringify(rows)}`);
  }
  // Each subscriber has exactly one delivered row for each event of its types, and none for others.
  for (const subscriber of subscribers) {
    const types = subscriber.eventTypes === '*' ? null : [...subscriber.eventTypes];
    const [row] = await query(
      `select (select count(*)::int from outbox_events e where $2::text[] is null or e.type = any($2)) as expected,
              (select count(*)::int from outbox_deliveries d where d.subscriber = $1 and d.status = 'delivered') as delivered,
              (select count(*)::int from outbox_deliveries d join outbox_events e on e.id = d.event_id
                where d.subscriber = $1 and d.status = 'delivered' and ($2::text[] is null or e.type = any($2))) as matching`,
      [subscriber.name, types],
    );
    if (row!.expected !== row!.delivered || row!.delivered !== row!.matching) {
      problems.push(`${subscriber.name}: ${row!.expected} events, ${row!.delivered} delivered (${row!.matching} of its types)`);
    }
  }
  return problems;
}
