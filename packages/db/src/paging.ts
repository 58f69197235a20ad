import type { SelectQueryBuilder } from 'kysely';

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

/** LIMIT/OFFSET for a 1-based page. */
export function pageWindow(page: PageRequest): { limit: number; offset: number } {
  return { limit: page.pageSize, offset: (page.page - 1) * page.pageSize };
}

/** `count(*)` of a filtered query (its selections and ordering are dropped). */
export async function countRows<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  const row = (await query
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll<bigint>().as('total'))
    .executeTakeFirstOrThrow()) as { total: bigint | number | string };
  return Number(row.total);
}
