import type { CardAttribution, CardDirectory } from '../src/index.ts';

interface Share {
  readonly id: string;
  readonly cardId: string;
  readonly parentId: string | null;
  /** The visitor who forwarded; null for the owner's own share. */
  readonly byVisitorId: string | null;
}

/**
 * A small but real card directory over the test's own data: cards with owners, and shares that
 * chain through forwards, resolved the way the card module's contract describes.
 */
export function createTestCards(cards: Record<string, { ownerUserId: string; organizationId: string }>) {
  const shares = new Map<string, Share>();
  let next = 0;
  const directory: CardDirectory = {
    async attribution(cardId, shareToken): Promise<CardAttribution | null> {
      const card = cards[cardId];
      if (!card) return null;
      const share = shareToken ? shares.get(shareToken) : undefined;
      if (!share || share.cardId !== cardId) return { cardId, ...card, shareId: null, forwarderVisitorId: null, chain: [] };
      const chain: string[] = [];
      for (let current: Share | undefined = share; current; current = current.parentId ? shares.get(current.parentId) : undefined) chain.unshift(current.id);
      return { cardId, ...card, shareId: share.id, forwarderVisitorId: share.byVisitorId, chain };
    },
  };
  return {
    directory,
    /** The owner's share, or a visitor's forward of the share they came through; returns the token. */
    share(cardId: string, from: { parentToken: string; byVisitorId: string } | null = null): string {
      const id = `shr_${++next}`;
      shares.set(id, { id, cardId, parentId: from?.parentToken ?? null, byVisitorId: from?.byVisitorId ?? null });
      return id;
    },
  };
}
