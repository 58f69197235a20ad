import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { commonErrors, type ErrorCatalog } from '@linkmall/kernel';
import { isConnectionError, isStatementTimeout } from '@linkmall/db';
import { ApiFailure, renderError, type AppEnv } from '@linkmall/http';

/** Renders every failure as `{ error: { code, message, details } }` in the request's language. */
export function createErrorHandler(catalog: ErrorCatalog) {
  const respond = (c: Context<AppEnv>, code: string, details?: Record<string, unknown>) => {
    const { status, body } = renderError(catalog, code, c.var.ctx?.locale ?? 'zh-CN', details);
    return c.json(body, status as 400);
  };
  return {
    respond,
    onError(error: Error, c: Context<AppEnv>) {
      if (error instanceof ApiFailure) return respond(c, error.code, error.details);
      if (error instanceof HTTPException) {
        if (error.status === 413) return respond(c, 'payload_too_large');
        if (error.status === 400) return respond(c, 'malformed_json');
        if (error.status === 401) return respond(c, 'unauthenticated');
      }
      if (isConnectionError(error)) {
        c.var.log?.warn({ err: error }, 'database unreachable');
        return respond(c, 'service_unavailable');
      }
      // A statement past DATABASE_STATEMENT_TIMEOUT_MS was cancelled and its transaction rolled back:
      // nothing changed, so the caller may retry (a 5xx also frees its idempotency key).
      if (isStatementTimeout(error)) {
        c.var.log?.warn({ err: error, path: c.req.path }, 'statement timeout');
        return respond(c, 'service_unavailable');
      }
      c.var.log?.error({ err: error }, 'unhandled error');
      return respond(c, 'internal_error');
    },
  };
}

export function composeCatalog(...catalogs: ErrorCatalog[]): ErrorCatalog {
  const merged: Record<string, ErrorCatalog[string]> = { ...commonErrors };
  for (const catalog of catalogs) {
    for (const [code, definition] of Object.entries(catalog)) {
      if (merged[code] && merged[code] !== definition) throw new Error(`error code "${code}" is defined twice`);
      merged[code] = definition;
    }
  }
  return merged;
}
