/** True when PostgreSQL rejected a write for a unique constraint (SQLSTATE 23505), optionally a named one. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = findPgError(error);
  return cause?.code === '23505' && (constraint === undefined || cause.constraint === constraint);
}

/** True when PostgreSQL rejected a write for a reference to a row that does not exist (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return findPgError(error)?.code === '23503';
}

/** True when the failure is the database being unreachable rather than a bad statement. */
export function isConnectionError(error: unknown): boolean {
  const cause = findPgError(error);
  const code = cause?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003'].includes(
      code,
    ) ||
    // 'not queryable': pg's answer on a pooled client whose connection already broke (inside a transaction).
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable/i.test(String(cause?.message ?? ''))
  );
}

/** True when the server cancelled a statement for running past `statement_timeout` (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  return findPgError(error)?.code === '57014';
}

function findPgError(error: unknown): { code?: string; constraint?: string; message?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as { code?: string; constraint?: string; message?: string; cause?: unknown };
    if (typeof candidate.code === 'string') return candidate;
    current = candidate.cause;
  }
  return (error as { message?: string }) ?? undefined;
}
