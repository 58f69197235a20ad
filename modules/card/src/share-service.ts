import { createHash, randomBytes } from 'node:crypto';
import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import { cardStore as store, type CardRow, type ShareRow } from './card-store.ts';
import type { CardErrorCode } from './card-errors.ts';
import { cardEvent } from './card-events.ts';

/** Who a visit through a card (and a share link) credits: the contract the radar and the CRM rely on. */
export interface CardAttribution {
  cardId: string;
  ownerUserId: string;
  organizationId: string;
  /** The share the visitor came through; null without a (valid) share token. */
  shareId: string | null;
  /** Who made that share if it was a forward; null for the owner's own share. */
  forwarderVisitorId: string | null;
  /** Share ids from the owner's root share down to this one. */
  chain: string[];
}

export interface CreatedShare {
  shareId: string;
  token: string;
  url: string;
}

export interface ShareView {
  id: string;
  parentShareId: string | null;
  depth: number;
  sharerKind: 'owner' | 'visitor';
  sharerVisitorId: string | null;
  createdAt: string;
}

/** Tokens are 128 random bits; only their SHA-256 is stored, so a database reader cannot mint a link. */
export const hashShareToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const SHARE_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The card page's address on the h5 shop (hash router), carrying the share token when there is one. */
export function cardUrl(publicBaseUrl: string, cardId: string, token: string | null): string {
  return `${publicBaseUrl}/h5/#/pages/card/index?id=${cardId}${token ? `&share=${token}` : ''}`;
}

/** Share links with parents, forwards, attribution and recorded phone reveals. */
export function createShareService(deps: { readonly db: Db; readonly pii: PiiCipher; readonly publicBaseUrl: string }) {
  const { db, pii, publicBaseUrl } = deps;

  const findShare = async (tx: Db, cardId: string, token: string | null | undefined): Promise<ShareRow | null> =>
    token && SHARE_TOKEN.test(token) ? ((await store.shareByToken(tx, cardId, hashShareToken(token))) ?? null) : null;

  async function insertShare(tx: Db, ctx: RequestContext, card: CardRow, parent: ShareRow | null, visitorId: string | null): Promise<CreatedShare> {
    const now = ctx.clock.now();
    const token = randomBytes(16).toString('base64url');
    const id = newId('csh', now.getTime());
    await store.insertShare(tx, {
      id,
      card_id: card.id,
      token_hash: hashShareToken(token),
      parent_share_id: parent?.id ?? null,
      chain: [...(parent?.chain ?? []), id],
      sharer_kind: visitorId === null ? 'owner' : 'visitor',
      sharer_user_id: ctx.actor?.userId ?? null,
      sharer_visitor_id: visitorId,
      created_at: now,
    });
    await publishEvent(
      tx,
      ctx,
      cardEvent('card.shared', id, { cardId: card.id, shareId: id, parentShareId: parent?.id ?? null, ownerUserId: card.owner_user_id, organizationId: card.organization_id, sharerVisitorId: visitorId }),
    );
    return { shareId: id, token, url: cardUrl(publicBaseUrl, card.id, token) };
  }

  return {
    /** The owner shares their own card: a root share (no parent). */
    async share(ctx: RequestContext, cardId: string): Promise<Result<CreatedShare, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const card = await store.card(tx, cardId);
        if (!card || card.owner_user_id !== ctx.actor!.userId) return err('card_not_found');
        return ok(await insertShare(tx, ctx, card, null, null));
      });
    },

    /** A visitor forwards the card: the new share's parent is the share they arrived through (if any). */
    async forward(ctx: RequestContext, cardId: string, input: { visitorId: string; parentShareToken?: string | null | undefined }): Promise<Result<CreatedShare, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const card = await store.activeCard(tx, cardId);
        if (!card) return err('card_not_found');
        const parent = await findShare(tx, cardId, input.parentShareToken);
        if (input.parentShareToken && !parent) return err('card_share_not_found');
        return ok(await insertShare(tx, ctx, card, parent, input.visitorId));
      });
    },

    /**
     * Who a visit credits. A token that names no share of this card (forged, or another card's) is
     * ignored: the visit still credits the card's owner. Null only when the card does not exist.
     */
    async attribution(cardId: string, shareToken: string | null): Promise<CardAttribution | null> {
      const valid = shareToken && SHARE_TOKEN.test(shareToken) ? hashShareToken(shareToken) : null;
      const row = await store.attribution(db, cardId, valid);
      if (!row) return null;
      return { cardId: row.cardId, ownerUserId: row.ownerUserId, organizationId: row.organizationId, shareId: row.shareId, forwarderVisitorId: row.forwarderVisitorId, chain: row.chain ?? [] };
    },

    /** The share a token names on this card, if any: for the poster's QR code. */
    async shareOf(cardId: string, token: string | null | undefined): Promise<ShareRow | null> {
      return findShare(db, cardId, token);
    },

    /** The full phone for a visitor who asked; every reveal is recorded (and published for the radar). */
    async revealPhone(ctx: RequestContext, cardId: string, input: { visitorId: string; shareToken?: string | null | undefined }): Promise<Result<{ phone: string }, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const card = await store.activeCard(tx, cardId);
        if (!card) return err('card_not_found');
        if (!card.phone_cipher) return err('card_phone_unavailable');
        const share = await findShare(tx, cardId, input.shareToken);
        const now = ctx.clock.now();
        const userId = ctx.actor?.userId ?? null;
        const id = newId('cpr', now.getTime());
        await store.insertPhoneReveal(tx, { id, card_id: cardId, visitor_id: input.visitorId, user_id: userId, share_id: share?.id ?? null, revealed_at: now });
        await publishEvent(
          tx,
          ctx,
          cardEvent('card.phone_revealed', id, { cardId, ownerUserId: card.owner_user_id, organizationId: card.organization_id, visitorId: input.visitorId, userId, shareId: share?.id ?? null }),
        );
        return ok({ phone: pii.decrypt(card.phone_cipher) });
      });
    },

    /** The owner's shares and forwards of their card, newest first. */
    async sharesOfMine(ctx: RequestContext, page: PageRequest): Promise<Result<{ items: ShareView[]; total: number }, CardErrorCode>> {
      const card = await store.cardOfOwner(db, ctx.actor!.userId);
      if (!card) return err('card_not_found');
      const { rows, total } = await store.sharesOfCard(db, card.id, page);
      const items = rows.map((row) => ({ id: row.id, parentShareId: row.parent_share_id, depth: row.chain.length, sharerKind: row.sharer_kind, sharerVisitorId: row.sharer_visitor_id, createdAt: row.created_at.toISOString() }));
      return ok({ items, total });
    },

    phoneRevealCount: (cardId: string) => store.phoneRevealCount(db, cardId),
  };
}
export type ShareService = ReturnType<typeof createShareService>;
