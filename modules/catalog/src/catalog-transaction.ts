import { inTransaction, type Db } from '@linkmall/db';
import type { Err, Result } from '@linkmall/kernel';

class Rollback extends Error {
  constructor(readonly result: Err) {
    super(`rolled back: ${result.code}`);
  }
}

/**
 * A transaction whose failed result rolls everything back: a service may find a problem after it has
 * begun writing (a code taken meanwhile, say) and still leave nothing half-applied.
 * Use it at the outermost level; nested in another transaction it would only undo the caller's view.
 */
export async function transact<T, C extends string>(db: Db, work: (tx: Db) => Promise<Result<T, C>>): Promise<Result<T, C>> {
  try {
    return await inTransaction(db, async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result as Err<C>;
    throw error;
  }
}

/** SQLSTATE of a database error, looking through wrappers. */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isForeignKeyViolation = (error: unknown) => sqlStateOf(error) === '23503';
