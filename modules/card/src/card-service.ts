import type { PiiCipher, RequestContext } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { CardContacts, CardProducts } from './card-ports.ts';
import { createOwnerCardService, type DraftInput } from './owner-card-service.ts';
import { cardUrl, createShareService } from './share-service.ts';
import { createTemplateService } from './template-service.ts';
import { createVcardService } from './vcard-service.ts';
import { createPosterService } from './poster-service.ts';

export interface CardModuleOptions {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly products: CardProducts;
  /** The shop's public address, for share links and QR codes. */
  readonly publicBaseUrl: string;
  /** The owner's contacts (CRM) for vCard import; absent until the CRM is wired. */
  readonly contacts?: (() => CardContacts | null) | undefined;
}

/** The card module: owners' cards, company templates and team cards, shares, vCards and posters. */
export function createCardModule(options: CardModuleOptions) {
  const { db, pii, publicBaseUrl } = options;
  const owners = createOwnerCardService({ db, pii, products: options.products });
  const shares = createShareService({ db, pii, publicBaseUrl });
  const templates = createTemplateService({ db, pii });
  const vcards = createVcardService({ db, pii, shares, publicBaseUrl, contacts: options.contacts ?? (() => null) });
  const posters = createPosterService({ owners, shares, products: options.products, publicBaseUrl });
  return {
    owners,
    shares,
    templates,
    vcards,
    posters,
    /** Contract: who a visit through this card and share token credits (radar, CRM). */
    attribution: shares.attribution,
    /** Contract: the public card view, with its featured products. */
    publicCard: owners.publicCard,
    /** Contract (OCR): a draft of an owner's card from scanned fields. */
    createDraft: (ctx: RequestContext, input: DraftInput) => owners.createDraft(ctx, input, 'ocr'),
    cardUrl: (cardId: string, token: string | null) => cardUrl(publicBaseUrl, cardId, token),
  };
}
export type CardModule = ReturnType<typeof createCardModule>;
