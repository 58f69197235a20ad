import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { PayoutTables } from './payout-tables.ts';

/** Withdrawals and the verified identity in a member's PIPL export; what blocks deletion; the identity's tombstone. */
const t = (db: Db) => db as Kysely<PayoutTables>;
const FINISHED = ['paid', 'failed', 'rejected'] as const;

export const payoutPersonalData = {
  async exportFor(db: Db, pii: PiiCipher, memberId: string) {
    const withdrawals = await t(db).selectFrom('payout_withdrawals').selectAll().where('member_id', '=', memberId).orderBy('requested_at').execute();
    const identity = await t(db).selectFrom('payout_identities').selectAll().where('user_id', '=', memberId).executeTakeFirst();
    return {
      withdrawals: withdrawals.map(({ bank_account_cipher, ...row }) => ({ ...row, bank_account: bank_account_cipher ? pii.decrypt(bank_account_cipher) : null })),
      identity: identity ? { real_name: identity.real_name, id_number: pii.decrypt(identity.id_number_cipher), verified_at: identity.verified_at } : null,
    };
  },

  async pendingWithdrawals(db: Db, memberId: string): Promise<number> {
    const row = await t(db)
      .selectFrom('payout_withdrawals')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('member_id', '=', memberId)
      .where('status', 'not in', [...FINISHED])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  /** The real-name identity goes; withdrawals keep amounts and the masked account for the books. */
  async anonymise(tx: Db, pii: PiiCipher, memberId: string): Promise<{ identities: number }> {
    const result = await t(tx)
      .updateTable('payout_identities')
      .set({ real_name: '已注销', id_number_cipher: 'erased', id_number_hash: `erased:${memberId}`, id_number_masked: '******' })
      .where('user_id', '=', memberId)
      .executeTakeFirst();
    // A bank withdrawal must keep an account (a check constraint); it keeps an encrypted tombstone instead.
    await t(tx).updateTable('payout_withdrawals').set({ device_id: null }).where('member_id', '=', memberId).execute();
    await t(tx).updateTable('payout_withdrawals').set({ bank_account_cipher: pii.encrypt('已注销') }).where('member_id', '=', memberId).where('bank_account_cipher', 'is not', null).execute();
    return { identities: Number(result.numUpdatedRows) };
  },
};
