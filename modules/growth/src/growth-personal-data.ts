import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { GrowthTables } from './growth-tables.ts';

/** Points (能量值), invites and rewards in a member's PIPL export. Point lines are history and stay on deletion. */
const t = (db: Db) => db as Kysely<GrowthTables>;

export const growthPersonalData = {
  async exportFor(db: Db, memberId: string) {
    return {
      member: (await t(db).selectFrom('growth_members').selectAll().where('member_id', '=', memberId).executeTakeFirst()) ?? null,
      pointLines: await t(db).selectFrom('growth_point_lines').selectAll().where('member_id', '=', memberId).orderBy('created_at').execute(),
      rewards: await t(db).selectFrom('growth_rewards').selectAll().where('member_id', '=', memberId).execute(),
      invitedBy: (await t(db).selectFrom('growth_invitees').selectAll().where('invitee_id', '=', memberId).executeTakeFirst()) ?? null,
    };
  },
};
