import { err, maskPhone, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { normalizeEmail, normalizePhone, phoneHashInput } from './domain/contact-fields.ts';
import { parseVcards } from './domain/vcard.ts';
import type { CrmErrorCode } from './crm-errors.ts';
import { crmEvent } from './crm-events.ts';
import type { UserDirectory } from './crm-ports.ts';
import { crmStore as store, type LeadRow } from './crm-store.ts';
import type { LeadSource } from './crm-tables.ts';
import { leadSnapshot } from './crm-view.ts';
import { mergeLeadsIn } from './lead-merge.ts';

/** The contract's contact input: a visitor, an imported vCard, a scanned card, the contact form or a manual entry. */
export interface ContactInput {
  readonly ownerUserId: string;
  readonly source: LeadSource;
  readonly visitorId?: string | undefined;
  readonly userId?: string | undefined;
  readonly name?: string | undefined;
  readonly title?: string | undefined;
  readonly company?: string | undefined;
  readonly phones?: readonly string[] | undefined;
  readonly emails?: readonly string[] | undefined;
  readonly address?: string | undefined;
  readonly website?: string | undefined;
  readonly note?: string | undefined;
}

/** What only the platform's own flows know: the card's organisation and when the visitor was active. */
export interface ContactExtras {
  readonly organizationId?: string | null;
  readonly activeAt?: Date;
}

export interface UpsertedContact {
  leadId: string;
  created: boolean;
}

const clip = (value: string | undefined, max: number) => (value?.trim() ? value.trim().slice(0, max) : null);

export function createContactService(deps: { db: Db; pii: PiiCipher; users: UserDirectory }) {
  const { db, pii } = deps;

  async function insertNew(tx: Db, ctx: RequestContext, input: ContactInput, emails: string[], organizationId: string | null, now: Date): Promise<LeadRow> {
    const row = await store.insertLead(tx, {
      id: newId('lead', now.getTime()),
      owner_user_id: input.ownerUserId,
      organization_id: organizationId,
      source: input.source,
      visitor_ids: input.visitorId ? [input.visitorId] : [],
      user_id: input.userId ?? null,
      name: clip(input.name, 60),
      title: clip(input.title, 60),
      company: clip(input.company, 100),
      emails,
      address: clip(input.address, 200),
      website: clip(input.website, 200),
      stage: 'new',
      intent_score: null,
      last_active_at: null,
      merged_into: null,
      created_at: now,
      updated_at: now,
    });
    await publishEvent(tx, ctx, crmEvent('lead.created', row.id, { leadId: row.id, ownerUserId: row.owner_user_id, source: row.source }));
    return row;
  }

  /** Fills what the existing lead lacks; never overwrites what a person already entered. */
  async function fillIn(tx: Db, existing: LeadRow, input: ContactInput, emails: string[], now: Date): Promise<LeadRow> {
    return store.updateLead(tx, existing.id, {
      visitor_ids: input.visitorId && !existing.visitor_ids.includes(input.visitorId) ? [...existing.visitor_ids, input.visitorId] : existing.visitor_ids,
      user_id: existing.user_id ?? input.userId ?? null,
      name: existing.name ?? clip(input.name, 60),
      title: existing.title ?? clip(input.title, 60),
      company: existing.company ?? clip(input.company, 100),
      emails: [...new Set([...existing.emails, ...emails])].slice(0, 10),
      address: existing.address ?? clip(input.address, 200),
      website: existing.website ?? clip(input.website, 200),
      updated_at: now,
    });
  }

  /**
   * Creates or refreshes the owner's lead for a contact, inside `tx`: a lead of the same owner with
   * the same visitor id, user id or phone (compared by keyed hash) is the same person.
   */
  async function upsertIn(tx: Db, ctx: RequestContext, input: ContactInput, extras: ContactExtras = {}): Promise<Result<UpsertedContact, CrmErrorCode>> {
    const phones = [...new Set((input.phones ?? []).map(normalizePhone).filter((phone): phone is string => phone !== null))].slice(0, 5);
    const emails = [...new Set((input.emails ?? []).map(normalizeEmail).filter((email): email is string => email !== null))].slice(0, 10);
    if (!input.visitorId && !input.userId && !input.name?.trim() && !input.company?.trim() && phones.length === 0 && emails.length === 0) return err('lead_contact_empty');
    const owner = extras.organizationId !== undefined ? { organizationId: extras.organizationId } : await deps.users(input.ownerUserId);
    if (!owner) return err('lead_owner_invalid');
    const now = ctx.clock.now();
    const phoneRows = phones.map((phone) => ({ phone_hash: pii.searchHash(phoneHashInput(phone)), phone_cipher: pii.encrypt(phone), phone_masked: maskPhone(phone) }));
    await store.lockOwner(tx, input.ownerUserId);
    const [existing, ...duplicates] = await store.matches(tx, input.ownerUserId, { visitorId: input.visitorId, userId: input.userId, phoneHashes: phoneRows.map((row) => row.phone_hash) });
    let lead = existing ? await fillIn(tx, existing, input, emails, now) : await insertNew(tx, ctx, input, emails, owner.organizationId, now);
    // This contact ties together leads that were kept apart (a visitor and a vCard with their phone): one person, one lead.
    for (const duplicate of duplicates) lead = await mergeLeadsIn(tx, ctx, lead, duplicate);
    await store.addPhones(tx, phoneRows.map((row) => ({ ...row, lead_id: lead.id })));
    if (extras.activeAt && (!lead.last_active_at || lead.last_active_at < extras.activeAt)) lead = await store.updateLead(tx, lead.id, { last_active_at: extras.activeAt });
    if (input.note?.trim()) await store.insertNote(tx, { id: newId('lnt', now.getTime()), lead_id: lead.id, author_user_id: ctx.actor?.userId ?? null, body: input.note.trim().slice(0, 2000), created_at: now });
    return ok({ leadId: lead.id, created: !existing });
  }

  return {
    upsertIn,

    /** The contract's `contacts.upsert`: one transaction. */
    async upsert(ctx: RequestContext, input: ContactInput): Promise<Result<UpsertedContact, CrmErrorCode>> {
      return inTransaction(db, (tx) => upsertIn(tx, ctx, input));
    },

    /** The owner adds a contact by hand (audited like every lead write). */
    async createManual(ctx: RequestContext, input: Omit<ContactInput, 'ownerUserId' | 'source'>): Promise<Result<UpsertedContact, CrmErrorCode>> {
      return inTransaction(db, async (tx) => {
        const result = await upsertIn(tx, ctx, { ...input, ownerUserId: ctx.actor!.userId, source: 'manual' });
        if (!result.ok) return result;
        const lead = (await store.lead(tx, { kind: 'all' }, result.value.leadId))!;
        await recordAudit(tx, ctx, { action: result.value.created ? 'lead.created' : 'lead.updated', entityType: 'lead', entityId: lead.id, organizationId: lead.organization_id, before: null, after: leadSnapshot(lead) });
        return result;
      });
    },

    /** Imports every contact of a vCard file into the owner's leads, merging with the ones already known. */
    async importVcards(ctx: RequestContext, text: string): Promise<Result<{ created: number; updated: number; skipped: number; leadIds: string[] }, CrmErrorCode>> {
      const cards = parseVcards(text).slice(0, 500);
      if (cards.length === 0) return err('lead_vcard_empty');
      return inTransaction(db, async (tx) => {
        const summary = { created: 0, updated: 0, skipped: 0, leadIds: [] as string[] };
        for (const card of cards) {
          const result = await upsertIn(tx, ctx, { ...card, ownerUserId: ctx.actor!.userId, source: 'vcard' });
          if (!result.ok) {
            summary.skipped++;
            continue;
          }
          summary[result.value.created ? 'created' : 'updated']++;
          summary.leadIds.push(result.value.leadId);
        }
        await recordAudit(tx, ctx, { action: 'lead.vcard_imported', entityType: 'lead_import', entityId: summary.leadIds[0] ?? 'none', organizationId: ctx.actor!.organizationId, before: null, after: summary });
        return ok(summary);
      });
    },
  };
}
export type ContactService = ReturnType<typeof createContactService>;
