import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { AssistantTables } from './assistant-tables.ts';

/**
 * The assistant's part of the PIPL rights. Conversations are kept only for visitors who consented, by
 * visitor id; a member's visitor ids come from the radar. The member's questions are their own words,
 * so deletion removes the whole conversation (the answers only make sense beside them).
 */
const t = (db: Db) => db as Kysely<AssistantTables>;

export const assistantPersonalData = {
  /** Each stored conversation of these visitors, oldest message first. */
  async exportFor(db: Db, visitorIds: readonly string[]) {
    if (visitorIds.length === 0) return [];
    const conversations = await t(db).selectFrom('assistant_conversations').select(['id', 'card_id', 'visitor_id', 'created_at']).where('visitor_id', 'in', [...visitorIds]).orderBy('created_at').execute();
    if (conversations.length === 0) return [];
    const messages = await t(db)
      .selectFrom('assistant_messages')
      .select(['conversation_id', 'role', 'content', 'created_at'])
      .where('conversation_id', 'in', conversations.map((conversation) => conversation.id))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return conversations.map((conversation) => ({
      card_id: conversation.card_id,
      visitor_id: conversation.visitor_id,
      started_at: conversation.created_at,
      messages: messages.filter((message) => message.conversation_id === conversation.id).map(({ conversation_id: _id, ...message }) => message),
    }));
  },

  /** Deletes these visitors' conversations; their messages go with them (on delete cascade). */
  async erase(tx: Db, visitorIds: readonly string[]): Promise<number> {
    if (visitorIds.length === 0) return 0;
    const deleted = await t(tx).deleteFrom('assistant_conversations').where('visitor_id', 'in', [...visitorIds]).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  },
};
