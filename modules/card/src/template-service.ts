import { err, newId, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, isForeignKeyViolation, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CardModule, CardTheme } from './domain/card-module.ts';
import { applyTemplate, type LockableField, type TemplateValues } from './domain/card-template.ts';
import { cardStore as store, type CardRow, type OrganizationScope, type TemplateRow } from './card-store.ts';
import type { CardErrorCode } from './card-errors.ts';
import { cardEvent } from './card-events.ts';
import { contentOf, rulesOf, withContent } from './owner-card-service.ts';
import { ownerCardView, templateView, type OwnerCardView, type TemplateView } from './card-view.ts';

export interface TemplateInput {
  readonly name: string;
  readonly theme: CardTheme;
  readonly fields: TemplateValues;
  readonly lockedFields: readonly LockableField[];
  readonly modules: readonly CardModule[];
  readonly isDefault: boolean;
  readonly status?: 'active' | 'archived' | undefined;
  /** Platform staff name the company; a merchant's staff always write their own. */
  readonly organizationId?: string | undefined;
}

/** A team card as a manager sees it: the phone stays masked. */
export type TeamCardView = Omit<OwnerCardView, 'phone'>;

/** Platform staff see every company's templates and cards; a merchant's managers their own company's. */
export function organizationScope(ctx: RequestContext): OrganizationScope {
  const actor = ctx.actor!;
  if (actor.scope.kind === 'all') return { kind: 'all' };
  return { kind: 'organization', organizationId: actor.organizationId ?? '' };
}

const teamView = (row: CardRow, template: TemplateRow | null | undefined, pii: PiiCipher): TeamCardView => {
  const { phone: _phone, ...rest } = ownerCardView(row, template, pii);
  return rest;
};

