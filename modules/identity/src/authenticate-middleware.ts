import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '@linkmall/http';
import type { AuthService, Surface } from './auth-service.ts';
import { canUseConsole } from './domain/roles.ts';

/**
 * Resolves `Authorization: Bearer <token>` into the context's actor; routes decide whether one is
 * required. On the console surface a consumer's token is ignored, so consumers are never "signed in" there.
 */
export function authenticateRequests(auth: AuthService, surface: Surface): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      const ctx = c.var.ctx;
      const actor = await auth.authenticate(token, ctx.clock.now());
      if (actor && (surface === 'shop' || canUseConsole(actor.roles))) c.set('ctx', { ...ctx, actor });
    }
    await next();
  };
}
