import { err, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { parseVcards, toVcard, VcardSyntaxError, type ParsedContact } from './domain/vcard.ts';
import { cardStore as store, type CardRow } from './card-store.ts';
import type { CardErrorCode } from './card-errors.ts';
import type { CardContacts } from './card-ports.ts';
import { cardUrl, type ShareService } from './share-service.ts';

export interface VcardImportResult {
  imported: number;
  created: number;
  merged: number;
  leadIds: string[];
}

/** vCard 4.0 export of a card, and import of .vcf files into the owner's contacts (the CRM's). */
export function createVcardService(deps: { readonly db: Db; readonly pii: PiiCipher; readonly shares: ShareService; readonly publicBaseUrl: string; readonly contacts: () => CardContacts | null }) {
  const { db, pii } = deps;
  const vcardOf = (card: CardRow, phone: string | null) =>
    toVcard({
      uid: card.id,
      name: card.name,
      title: card.title,
      company: card.company,
      phone,
      email: card.email,
      website: card.website,
      wechatId: card.wechat_id,
      address: card.address,
      latitude: card.latitude,
      longitude: card.longitude,
      note: card.intro,
      photoUrl: card.photo_url,
      source: cardUrl(deps.publicBaseUrl, card.id, null),
      revision: card.updated_at,
    });

  return {
    /** The owner's own card, with the full phone. */
    async own(ctx: RequestContext, cardId: string): Promise<Result<string, CardErrorCode>> {
      const card = await store.card(db, cardId);
      if (!card || card.owner_user_id !== ctx.actor?.userId) return err('card_not_found');
      return ok(vcardOf(card, card.phone_cipher ? pii.decrypt(card.phone_cipher) : null));
    },

    /**
     * A public card for "save to contacts". The phone is included only for a visitor who says who
     * they are, and that counts (and is recorded) as asking for the number.
     */
    async public(ctx: RequestContext, cardId: string, visitor: { visitorId?: string | undefined; shareToken?: string | undefined }): Promise<Result<string, CardErrorCode>> {
      const card = await store.activeCard(db, cardId);
      if (!card) return err('card_not_found');
      let phone: string | null = null;
      if (visitor.visitorId && card.phone_cipher) {
        const revealed = await deps.shares.revealPhone(ctx, cardId, { visitorId: visitor.visitorId, shareToken: visitor.shareToken });
        if (revealed.ok) phone = revealed.value.phone;
      }
      return ok(vcardOf(card, phone));
    },

    /** Reads every card in the file first (a bad file imports nothing), then upserts each as the caller's contact. */
    async import(ctx: RequestContext, text: string): Promise<Result<VcardImportResult, CardErrorCode>> {
      const contacts = deps.contacts();
      if (!contacts) return err('contacts_unavailable');
      let parsed: ParsedContact[];
      try {
        parsed = parseVcards(text);
      } catch (error) {
        if (error instanceof VcardSyntaxError) return err('vcard_invalid', { reason: error.message });
        throw error;
      }
      if (parsed.length > 500) return err('vcard_invalid', { reason: 'at most 500 cards per file' });
      const result: VcardImportResult = { imported: 0, created: 0, merged: 0, leadIds: [] };
      for (const contact of parsed) {
        const upserted = await contacts.upsert(ctx, {
          ownerUserId: ctx.actor!.userId,
          source: 'vcard',
          ...(contact.name ? { name: contact.name } : {}),
          ...(contact.title ? { title: contact.title } : {}),
          ...(contact.company ? { company: contact.company } : {}),
          ...(contact.address ? { address: contact.address } : {}),
          ...(contact.website ? { website: contact.website } : {}),
          ...(contact.note ? { note: contact.note } : {}),
          phones: contact.phones,
          emails: contact.emails,
        });
        if (!upserted.ok) return err('vcard_invalid', { reason: upserted.code, imported: result.imported });
        result.imported++;
        if (upserted.value.created) result.created++;
        else result.merged++;
        result.leadIds.push(upserted.value.leadId);
      }
      return ok(result);
    },
  };
}
export type VcardService = ReturnType<typeof createVcardService>;
