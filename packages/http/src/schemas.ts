import { z } from '@hono/zod-openapi';

/** `?page=&pageSize=`: pages start at 1; at most 100 rows per page so no request can ask for everything. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .openapi(name);
}

/** A path id such as `usr_01jd…`: the prefix is checked so a wrong kind of id is a 404, not a query. */
export function idParam(prefix: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`))
    .openapi({ param: { in: 'path', required: true }, example: `${prefix}_01jd3x7k9q2w8e5r4t6y1u3i0o` });
}

/** Mainland China mobile numbers: 11 digits starting with 1[3-9]; spaces, dashes and +86 are tolerated. */
export const PhoneSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/))
  .openapi({ type: 'string', example: '13800000001' });

/** Integer fen in JSON: a safe integer, never a float. */
export const FenSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ example: 1990 });

export const IsoDateTimeSchema = z.string().openapi({ format: 'date-time', example: '2026-11-22T08:00:00.000Z' });

/** An OpenAPI response with a JSON body. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
