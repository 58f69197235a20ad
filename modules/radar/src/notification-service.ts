import { err, newId, ok, systemContext, type Clock, type Localized, type Locale, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { publishEvents } from '@linkmall/events';
import { localized } from './domain/live-texts.ts';
import type { LiveBus, LiveEvent } from './live-bus.ts';
import { notificationStore, type NotificationRow } from './notification-store.ts';
import type { Notifier } from './radar-ports.ts';
import { radarEvent } from './radar-events.ts';
import type { RadarErrorCode } from './radar-errors.ts';

export interface NotificationInput {
  readonly kind: string;
  readonly title: string | Localized;
  readonly body: string | Localized;
  readonly link?: string | null;
}

export interface NotificationView {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly link: string | null;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

const view = (row: NotificationRow, locale: Locale): NotificationView => ({
  id: row.id,
  kind: row.kind,
  title: row.title[locale],
  body: row.body[locale],
  link: row.link,
  createdAt: row.created_at,
  readAt: row.read_at,
});

/** In-app notifications of card owners, pushed live to open streams and out through the Notifier. */
export function createNotificationService(db: Db, bus: LiveBus, notifier: Notifier, clock: Clock) {
  /**
   * The write half of notify, inside the caller's transaction: the notifications and their outbox
   * events in two statements whatever their number. The caller publishes the results after commit.
   */
  async function record(tx: Db, ctx: RequestContext, ownerUserId: string, inputs: readonly NotificationInput[]): Promise<LiveEvent[]> {
    if (inputs.length === 0) return [];
    const now = ctx.clock.now();
    const rows = inputs.map((input) => ({ id: newId('ntf', now.getTime()), user_id: ownerUserId, kind: input.kind, title: localized(input.title), body: localized(input.body), link: input.link ?? null, created_at: now }));
    await notificationStore.insert(tx, rows);
    await publishEvents(tx, ctx, rows.map((row) => radarEvent('radar.notification_created', row.id, { notificationId: row.id, userId: ownerUserId })));
    return rows.map((row) => ({ type: 'notification', ownerUserId, organizationId: null, occurredAt: now.toISOString(), text: row.title, kind: row.kind, notificationId: row.id, link: row.link }));
  }

  /**
   * Stores a notification for `ownerUserId`, announces it to the outbox (for the WeChat notifier)
   * in the same transaction and live once committed. Exposed as platform.radar.notify.
   */
  async function notify(ownerUserId: string, input: NotificationInput): Promise<{ notificationId: string }> {
    const [live] = await inTransaction(db, (tx) => record(tx, systemContext(clock, 'radar.notify'), ownerUserId, [input]));
    bus.publish(live!);
    return { notificationId: live!.notificationId! };
  }

  return {
    notify,
    record,

    async list(ctx: RequestContext, query: PageRequest & { unreadOnly?: boolean }) {
      const { items, total, unread } = await notificationStore.page(db, ctx.actor!.userId, query, query.unreadOnly ?? false);
      return { items: items.map((row) => view(row, ctx.locale)), total, unread };
    },

    async markRead(ctx: RequestContext, id: string): Promise<Result<NotificationView, RadarErrorCode>> {
      return inTransaction(db, async (tx) => {
        const userId = ctx.actor!.userId;
        const updated = await notificationStore.markRead(tx, userId, id, ctx.clock.now());
        if (updated) return ok(view(updated, ctx.locale));
        const existing = await notificationStore.find(tx, id, { userId });
        return existing ? ok(view(existing, ctx.locale)) : err('radar_notification_not_found');
      });
    },

    async markAllRead(ctx: RequestContext): Promise<{ marked: number }> {
      return inTransaction(db, async (tx) => ({ marked: await notificationStore.markAllRead(tx, ctx.actor!.userId, ctx.clock.now()) }));
    },

    /**
     * The outbox subscriber's step: one send per notification, its outcome recorded. A transient
     * failure throws from the notifier and the outbox retries; a refusal (43101) is final.
     */
    async deliver(tx: Db, notificationId: string): Promise<void> {
      const row = await notificationStore.find(tx, notificationId, { forUpdate: true });
      if (!row || row.wechat_status !== 'pending') return;
      const outcome = await notifier.send({ notificationId: row.id, userId: row.user_id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: row.created_at });
      await notificationStore.setWechatStatus(tx, row.id, outcome === 'no_recipient' ? 'skipped' : outcome);
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;

