import type { Localized } from '@linkmall/kernel';
import type { TrackingKind } from './domain/tracking-batch.ts';

/** Something that just happened on a card, pushed to the owner's open streams. */
export interface LiveEvent {
  readonly type: 'activity' | 'notification';
  readonly ownerUserId: string;
  readonly organizationId: string | null;
  readonly occurredAt: string;
  readonly text: Localized;
  readonly cardId?: string;
  readonly kind?: TrackingKind | string;
  /** Null for a visitor who has not consented: the owner sees "a visitor", never who. */
  readonly visitorId?: string | null;
  readonly displayName?: string | null;
  readonly productId?: string | null;
  readonly notificationId?: string;
  readonly link?: string | null;
}

/** Who a stream is for: the owner's own cards, and for managers their organisation's or everyone's. */
export interface StreamAudience {
  readonly userId: string;
  readonly organizationId: string | null;
  readonly team: 'none' | 'organization' | 'all';
}

export function reaches(audience: StreamAudience, event: LiveEvent): boolean {
  if (event.ownerUserId === audience.userId) return true;
  if (event.type === 'notification') return false;
  if (audience.team === 'all') return true;
  return audience.team === 'organization' && audience.organizationId !== null && event.organizationId === audience.organizationId;
}

/**
 * The bus between tracking and the open SSE streams. `createInProcessBus` serves one process;
 * `createBroadcastBus` (broadcast-bus.ts) carries events to the streams of every API process.
 */
export interface LiveBus {
  publish(event: LiveEvent): void;
  subscribe(audience: StreamAudience, listener: (event: LiveEvent) => void): () => void;
  /** Whether anyone would hear activity on this owner's cards: the tracking path skips building it otherwise. */
  wants(ownerUserId: string, organizationId: string): boolean;
  readonly listeners: number;
}

export function createInProcessBus(): LiveBus {
  const subscribers = new Set<{ audience: StreamAudience; listener: (event: LiveEvent) => void }>();
  return {
    publish(event) {
      for (const subscriber of subscribers) {
        if (!reaches(subscriber.audience, event)) continue;
        try {
          subscriber.listener(event);
        } catch {
          // A broken stream must not stop the others; its own abort handler unsubscribes it.
        }
      }
    },
    subscribe(audience, listener) {
      const entry = { audience, listener };
      subscribers.add(entry);
      return () => subscribers.delete(entry);
    },
    wants(ownerUserId, organizationId) {
      const probe: LiveEvent = { type: 'activity', ownerUserId, organizationId, occurredAt: '', text: { 'zh-CN': '', en: '' } };
      for (const subscriber of subscribers) if (reaches(subscriber.audience, probe)) return true;
      return false;
    },
    get listeners() {
      return subscribers.size;
    },
  };
}
