import { sql, type Db } from '@linkmall/db';
import type { Localized } from '@linkmall/kernel';

/**
 * Who and what the analytics scopes name (merchants, team bosses, guides, cards), labels for report
 * rows, and the digest's recipients. Read in SQL from the owners' tables, as the rest of this read
 * model does (docs/adr/0005-analytics-read-model.md); nothing here writes.
 */

export interface CardOwner {
  readonly ownerUserId: string;
  readonly organizationId: string;
}

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export interface DigestRecipient {
  readonly userId: string;
  readonly role: 'operations' | 'finance' | 'merchant_admin';
  readonly merchantId: string | null;
}

export type ChoiceKind = 'merchant' | 'team' | 'guide' | 'card';

/** Restricts choices and lookups to an organisation (a merchant admin's) or a user (a shop guide). */
export interface ChoiceLimit {
  readonly organizationId?: string;
  readonly userId?: string;
}

const textMap = (rows: { id: string; label: string }[]) => new Map(rows.map((row) => [row.id, row.label]));

export function directoryStore(db: Db) {
  return {
    async isMerchant(id: string): Promise<boolean> {
      return (await sql`select 1 from organizations where id = ${id} and kind = 'merchant'`.execute(db)).rows.length > 0;
    },
    async isTeamBoss(id: string): Promise<boolean> {
      return (await sql`select 1 from distribution_members where member_id = ${id} and role = 'BOSS'`.execute(db)).rows.length > 0;
    },
    async organizationOfUser(userId: string): Promise<string | null | undefined> {
      const row = (await sql<{ organization_id: string | null }>`select organization_id from users where id = ${userId}`.execute(db)).rows[0];
      return row ? row.organization_id : undefined;
    },
    async cardOwner(cardId: string): Promise<CardOwner | null> {
      const row = (await sql<{ owner_user_id: string; organization_id: string }>`select owner_user_id, organization_id from cards where id = ${cardId}`.execute(db)).rows[0];
      return row ? { ownerUserId: row.owner_user_id, organizationId: row.organization_id } : null;
    },
    async userNames(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      return textMap((await sql<{ id: string; label: string }>`select id, display_name as label from users where id = any(${[...ids]})`.execute(db)).rows);
    },
    async productTitles(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      return textMap((await sql<{ id: string; label: string }>`select id, title as label from products where id = any(${[...ids]})`.execute(db)).rows);
    },
    async organizationNames(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      return textMap((await sql<{ id: string; label: string }>`select id, name as label from organizations where id = any(${[...ids]})`.execute(db)).rows);
    },
    /** The names a consented visitor chose to show (encrypted), by visitor id. */
    async visitorNameCiphers(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = (await sql<{ id: string; label: string }>`select visitor_id as id, max(display_name_cipher) as label from radar_visitors
        where visitor_id = any(${[...ids]}) and display_name_cipher is not null group by visitor_id`.execute(db)).rows;
      return textMap(rows);
    },
    /** One page of what may be picked for a scope kind, name filtered. */
    async choices(kind: ChoiceKind, query: { q?: string; limit: ChoiceLimit; offset: number; pageSize: number }): Promise<{ items: Choice[]; total: number }> {
      const like = `%${(query.q ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const org = query.limit.organizationId ?? null;
      const user = query.limit.userId ?? null;
      const source =
        kind === 'merchant'
          ? sql`select id, name as label from organizations where kind = 'merchant' and (${org}::text is null or id = ${org}) and name ilike ${like}`
          : kind === 'team'
            ? sql`select m.member_id as id, coalesce(u.display_name, m.member_id) as label from distribution_members m left join users u on u.id = m.member_id
                where m.role = 'BOSS' and ${org}::text is null and ${user}::text is null and coalesce(u.display_name, m.member_id) ilike ${like}`
            : kind === 'guide'
              ? sql`select u.id, u.display_name as label from users u where u.organization_id is not null
                  and exists (select 1 from cards c where c.owner_user_id = u.id)
                  and (${org}::text is null or u.organization_id = ${org}) and (${user}::text is null or u.id = ${user}) and u.display_name ilike ${like}`
              : sql`select c.id, c.name || ' · ' || c.company as label from cards c
                  where (${org}::text is null or c.organization_id = ${org}) and (${user}::text is null or c.owner_user_id = ${user}) and (c.name || c.company) ilike ${like}`;
      const rows = (await sql<Choice & { total: unknown }>`select id, label, count(*) over () as total from (${source}) as choice
        order by label, id limit ${query.pageSize} offset ${query.offset}`.execute(db)).rows;
      return { items: rows.map(({ id, label }) => ({ id, label })), total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
    },
    /** Digest recipients: active operations and finance staff, and each merchant's active admins. */
    async digestRecipients(): Promise<DigestRecipient[]> {
      const rows = (await sql<{ id: string; roles: string[]; organization_id: string | null; kind: string | null }>`select u.id, u.roles, u.organization_id, o.kind
        from users u left join organizations o on o.id = u.organization_id
        where u.status = 'active' and u.roles && array['operations', 'finance', 'merchant_admin']::text[] order by u.id`.execute(db)).rows;
      return rows.flatMap((row): DigestRecipient[] => {
        if (row.kind === 'merchant' && row.roles.includes('merchant_admin')) return [{ userId: row.id, role: 'merchant_admin' as const, merchantId: row.organization_id }];
        if (row.kind === 'platform') return [{ userId: row.id, role: row.roles.includes('operations') ? ('operations' as const) : ('finance' as const), merchantId: null }];
        return [];
      });
    },
  };
}
export type DirectoryStore = ReturnType<typeof directoryStore>;

export const CHANNEL_LABELS: Record<string, Localized> = {
  card: { 'zh-CN': '名片分享', en: 'Business cards' },
  distribution: { 'zh-CN': '分销推荐', en: 'Distribution referrals' },
  direct: { 'zh-CN': '自然流量', en: 'Direct' },
};
