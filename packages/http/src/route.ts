import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ApiFailure } from './api-failure.ts';
import type { AppEnv } from './app-env.ts';
import { ErrorBodySchema } from './error-body.ts';

/**
 * Who may call a route. Every route states it, and the value is published in the OpenAPI document
 * as `x-access`, so the permission-matrix test is generated from the real route table.
 */
export type RouteAccess =
  | { readonly kind: 'public' }
  /** A partner call on /open/*, checked by the surface's signature middleware rather than a session. */
  | { readonly kind: 'signed' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'permission'; readonly permission: string };

export const publicAccess: RouteAccess = { kind: 'public' };
export const signedByPartner: RouteAccess = { kind: 'signed' };
export const authenticated: RouteAccess = { kind: 'authenticated' };
export const requires = (permission: string): RouteAccess => ({ kind: 'permission', permission });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBodySchema } },
});

/** Rejects the request unless the actor is signed in and, where asked, holds the permission. */
export function guard(access: RouteAccess): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.kind === 'authenticated' || access.kind === 'permission') {
      const actor = c.var.ctx.actor;
      if (!actor) throw new ApiFailure('unauthenticated');
      if (access.kind === 'permission' && !actor.permissions.has(access.permission)) throw new ApiFailure('forbidden');
    }
    await next();
  };
}

type DefinedRoute<R extends RouteConfig> = R & { 'x-access': RouteAccess };

/**
 * `createRoute` plus the access rule: installs the guard, documents the rule and the error responses
 * (400/401/403/404/409/429) that every route can produce.
 */
export function defineRoute<const R extends Omit<RouteConfig, 'middleware'>>(
  access: RouteAccess,
  route: R,
): DefinedRoute<R & { middleware: MiddlewareHandler<AppEnv>[] }> {
  const secured =
    access.kind === 'public' ? {} : access.kind === 'signed' ? { security: [{ partnerSignature: [] }] } : { security: [{ bearerAuth: [] }] };
  return createRoute({
    ...secured,
    ...route,
    middleware: [guard(access)],
    'x-access': access,
    responses: {
      400: errorResponse('Invalid input (validation_failed, malformed_json)'),
      ...(access.kind === 'public' ? {} : { 401: errorResponse('Not signed in, session expired, or bad signature') }),
      ...(access.kind === 'permission' ? { 403: errorResponse('Missing permission') } : {}),
      404: errorResponse('Not found, or outside the data scope of the caller'),
      409: errorResponse('Conflict with the current state'),
      429: errorResponse('Rate limited'),
      ...route.responses,
    },
  } as R & { middleware: MiddlewareHandler<AppEnv>[]; 'x-access': RouteAccess }) as never;
}
