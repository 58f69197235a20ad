import { countRows, pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { CardDraftTable, CardPhoneRevealTable, CardShareTable, CardTable, CardTables, CardTemplateTable } from './card-tables.ts';

const t = (db: Db) => db as Kysely<CardTables>;

export type CardRow = Selectable<CardTable>;
export type TemplateRow = Selectable<CardTemplateTable>;
export type ShareRow = Selectable<CardShareTable>;
export type DraftRow = Selectable<CardDraftTable>;

/** JSON columns go in as text: the pg driver would turn a JS array into a SQL array, not JSON. */
const json = (value: unknown) => JSON.stringify(value) as never;

const cardValues = (row: CardTable) => ({ ...row, modules: json(row.modules) });
const templateValues = (row: CardTemplateTable) => ({ ...row, fields: json(row.fields), modules: json(row.modules) });

/** Which organisation's rows a console user sees: one organisation, or every one (platform staff). */
export type OrganizationScope = { readonly kind: 'all' } | { readonly kind: 'organization'; readonly organizationId: string };

const scopedTemplates = (db: Db, scope: OrganizationScope) =>
  t(db).selectFrom('card_templates').$if(scope.kind === 'organization', (query) => query.where('organization_id', '=', (scope as { organizationId: string }).organizationId));
const scopedCards = (db: Db, scope: OrganizationScope) =>
  t(db).selectFrom('cards').$if(scope.kind === 'organization', (query) => query.where('organization_id', '=', (scope as { organizationId: string }).organizationId));

/** The only file that touches the card tables. */
export const cardStore = {
  async insertTemplate(db: Db, row: CardTemplateTable): Promise<void> {
    await t(db).insertInto('card_templates').values(templateValues(row)).execute();
  },

  async updateTemplate(db: Db, row: CardTemplateTable): Promise<void> {
    await t(db).updateTable('card_templates').set(templateValues(row)).where('id', '=', row.id).execute();
  },

  async template(db: Db, scope: OrganizationScope, id: string): Promise<TemplateRow | undefined> {
    return scopedTemplates(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  },

  async templateById(db: Db, id: string): Promise<TemplateRow | undefined> {
    return t(db).selectFrom('card_templates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async defaultTemplate(db: Db, organizationId: string): Promise<TemplateRow | undefined> {
    return t(db).selectFrom('card_templates').selectAll().where('organization_id', '=', organizationId).where('is_default', '=', true).where('status', '=', 'active').executeTakeFirst();
  },

  /** Makes room for a new default: the organisation's current default stops being one. */
  async clearDefault(db: Db, organizationId: string, now: Date): Promise<void> {
    await t(db).updateTable('card_templates').set({ is_default: false, updated_at: now }).where('organization_id', '=', organizationId).where('is_default', '=', true).execute();
  },

  async listTemplates(db: Db, scope: OrganizationScope, page: PageRequest) {
    const query = scopedTemplates(db, scope);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async cardOfOwner(db: Db, ownerUserId: string): Promise<CardRow | undefined> {
    return t(db).selectFrom('cards').selectAll().where('owner_user_id', '=', ownerUserId).executeTakeFirst();
  },

  /** The owner's card, locked until the transaction ends, so concurrent saves apply one after the other. */
  async lockCardOfOwner(db: Db, ownerUserId: string): Promise<CardRow | undefined> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`card:${ownerUserId}`}, 0))`.execute(db);
    return t(db).selectFrom('cards').selectAll().where('owner_user_id', '=', ownerUserId).forUpdate().executeTakeFirst();
  },

  async card(db: Db, id: string): Promise<CardRow | undefined> {
    return t(db).selectFrom('cards').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async cardInScope(db: Db, scope: OrganizationScope, id: string): Promise<CardRow | undefined> {
    return scopedCards(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The public card: one read by primary key. */
  async activeCard(db: Db, id: string): Promise<CardRow | undefined> {
    return t(db).selectFrom('cards').selectAll().where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  },

  async insertCard(db: Db, row: CardTable): Promise<void> {
    await t(db).insertInto('cards').values(cardValues(row)).execute();
  },

  async updateCard(db: Db, row: CardTable): Promise<void> {
    await t(db).updateTable('cards').set(cardValues(row)).where('id', '=', row.id).execute();
  },

  async cardsOfTemplate(db: Db, templateId: string): Promise<CardRow[]> {
    return t(db).selectFrom('cards').selectAll().where('template_id', '=', templateId).execute();
  },

  async listCards(db: Db, scope: OrganizationScope, filter: { q?: string | undefined }, page: PageRequest) {
    let query = scopedCards(db, scope);
    if (filter.q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${filter.q}%`), eb('title', 'ilike', `%${filter.q}%`)]));
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async insertDraft(db: Db, row: CardDraftTable): Promise<void> {
    await t(db).insertInto('card_drafts').values({ ...row, fields: json(row.fields) }).execute();
  },

  async drafts(db: Db, ownerUserId: string): Promise<DraftRow[]> {
    return t(db).selectFrom('card_drafts').selectAll().where('owner_user_id', '=', ownerUserId).where('applied_at', 'is', null).orderBy('created_at', 'desc').limit(20).execute();
  },

  async draft(db: Db, ownerUserId: string, id: string): Promise<DraftRow | undefined> {
    return t(db).selectFrom('card_drafts').selectAll().where('id', '=', id).where('owner_user_id', '=', ownerUserId).executeTakeFirst();
  },

  /** Marks a draft applied, once: false if it already was. */
  async markDraftApplied(db: Db, id: string, now: Date): Promise<boolean> {
    const row = await t(db).updateTable('card_drafts').set({ applied_at: now }).where('id', '=', id).where('applied_at', 'is', null).returning('id').executeTakeFirst();
    return Boolean(row);
  },

  async insertShare(db: Db, row: CardShareTable): Promise<void> {
    await t(db).insertInto('card_shares').values(row).execute();
  },

  async shareByToken(db: Db, cardId: string, tokenHash: string): Promise<ShareRow | undefined> {
    return t(db).selectFrom('card_shares').selectAll().where('token_hash', '=', tokenHash).where('card_id', '=', cardId).executeTakeFirst();
  },

  /** The card with its owner and the share a token names, in one round trip (the radar asks this per event batch). */
  async attribution(db: Db, cardId: string, tokenHash: string | null) {
    return t(db)
      .selectFrom('cards')
      .leftJoin('card_shares as share', (join) => join.onRef('share.card_id', '=', 'cards.id').on('share.token_hash', '=', tokenHash ?? ''))
      .select(['cards.id as cardId', 'cards.owner_user_id as ownerUserId', 'cards.organization_id as organizationId', 'share.id as shareId', 'share.sharer_visitor_id as forwarderVisitorId', 'share.chain as chain'])
      .where('cards.id', '=', cardId)
      .executeTakeFirst();
  },

  async sharesOfCard(db: Db, cardId: string, page: PageRequest) {
    const query = t(db).selectFrom('card_shares').where('card_id', '=', cardId);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async insertPhoneReveal(db: Db, row: CardPhoneRevealTable): Promise<void> {
    await t(db).insertInto('card_phone_reveals').values(row).execute();
  },

  async phoneRevealCount(db: Db, cardId: string): Promise<number> {
    const row = await t(db).selectFrom('card_phone_reveals').select((eb) => eb.fn.countAll<string>().as('n')).where('card_id', '=', cardId).executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
