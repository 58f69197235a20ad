import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { posterPng, posterSvg } from './card-poster.ts';
import type { CardErrorCode } from './card-errors.ts';
import type { CardProducts } from './card-ports.ts';
import type { OwnerCardService } from './owner-card-service.ts';
import { cardUrl, type ShareService } from './share-service.ts';

export interface Poster {
  contentType: 'image/png' | 'image/svg+xml';
  body: Buffer | string;
}

/** Share posters: the public card, one of its featured products, and a QR code of the share link. */
export function createPosterService(deps: { readonly owners: OwnerCardService; readonly shares: ShareService; readonly products: CardProducts; readonly publicBaseUrl: string }) {
  return {
    async poster(ctx: RequestContext, cardId: string, query: { share?: string | undefined; product?: string | undefined; format: 'png' | 'svg' }): Promise<Result<Poster, CardErrorCode>> {
      const card = await deps.owners.publicCard(cardId);
      if (!card.ok) return card;
      const share = query.share ? await deps.shares.shareOf(cardId, query.share) : null;
      if (query.share && !share) return err('card_share_not_found');
      const product = query.product ? card.value.featuredProducts.find((item) => item.productId === query.product) : undefined;
      if (query.product && !product) return err('poster_product_unavailable');
      const svg = posterSvg({
        name: card.value.name,
        title: card.value.title,
        company: card.value.company,
        intro: card.value.intro,
        theme: card.value.theme,
        product: product ? { title: product.title, priceFen: BigInt(product.priceFen) } : null,
        url: cardUrl(deps.publicBaseUrl, cardId, share ? query.share! : null),
        locale: ctx.locale,
      });
      if (query.format === 'svg') return ok({ contentType: 'image/svg+xml', body: svg });
      return ok({ contentType: 'image/png', body: await posterPng(svg) });
    },
  };
}
