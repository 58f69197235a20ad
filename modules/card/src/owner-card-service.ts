import { err, maskPhone, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import { featuredProductIds } from './domain/card-module.ts';
import { applyTemplate, lockedFieldChanges, startingContent, type CardContent, type CardTemplateRules, type LockableField } from './domain/card-template.ts';
import { cardStore as store, type CardRow, type TemplateRow } from './card-store.ts';
import type { CardTable, DraftFields } from './card-tables.ts';
import type { CardErrorCode } from './card-errors.ts';
import { cardEvent } from './card-events.ts';
import type { CardProducts, FeaturedProduct } from './card-ports.ts';
import { cardFields, ownerCardView, publicCardView, type OwnerCardView, type PublicCardView } from './card-view.ts';

export interface CardServiceDeps {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly products: CardProducts;
}

/** What a scan (or a person) proposes for an owner's card: the OCR helper's `createDraft` input. */
export interface DraftInput {
  readonly ownerUserId: string;
  readonly name?: string | undefined;
  readonly title?: string | undefined;
  readonly company?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly address?: string | undefined;
  readonly website?: string | undefined;
}

export interface DraftView {
  id: string;
  source: 'ocr' | 'manual';
  fields: DraftFields & { phone: string | null };
  createdAt: string;
}

/** The template's rules, when the card follows an active one. */
export const rulesOf = (template: TemplateRow | null | undefined): CardTemplateRules | null =>
  template && template.status === 'active' ? { theme: template.theme, fields: template.fields, lockedFields: template.locked_fields, modules: template.modules } : null;

/** A card's stored content, as the rules and the editor take it. */
export function contentOf(row: CardRow, pii: PiiCipher): CardContent {
  return { ...cardFields(row), phone: row.phone_cipher ? pii.decrypt(row.phone_cipher) : null };
}

/** The row for some content: the phone encrypted, hashed for search and masked for the public card. */
type CardMeta = Pick<CardTable, 'id' | 'owner_user_id' | 'organization_id' | 'template_id' | 'merchant_id' | 'status' | 'created_at'>;

export function withContent(meta: CardMeta, content: CardContent, pii: PiiCipher, now: Date): CardTable {
  return {
    id: meta.id,
    owner_user_id: meta.owner_user_id,
    organization_id: meta.organization_id,
    template_id: meta.template_id,
    merchant_id: meta.merchant_id,
    status: meta.status,
    created_at: meta.created_at,
    name: content.name,
    title: content.title,
    company: content.company,
    photo_url: content.photoUrl,
    phone_cipher: content.phone ? pii.encrypt(content.phone) : null,
    phone_hash: content.phone ? pii.searchHash(content.phone) : null,
    phone_masked: content.phone ? maskPhone(content.phone) : null,
    email: content.email,
    website: content.website,
    wechat_id: content.wechatId,
    address: content.address,
    latitude: content.latitude,
    longitude: content.longitude,
    intro: content.intro,
    theme: content.theme,
    modules: [...content.modules],
    updated_at: now,
  };
}

/** Owners' own cards: created from the company's default template, edited within its locks. */
export function createOwnerCardService(deps: CardServiceDeps) {
  const { db, pii, products } = deps;

  /** The caller's card, created on first use from their company's default template. */
  async function ensureCard(tx: Db, ctx: RequestContext): Promise<CardRow> {
    const actor = ctx.actor!;
    const existing = await store.lockCardOfOwner(tx, actor.userId);
    if (existing) return existing;
    const organizationId = actor.organizationId!;
    const template = await store.defaultTemplate(tx, organizationId);
    const now = ctx.clock.now();
    const content = startingContent(rulesOf(template), { name: actor.displayName, company: '' });
    const meta: CardMeta = {
      id: newId('crd', now.getTime()),
      owner_user_id: actor.userId,
      organization_id: organizationId,
      template_id: template?.id ?? null,
      merchant_id: actor.organizationKind === 'merchant' ? organizationId : null,
      status: 'active',
      created_at: now,
    };
    const row = withContent(meta, content, pii, now);
    await store.insertCard(tx, row);
    await publishEvent(tx, ctx, cardEvent('card.saved', row.id, { cardId: row.id, ownerUserId: row.owner_user_id, organizationId: row.organization_id }));
    return row;
  }

  /** Saves content on the owner's card, inside the template's locks, featuring only products on sale. */
  async function saveContent(tx: Db, ctx: RequestContext, card: CardRow, content: CardContent): Promise<Result<OwnerCardView, CardErrorCode>> {
    const template = card.template_id ? await store.templateById(tx, card.template_id) : undefined;
    const rules = rulesOf(template);
    const changed = rules ? lockedFieldChanges(rules, content) : [];
    if (changed.length > 0) return err('card_field_locked', { fields: changed });
    const applied = applyTemplate(rules, content);
    const wanted = featuredProductIds(applied.modules);
    const onSale = wanted.length > 0 ? await products.onSale(card.merchant_id, wanted) : new Map<string, FeaturedProduct>();
    const missing = wanted.filter((id) => !onSale.has(id));
    if (missing.length > 0) return err('card_products_unavailable', { productIds: missing });
    const row = withContent(card, applied, pii, ctx.clock.now());
    await store.updateCard(tx, row);
    await publishEvent(tx, ctx, cardEvent('card.saved', row.id, { cardId: row.id, ownerUserId: row.owner_user_id, organizationId: row.organization_id }));
    return ok(ownerCardView(row, template, pii));
  }

  return {
    async mine(ctx: RequestContext): Promise<OwnerCardView> {
      return inTransaction(db, async (tx) => {
        const card = await ensureCard(tx, ctx);
        return ownerCardView(card, card.template_id ? await store.templateById(tx, card.template_id) : null, pii);
      });
    },

    /** Replaces the owner's card content (the whole document, as the editor sends it). */
    async save(ctx: RequestContext, content: CardContent): Promise<Result<OwnerCardView, CardErrorCode>> {
      return inTransaction(db, async (tx) => saveContent(tx, ctx, await ensureCard(tx, ctx), content));
    },

    /** The public card (no login): one read of the card, one for its featured products. */
    async publicCard(cardId: string): Promise<Result<PublicCardView, CardErrorCode>> {
      const card = await store.activeCard(db, cardId);
      if (!card) return err('card_not_found');
      const wanted = featuredProductIds(card.modules);
      const onSale = wanted.length > 0 ? await products.onSale(card.merchant_id, wanted) : new Map<string, FeaturedProduct>();
      return ok(publicCardView(card, onSale));
    },

    /** The owner's card for export (vCard, poster): any status, the owner's own only. */
    async ownCard(ctx: RequestContext, cardId: string): Promise<Result<OwnerCardView, CardErrorCode>> {
      const card = await store.card(db, cardId);
      if (!card || card.owner_user_id !== ctx.actor?.userId) return err('card_not_found');
      return ok(ownerCardView(card, null, pii));
    },

    /** A draft of the owner's card from scanned fields; the owner applies it in the editor. */
    async createDraft(ctx: RequestContext, input: DraftInput, source: 'ocr' | 'manual' = 'ocr'): Promise<Result<{ draftId: string; cardId: string | null }, CardErrorCode>> {
      const now = ctx.clock.now();
      const fields: DraftFields = {};
      for (const key of ['name', 'title', 'company', 'email', 'address', 'website'] as const) {
        const value = input[key]?.trim();
        if (value) fields[key] = value;
      }
      const phone = input.phone?.replace(/[\s-]/g, '') || null;
      const id = newId('cdr', now.getTime());
      return inTransaction(db, async (tx) => {
        await store.insertDraft(tx, {
          id,
          owner_user_id: input.ownerUserId,
          source,
          fields,
          phone_cipher: phone ? pii.encrypt(phone) : null,
          phone_masked: phone ? maskPhone(phone) : null,
          created_by: ctx.actor?.userId ?? null,
          created_at: now,
          applied_at: null,
        });
        await publishEvent(tx, ctx, cardEvent('card.draft_created', id, { draftId: id, ownerUserId: input.ownerUserId, source }));
        const card = await store.cardOfOwner(tx, input.ownerUserId);
        return ok({ draftId: id, cardId: card?.id ?? null });
      });
    },

    async drafts(ctx: RequestContext): Promise<DraftView[]> {
      const rows = await store.drafts(db, ctx.actor!.userId);
      return rows.map((row) => ({ id: row.id, source: row.source, fields: { ...row.fields, phone: row.phone_cipher ? pii.decrypt(row.phone_cipher) : null }, createdAt: row.created_at.toISOString() }));
    },

    /** Copies a draft's fields onto the owner's card, leaving fields the template locks as they are. */
    async applyDraft(ctx: RequestContext, draftId: string): Promise<Result<OwnerCardView, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const draft = await store.draft(tx, ctx.actor!.userId, draftId);
        if (!draft || !(await store.markDraftApplied(tx, draftId, ctx.clock.now()))) return err('card_draft_not_found');
        const card = await ensureCard(tx, ctx);
        const template = card.template_id ? await store.templateById(tx, card.template_id) : undefined;
        const locked = new Set<LockableField>(rulesOf(template)?.lockedFields ?? []);
        const current = contentOf(card, pii);
        const { fields } = draft;
        const content: CardContent = {
          ...current,
          name: fields.name ?? current.name,
          title: locked.has('title') ? current.title : (fields.title ?? current.title),
          company: locked.has('company') ? current.company : (fields.company ?? current.company),
          address: locked.has('address') ? current.address : (fields.address ?? current.address),
          email: fields.email ?? current.email,
          website: fields.website ?? current.website,
          phone: draft.phone_cipher ? pii.decrypt(draft.phone_cipher) : current.phone,
        };
        return saveContent(tx, ctx, card, content);
      });
    },
  };
}
export type OwnerCardService = ReturnType<typeof createOwnerCardService>;
