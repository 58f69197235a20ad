import { hkdfSync } from 'node:crypto';
import type { CatalogService } from '@linkmall/catalog';
import type { Db } from '@linkmall/db';
import type { Clock, PiiCipher } from '@linkmall/kernel';
import { createRadarModule, type CardDirectory, type LiveBus, type Notifier, type TrackingLimits } from '@linkmall/radar';
import type { SharedLimits } from '@linkmall/events';
import { createWechatSubscribeNotifier } from '@linkmall/provider-wechat-subscribe';

/** What deployments and tests may set: the subscribe-message template (WECHAT_SUBSCRIBE_TEMPLATE_ID), limits, a notifier. */
export interface RadarPlatformOptions {
  readonly subscribeTemplateId?: string | null;
  readonly limits?: TrackingLimits;
  readonly notifier?: Notifier;
  /** Overrides the card module's attribution (tests that need cards without building them). */
  readonly cards?: CardDirectory;
  /** The live bus across API processes (a broadcast bus); in-process when unset. */
  readonly bus?: LiveBus;
  /** Tracking rate limits shared by every API process; per process when unset. */
  readonly sharedLimits?: SharedLimits;
}

export interface RadarWiring {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly piiKey: Buffer;
  readonly clock: Clock;
  readonly catalog: CatalogService;
  /** platform.cards.attribution; null until the card module is wired (every card is then unknown). */
  readonly cards: CardDirectory | null;
  readonly wechat: { readonly appId: string; readonly appSecret: string; readonly baseUrl: string } | null;
  readonly wechatOpenId: (userId: string, appId: string) => Promise<string | null>;
  readonly userNames: (ids: readonly string[]) => Promise<Map<string, { displayName: string }>>;
}

const noCards: CardDirectory = { attribution: async () => null };

/**
 * Radar over its ports: cards from the card module, product titles from the catalog, owner names from
 * identity, and WeChat subscribe messages when the app and a template are configured (else in-app only).
 */
export function wireRadar(wiring: RadarWiring, options: RadarPlatformOptions = {}) {
  const { wechat } = wiring;
  const notifier =
    options.notifier ??
    (wechat && options.subscribeTemplateId
      ? createWechatSubscribeNotifier({ ...wechat, templateId: options.subscribeTemplateId, clock: wiring.clock, openIdOf: (userId) => wiring.wechatOpenId(userId, wechat.appId) })
      : undefined);
  return createRadarModule({
    db: wiring.db,
    pii: wiring.pii,
    clock: wiring.clock,
    cards: options.cards ?? wiring.cards ?? noCards,
    // Its own key, derived from the master key, so a stream ticket can never be confused with anything else it signs.
    streamTicketSecret: Buffer.from(hkdfSync('sha256', wiring.piiKey, Buffer.alloc(0), 'linkmall radar stream ticket v1', 32)),
    productTitles: async (ids) => new Map([...(await wiring.catalog.shop.byIds(ids)).entries()].map(([id, item]) => [id, item.title])),
    ownerNames: async (_ctx, ids) => new Map([...(await wiring.userNames(ids)).entries()].map(([id, user]) => [id, user.displayName])),
    ...(notifier ? { notifier } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.bus ? { bus: options.bus } : {}),
    ...(options.sharedLimits ? { sharedLimits: options.sharedLimits } : {}),
  });
}
