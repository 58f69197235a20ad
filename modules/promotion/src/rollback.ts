import { err, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';

/** Thrown inside a transaction to undo its writes and come out as an expected failure. */
export class Rollback extends Error {
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** A transaction whose expected failures, thrown as {@link Rollback} after partial writes, undo everything. */
export async function inRollbackableTransaction<T, C extends string>(db: Db, work: (tx: Db) => Promise<Result<T, C>>): Promise<Result<T, C>> {
  try {
    return await inTransaction(db, work);
  } catch (error) {
    if (error instanceof Rollback) return err(error.code as C, error.details);
    throw error;
  }
}
