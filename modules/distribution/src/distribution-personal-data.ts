import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { DistributionTables } from './distribution-tables.ts';

/**
 * A member's distribution membership and the reward lines paid to them, for the PIPL export. Nothing
 * here is rewritten on deletion: the engine's tables hold only ids and amounts, and the ledger they
 * feed must stay verifiable.
 */
const t = (db: Db) => db as Kysely<DistributionTables>;

export const distributionPersonalData = {
  async exportFor(db: Db, memberId: string) {
    return {
      membership: (await t(db).selectFrom('distribution_members').selectAll().where('member_id', '=', memberId).executeTakeFirst()) ?? null,
      rewardLines: await t(db).selectFrom('distribution_reward_lines').selectAll().where('payee_id', '=', memberId).orderBy('sequence').execute(),
    };
  },
};