/** Company templates (locked fields, default modules) and the team's cards, for managers. Every write audited. */
export function createTemplateService(deps: { readonly db: Db; readonly pii: PiiCipher }) {
  const { db, pii } = deps;

  /** Re-applies a template to the cards that follow it, in the template's transaction. */
  async function reapply(tx: Db, ctx: RequestContext, template: TemplateRow): Promise<number> {
    const rules = rulesOf(template);
    if (!rules) return 0;
    const cards = await store.cardsOfTemplate(tx, template.id);
    for (const card of cards) await store.updateCard(tx, withContent(card, applyTemplate(rules, contentOf(card, pii)), pii, ctx.clock.now()));
    return cards.length;
  }

  async function write(tx: Db, ctx: RequestContext, row: TemplateRow, before: TemplateRow | null): Promise<TemplateView> {
    if (row.is_default && row.status === 'active' && !(before?.is_default && before.status === 'active')) await store.clearDefault(tx, row.organization_id, row.updated_at);
    if (before) await store.updateTemplate(tx, row);
    else await store.insertTemplate(tx, row);
    const cardsUpdated = await reapply(tx, ctx, row);
    const view = templateView(row);
    await recordAudit(tx, ctx, {
      action: before ? 'card_template.updated' : 'card_template.created',
      entityType: 'card_template',
      entityId: row.id,
      organizationId: row.organization_id,
      before: before ? templateView(before) : null,
      after: { ...view, cardsUpdated },
    });
    await publishEvent(tx, ctx, cardEvent('card_template.saved', row.id, { templateId: row.id, organizationId: row.organization_id }));
    return view;
  }

  return {
    async createTemplate(ctx: RequestContext, input: TemplateInput): Promise<Result<TemplateView, CardErrorCode>> {
      const scope = organizationScope(ctx);
      const organizationId = scope.kind === 'all' ? (input.organizationId ?? ctx.actor!.organizationId) : scope.organizationId;
      if (!organizationId) return err('card_template_not_found');
      const now = ctx.clock.now();
      const row: TemplateRow = {
        id: newId('ctp', now.getTime()),
        organization_id: organizationId,
        name: input.name,
        theme: input.theme,
        fields: input.fields,
        locked_fields: [...new Set(input.lockedFields)],
        modules: [...input.modules],
        is_default: input.isDefault,
        status: input.status ?? 'active',
        created_by: ctx.actor!.userId,
        created_at: now,
        updated_at: now,
      };
      try {
        return ok(await inTransaction(db, (tx) => write(tx, ctx, row, null)));
      } catch (error) {
        // Platform staff name the company; a made-up id used to surface as a 500 from the foreign key.
        if (isForeignKeyViolation(error)) return err('card_template_organization_not_found');
        throw error;
      }
    },

    /** Changes a template; its cards take the new locked values and modules in the same transaction. */
    async updateTemplate(ctx: RequestContext, id: string, input: TemplateInput): Promise<Result<TemplateView, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.template(tx, organizationScope(ctx), id);
        if (!before) return err('card_template_not_found');
        const row: TemplateRow = {
          ...before,
          name: input.name,
          theme: input.theme,
          fields: input.fields,
          locked_fields: [...new Set(input.lockedFields)],
          modules: [...input.modules],
          is_default: input.isDefault,
          status: input.status ?? before.status,
          updated_at: ctx.clock.now(),
        };
        return ok(await write(tx, ctx, row, before));
      });
    },

    async listTemplates(ctx: RequestContext, page: PageRequest) {
      const { rows, total } = await store.listTemplates(db, organizationScope(ctx), page);
      return { items: rows.map(templateView), total };
    },

    /** The cards of the manager's company (platform staff: all), with their templates' locks. */
    async listCards(ctx: RequestContext, query: PageRequest & { q?: string | undefined }) {
      const { rows, total } = await store.listCards(db, organizationScope(ctx), { q: query.q }, query);
      const templateIds = [...new Set(rows.flatMap((row) => (row.template_id ? [row.template_id] : [])))];
      const templates = new Map<string, TemplateRow>();
      for (const templateId of templateIds) {
        const template = await store.templateById(db, templateId);
        if (template) templates.set(templateId, template);
      }
      return { items: rows.map((row) => teamView(row, row.template_id ? templates.get(row.template_id) : null, pii)), total };
    },

    /** Hides a card from the public (someone left the company) or shows it again. */
    async setCardStatus(ctx: RequestContext, cardId: string, status: 'active' | 'hidden'): Promise<Result<TeamCardView, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const card = await store.cardInScope(tx, organizationScope(ctx), cardId);
        if (!card) return err('card_not_found');
        const row = { ...card, status, updated_at: ctx.clock.now() };
        await store.updateCard(tx, row);
        await recordAudit(tx, ctx, { action: 'card.status_changed', entityType: 'card', entityId: cardId, organizationId: card.organization_id, before: { status: card.status }, after: { status } });
        return ok(teamView(row, null, pii));
      });
    },

    /** Puts a card under one of its company's templates (or none): locked fields take the template's values now. */
    async assignTemplate(ctx: RequestContext, cardId: string, templateId: string | null): Promise<Result<TeamCardView, CardErrorCode>> {
      return inTransaction(db, async (tx) => {
        const scope = organizationScope(ctx);
        const card = await store.cardInScope(tx, scope, cardId);
        if (!card) return err('card_not_found');
        const template = templateId ? await store.template(tx, scope, templateId) : null;
        if (templateId && (!template || template.organization_id !== card.organization_id || template.status !== 'active')) return err('card_template_not_found');
        const row = withContent({ ...card, template_id: templateId }, applyTemplate(rulesOf(template), contentOf(card, pii)), pii, ctx.clock.now());
        await store.updateCard(tx, row);
        await recordAudit(tx, ctx, { action: 'card.template_assigned', entityType: 'card', entityId: cardId, organizationId: card.organization_id, before: { templateId: card.template_id }, after: { templateId } });
        return ok(teamView(row, template, pii));
      });
    },
  };
}
export type TemplateService = ReturnType<typeof createTemplateService>;
