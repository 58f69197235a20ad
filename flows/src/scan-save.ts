import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { detailsOf, type CardDetails, type ScanErrorCode, type ScanService } from '@linkmall/scan';

/** The CRM's `contacts.upsert`, as a scan needs it (source 'ocr'). */
export interface ScanContactSink {
  upsert(
    ctx: RequestContext,
    input: { ownerUserId: string; source: 'ocr'; name?: string; title?: string; company?: string; phones?: string[]; emails?: string[]; address?: string; website?: string; note?: string },
  ): Promise<Result<{ leadId: string; created: boolean }>>;
}

/** The card module's `createDraft`: a draft of the owner's own card, from a scanned paper card. */
export interface ScanCardDrafts {
  createDraft(
    ctx: RequestContext,
    input: { ownerUserId: string; name?: string; title?: string; company?: string; phone?: string; email?: string; address?: string; website?: string },
  ): Promise<Result<{ draftId: string; cardId: string | null }>>;
}

export type SaveScanInput = { readonly details?: CardDetails | undefined; readonly image?: string | undefined };

/** Empty strings and empty lists are "not given". */
function compact(details: CardDetails): CardDetails {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.length > 0) out[key] = value;
  }
  return out as CardDetails;
}

/**
 * A scanned card becomes a lead in the owner's CRM or a draft of the owner's own card. The person
 * usually checks the fields on screen first and sends them back corrected; an image alone is
 * scanned and saved in one step.
 */
export function createScanSaveFlow(deps: { scan: ScanService; contacts: ScanContactSink; cardDrafts: ScanCardDrafts }) {
  async function detailsFrom(ctx: RequestContext, input: SaveScanInput): Promise<Result<CardDetails, ScanErrorCode>> {
    let details: CardDetails;
    if (input.image !== undefined) {
      const scanned = await deps.scan.scanBusinessCard(ctx, { image: input.image });
      if (!scanned.ok) return scanned;
      details = detailsOf(scanned.value.fields);
    } else {
      details = input.details ?? {};
    }
    details = compact(details);
    if (!details.name && !details.company && !details.phones && !details.emails) return err('scan_nothing_to_save');
    return ok(details);
  }

  return {
    async saveContact(ctx: RequestContext, input: SaveScanInput): Promise<Result<{ leadId: string; created: boolean; details: CardDetails }>> {
      const details = await detailsFrom(ctx, input);
      if (!details.ok) return details;
      const saved = await deps.contacts.upsert(ctx, { ...details.value, ownerUserId: ctx.actor!.userId, source: 'ocr' });
      if (!saved.ok) return saved;
      return ok({ ...saved.value, details: details.value });
    },

    async createCardDraft(ctx: RequestContext, input: SaveScanInput): Promise<Result<{ draftId: string; cardId: string | null; details: CardDetails }>> {
      const details = await detailsFrom(ctx, input);
      if (!details.ok) return details;
      const { phones, emails, note: _note, ...rest } = details.value;
      const draft = await deps.cardDrafts.createDraft(ctx, {
        ...rest,
        ownerUserId: ctx.actor!.userId,
        ...(phones?.[0] ? { phone: phones[0] } : {}),
        ...(emails?.[0] ? { email: emails[0] } : {}),
      });
      if (!draft.ok) return draft;
      return ok({ ...draft.value, details: details.value });
    },
  };
}
export type ScanSaveFlow = ReturnType<typeof createScanSaveFlow>;
