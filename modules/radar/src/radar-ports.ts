import type { Localized, RequestContext } from '@linkmall/kernel';

/** Who a card visit credits: the card's owner and organisation, and the share chain it came through. */
export interface CardAttribution {
  readonly cardId: string;
  readonly ownerUserId: string;
  readonly organizationId: string;
  /** The share the visitor came through. */
  readonly shareId: string | null;
  /** Who made that share if it was a forward (null for the owner's own share). */
  readonly forwarderVisitorId: string | null;
  /** Share ids from the owner's root share to this one. */
  readonly chain: readonly string[];
}

/** The card module as radar needs it (platform.cards.attribution); null when the card does not exist. */
export interface CardDirectory {
  attribution(cardId: string, shareToken: string | null): Promise<CardAttribution | null>;
}

/** Product titles for "X clicked 商品Y"; unknown ids are simply missing from the map. */
export type ProductTitles = (productIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/** Display names of card owners for the Boss radar, as far as the caller may see them. */
export type OwnerNames = (ctx: RequestContext, userIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/** A notification on its way out of the platform (a WeChat subscribe message). */
export interface OutgoingNotification {
  readonly notificationId: string;
  readonly userId: string;
  readonly kind: string;
  readonly title: Localized;
  readonly body: Localized;
  readonly link: string | null;
  readonly createdAt: Date;
}

/**
 * What became of one send: delivered; refused by the user (no subscription left: never retried);
 * no recipient (the owner never signed in through the mini-program); failed for good; or skipped
 * (no channel configured). A transient failure throws, so the outbox retries it.
 */
export type NotifierOutcome = 'sent' | 'refused' | 'no_recipient' | 'failed' | 'skipped';

/** Pushes notifications beyond the in-app list: WeChat subscribe messages (订阅消息), or nothing offline. */
export interface Notifier {
  readonly name: string;
  send(notification: OutgoingNotification): Promise<NotifierOutcome>;
}

/** The offline default: notifications stay in the app (the table and the live stream). */
export const inAppOnlyNotifier: Notifier = { name: 'in-app', send: async () => 'skipped' };
