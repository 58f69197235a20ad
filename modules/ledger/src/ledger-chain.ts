import { err, ok, type Result } from '@linkmall/kernel';
import { inTransaction, sql, type Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import { isValidMemberId, MEMBER_ACCOUNT_KINDS, memberAccountId } from './domain/accounts.ts';
import { extendChain, GENESIS_HASH, toTransferRecord, type ChainPoint, type LedgerProof, type ProofRecord } from './domain/chain.ts';
import type { LedgerErrorCode } from './ledger-errors.ts';
import { ledgerStore as store, toTransfer } from './ledger-store.ts';
import type { LedgerTables } from './ledger-tables.ts';

const t = (db: Db) => db as Kysely<LedgerTables>;

/** One sealer at a time across every process; payments never take this lock. */
const SEAL_LOCK_KEY = 7_301_012;

export interface SealOutcome {
  readonly sealed: number;
  /** The chain head after sealing, or null while the chain is empty. */
  readonly head: ChainPoint | null;
}

/**
 * Appends up to `limit` waiting transfers to the chain, in sequence order. Transfers get their
 * sequence at insert but may commit out of that order; the queue only shows committed ones, so a
 * late committer is simply sealed by a later run, at a later position. Payments only insert into the
 * queue; the ordering work, and its lock, belong to this job alone.
 */
export async function seal(db: Db, options: { limit?: number; now?: Date } = {}): Promise<SealOutcome> {
  const limit = options.limit ?? 1000;
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`.execute(tx);
    const head = (await store.chainHead(tx)) ?? { position: 0n, hash: GENESIS_HASH };
    const links = extendChain(head, await store.unsealed(tx, limit));
    await store.appendChain(tx, links, options.now ?? new Date());
    const last = links.at(-1) ?? (head.position === 0n ? null : head);
    return { sealed: links.length, head: last ? { position: last.position.toString(), hash: last.hash } : null };
  });
}

/** Seals until nothing waits (tests, the simulator, and the verify command use it). */
export async function sealAll(db: Db, options: { now?: Date } = {}): Promise<SealOutcome> {
  let total = 0;
  for (;;) {
    const outcome = await seal(db, { limit: 1000, ...options });
    total += outcome.sealed;
    if (outcome.sealed < 1000) return { sealed: total, head: outcome.head };
  }
}

export async function chainHead(db: Db): Promise<ChainPoint> {
  const head = await store.chainHead(db);
  return head ? { position: head.position.toString(), hash: head.hash } : { position: '0', hash: GENESIS_HASH };
}

/** Above this many positions, a client asks for its proof in steps from a position it already verified. */
export const MAX_PROOF_RECORDS = 100_000;

/**
 * A member's sealed lines with the links that bind them to the current head (see LedgerProof).
 * `fromPosition` anchors the proof at a position the client has verified before; by default it starts
 * just before the member's first sealed line.
 */
export async function proofFor(db: Db, memberId: string, options: { fromPosition?: bigint } = {}): Promise<Result<LedgerProof, LedgerErrorCode>> {
  if (!isValidMemberId(memberId)) return err('member_id_invalid');
  const accountIds = MEMBER_ACCOUNT_KINDS.map((kind) => memberAccountId(memberId, kind));
  const head = (await store.chainHead(db)) ?? { position: 0n, hash: GENESIS_HASH };
  const from = options.fromPosition !== undefined && options.fromPosition >= 0n ? (options.fromPosition > head.position ? head.position : options.fromPosition) : null;
  const memberPositions = await t(db)
    .selectFrom('ledger_entries')
    .innerJoin('ledger_chain', 'ledger_chain.transfer_id', 'ledger_entries.transfer_id')
    .select('ledger_chain.position')
    .distinct()
    .where('ledger_entries.account_id', 'in', accountIds)
    .where('ledger_chain.position', '>', from ?? 0n)
    .orderBy('ledger_chain.position')
    .execute();
  const first = memberPositions[0] ? BigInt(memberPositions[0].position) : null;
  const anchorPosition = from ?? (first === null ? head.position : first - 1n);
  if (head.position - anchorPosition > BigInt(MAX_PROOF_RECORDS)) return err('proof_range_too_large', { maxRecords: MAX_PROOF_RECORDS });
  const anchorHash = anchorPosition === 0n ? GENESIS_HASH : (await store.chainPoint(db, anchorPosition))!.hash;

  const own = new Set(memberPositions.map((row) => BigInt(row.position)));
  const links = await t(db)
    .selectFrom('ledger_chain')
    .select(['position', 'digest', 'hash', 'transfer_id'])
    .where('position', '>', anchorPosition)
    .where('position', '<=', head.position)
    .orderBy('position')
    .execute();
  const ownTransferIds = links.filter((link) => own.has(BigInt(link.position))).map((link) => link.transfer_id);
  const transfers = new Map(
    ownTransferIds.length === 0
      ? []
      : (await t(db).selectFrom('ledger_transfers').selectAll().where('id', 'in', ownTransferIds).execute()).map((row) => [row.id, toTransfer(row)] as const),
  );
  const records: ProofRecord[] = links.map((link) => {
    const position = BigInt(link.position).toString();
    const transfer = own.has(BigInt(link.position)) ? transfers.get(link.transfer_id) : undefined;
    return transfer ? { position, transfer: toTransferRecord(transfer), hash: link.hash } : { position, digest: link.digest };
  });
  return ok({
    version: 1,
    memberId,
    anchor: { position: anchorPosition.toString(), hash: anchorHash },
    head: { position: head.position.toString(), hash: head.hash },
    records,
  });
}
