import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { RadarNotificationTable, RadarTables } from './radar-tables.ts';

const t = (db: Db) => db as Kysely<RadarTables>;
export type NotificationRow = Selectable<RadarNotificationTable>;

export const notificationStore = {
  /** Inserts notifications in one statement. */
  async insert(tx: Db, rows: readonly Omit<NotificationRow, 'read_at' | 'wechat_status'>[]): Promise<void> {
    if (rows.length === 0) return;
    await t(tx)
      .insertInto('radar_notifications')
      .values(rows.map((row) => ({ ...row, title: JSON.stringify(row.title), body: JSON.stringify(row.body) })))
      .execute();
  },

  async find(db: Db, id: string, options: { userId?: string; forUpdate?: boolean } = {}): Promise<NotificationRow | undefined> {
    let query = t(db).selectFrom('radar_notifications').selectAll().where('id', '=', id);
    if (options.userId) query = query.where('user_id', '=', options.userId);
    if (options.forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  async page(db: Db, userId: string, page: PageRequest, unreadOnly: boolean): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
    let query = t(db).selectFrom('radar_notifications').where('user_id', '=', userId);
    if (unreadOnly) query = query.where('read_at', 'is', null);
    const { limit, offset } = pageWindow(page);
    const items = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const unread = await countRows(t(db).selectFrom('radar_notifications').select('id').where('user_id', '=', userId).where('read_at', 'is', null));
    return { items, total: await countRows(query.select('id')), unread };
  },

  async markRead(tx: Db, userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
    return t(tx)
      .updateTable('radar_notifications')
      .set({ read_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  async markAllRead(tx: Db, userId: string, at: Date): Promise<number> {
    const result = await t(tx).updateTable('radar_notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async setWechatStatus(tx: Db, id: string, status: 'sent' | 'refused' | 'failed' | 'skipped'): Promise<void> {
    await t(tx).updateTable('radar_notifications').set({ wechat_status: status }).where('id', '=', id).execute();
  },
};
