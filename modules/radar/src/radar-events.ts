/**
 * Facts radar publishes through the outbox, written in the transaction that records the tracking
 * batch (contract of issue 5: CRM creates or refreshes leads from them).
 */
export interface RadarEventPayloads {
  /** A consented visitor is active on a card; at most once per visitor per card per 30 minutes. */
  'radar.visitor_active': {
    cardId: string;
    ownerUserId: string;
    organizationId: string;
    visitorId: string;
    userId: string | null;
    displayName: string | null;
    occurredAt: string;
  };
  /**
   * A visitor sent the card's contact form (name and phone given for this purpose, consent or not).
   * Outbox rows are kept, so the details travel encrypted; `radar.contactOf` opens them.
   */
  'radar.contact_submitted': {
    cardId: string;
    ownerUserId: string;
    organizationId: string;
    visitorId: string;
    nameCipher: string;
    phoneCipher: string;
    messageCipher: string;
  };
  /** An in-app notification was stored; the WeChat subscriber pushes it out. */
  'radar.notification_created': { notificationId: string; userId: string };
}
export type RadarEventType = keyof RadarEventPayloads;

export interface RadarEvent<T extends RadarEventType = RadarEventType> {
  readonly type: T;
  readonly aggregateId: string;
  readonly payload: RadarEventPayloads[T];
}

export const radarEvent = <T extends RadarEventType>(type: T, aggregateId: string, payload: RadarEventPayloads[T]): RadarEvent<T> => ({ type, aggregateId, payload });
