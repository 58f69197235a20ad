import { countRows, pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import type { DataScope } from '@linkmall/kernel';
import type { Kysely, Selectable } from 'kysely';
import type { AssistantConversationTable, AssistantKnowledgeTable, AssistantMessageTable, AssistantTables } from './assistant-tables.ts';

/** The only file that touches the assistant's tables. */
const t = (db: Db) => db as Kysely<AssistantTables>;

export type KnowledgeRow = Selectable<AssistantKnowledgeTable>;
export type ConversationRow = Selectable<AssistantConversationTable>;
export type MessageRow = Selectable<AssistantMessageTable>;

/** Platform staff see every entry; a merchant's staff only their organisation's; everyone else none. */
export function knowledgeScope(scope: DataScope): 'all' | { organizationId: string } | 'none' {
  if (scope.kind === 'all') return 'all';
  if (scope.kind === 'merchant') return { organizationId: scope.merchantId };
  return 'none';
}

function scopedKnowledge(db: Db, scope: DataScope) {
  const visible = knowledgeScope(scope);
  let query = t(db).selectFrom('assistant_knowledge');
  if (visible === 'none') query = query.where(sql<boolean>`false`);
  else if (visible !== 'all') query = query.where('organization_id', '=', visible.organizationId);
  return query;
}

export const assistantStore = {
  async insertKnowledge(db: Db, row: KnowledgeRow): Promise<void> {
    await t(db).insertInto('assistant_knowledge').values(row).execute();
  },

  async listKnowledge(db: Db, scope: DataScope, filter: { kind?: 'faq' | 'doc' | undefined; q?: string | undefined }, page: PageRequest) {
    let query = scopedKnowledge(db, scope);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query = query.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('body', 'ilike', pattern)]));
    }
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async findKnowledge(db: Db, scope: DataScope, id: string, lock = false): Promise<KnowledgeRow | undefined> {
    const query = scopedKnowledge(db, scope).selectAll().where('id', '=', id);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  },

  async updateKnowledge(db: Db, id: string, patch: Partial<Pick<KnowledgeRow, 'kind' | 'title' | 'body'>>, now: Date): Promise<KnowledgeRow> {
    return t(db).updateTable('assistant_knowledge').set({ ...patch, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async deleteKnowledge(db: Db, id: string): Promise<void> {
    await t(db).deleteFrom('assistant_knowledge').where('id', '=', id).execute();
  },

  /** What answers may draw on for an organisation: its own entries and the platform's (at most 500, newest first). */
  async knowledgeFor(db: Db, organizationId: string | null): Promise<KnowledgeRow[]> {
    return t(db)
      .selectFrom('assistant_knowledge')
      .selectAll()
      .where((eb) => (organizationId ? eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)]) : eb('organization_id', 'is', null)))
      .orderBy('updated_at', 'desc')
      .limit(500)
      .execute();
  },

  /** The visitor's conversation on a card, created on first use. */
  async conversation(db: Db, row: ConversationRow): Promise<ConversationRow> {
    const inserted = await t(db)
      .insertInto('assistant_conversations')
      .values(row)
      .onConflict((conflict) => conflict.columns(['card_id', 'visitor_id']).doUpdateSet({ updated_at: row.updated_at }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return inserted;
  },

  async insertMessages(db: Db, rows: readonly MessageRow[]): Promise<void> {
    if (rows.length === 0) return;
    await t(db)
      .insertInto('assistant_messages')
      .values(rows.map((row) => ({ ...row, citations: JSON.stringify(row.citations) as never })))
      .execute();
  },

  async messages(db: Db, cardId: string, visitorId: string, limit: number): Promise<MessageRow[]> {
    const rows = await t(db)
      .selectFrom('assistant_messages')
      .innerJoin('assistant_conversations', 'assistant_conversations.id', 'assistant_messages.conversation_id')
      .selectAll('assistant_messages')
      .where('assistant_conversations.card_id', '=', cardId)
      .where('assistant_conversations.visitor_id', '=', visitorId)
      .orderBy('assistant_messages.created_at', 'desc')
      .orderBy('assistant_messages.id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  },
};
