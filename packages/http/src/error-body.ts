import { z } from '@hono/zod-openapi';
import { interpolate, type ErrorCatalog, type Locale } from '@linkmall/kernel';

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: '请求参数不正确' }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Builds the error model for a code from the composed catalog, in the request's language. */
export function renderError(
  catalog: ErrorCatalog,
  code: string,
  locale: Locale,
  details?: Record<string, unknown>,
): { status: number; body: ErrorBody } {
  const definition = catalog[code];
  if (!definition) throw new Error(`Unknown error code "${code}": add it to a module's error catalog`);
  return {
    status: definition.status,
    body: {
      error: {
        code,
        message: interpolate(definition[locale], details ?? {}),
        ...(details && Object.keys(details).length > 0 ? { details } : {}),
      },
    },
  };
}
