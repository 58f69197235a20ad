import type { RequestContext } from '@linkmall/kernel';

/** The minimal logger a route needs; the API wires pino behind it. */
export interface RequestLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** Variables every request carries through the Hono context. */
export type AppEnv = {
  Variables: {
    ctx: RequestContext;
    log: RequestLogger;
  };
};
