import type { RadarEventPayloads } from './radar-events.ts';
import type { Clock, PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { SharedLimits, Subscriber } from '@linkmall/events';
import { createInProcessBus, type LiveBus } from './live-bus.ts';
import { createNotificationService } from './notification-service.ts';
import { createRadarReadService } from './radar-read-service.ts';
import { inAppOnlyNotifier, type CardDirectory, type Notifier, type OwnerNames, type ProductTitles } from './radar-ports.ts';
import { createStreamTickets } from './stream-ticket.ts';
import { createTrackingService, type TrackingLimits } from './tracking-service.ts';

export interface RadarDeps {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly clock: Clock;
  /** platform.cards.attribution. */
  readonly cards: CardDirectory;
  /** 32+ bytes that sign stream tickets (derived from the platform's master key). */
  readonly streamTicketSecret: Buffer;
  readonly productTitles?: ProductTitles;
  readonly ownerNames?: OwnerNames;
  /** WeChat subscribe messages when configured; in-app only by default. */
  readonly notifier?: Notifier;
  readonly limits?: TrackingLimits;
  readonly bus?: LiveBus;
  /** Rate-limit counters shared by every API process (scale-out); per process when unset. */
  readonly sharedLimits?: SharedLimits;
}

/** The radar module: tracking with consent, the owner's and the team's radar, live streams and notifications. */
export function createRadarModule(deps: RadarDeps) {
  const bus = deps.bus ?? createInProcessBus();
  const productTitles = deps.productTitles ?? (async () => new Map<string, string>());
  const notifier = deps.notifier ?? inAppOnlyNotifier;
  const notifications = createNotificationService(deps.db, bus, notifier, deps.clock);
  const reads = createRadarReadService(deps.db, { pii: deps.pii, productTitles, ownerNames: deps.ownerNames ?? (async () => new Map()) });
  const tracking = createTrackingService({ db: deps.db, pii: deps.pii, cards: deps.cards, productTitles, notifications, bus, ...(deps.limits ? { limits: deps.limits } : {}), ...(deps.sharedLimits ? { shared: deps.sharedLimits } : {}) });
  return {
    tracking,
    reads,
    notifications,
    bus,
    tickets: createStreamTickets(deps.streamTicketSecret),
    notifier,
    /** Contract: what visitors did on the owner's cards (CRM intent, AI recommendations). */
    behaviour: reads.behaviour,
    /** The assistant's VisitorConsent port: granted(cardId, visitorId). */
    consent: { granted: tracking.consentGranted },
    /** Contract: notify a card owner (CRM automations): in-app, live, and WeChat when configured. */
    notify: notifications.notify,
    /** The contact form's details carried encrypted by `radar.contact_submitted`. */
    contactOf(payload: RadarEventPayloads['radar.contact_submitted']) {
      return { name: deps.pii.decrypt(payload.nameCipher), phone: deps.pii.decrypt(payload.phoneCipher), message: deps.pii.decrypt(payload.messageCipher) };
    },
  };
}
export type RadarModule = ReturnType<typeof createRadarModule>;

/** Pushes each stored notification out through the Notifier, once, after its transaction committed. */
export function radarNotifierSubscriber(radar: RadarModule): Subscriber {
  return {
    name: 'radar.wechat-notify',
    eventTypes: ['radar.notification_created'],
    handle: async (tx, event) => {
      const { notificationId } = event.payload as { notificationId: string };
      await radar.notifications.deliver(tx, notificationId);
    },
  };
}
