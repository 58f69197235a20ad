/**
 * The logging the worker needs, shaped like pino's `(details, message)` so a pino logger can be
 * passed as is, while this package stays free of a logging dependency.
 */
export interface Logger {
  debug(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
  /** pino's level check; a logger without it is taken to discard debug output. */
  isLevelEnabled?(level: 'debug' | 'info' | 'warn' | 'error'): boolean;
}

const ignore = (): void => {};

export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** Warnings and errors to stderr; the default when a caller passes no logger, so failures are never silent. */
export const warningsToConsoleLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

/** Error text for logs and the `last_error` column: the stack when there is one, bounded in length. */
export function describeError(error: unknown, maxLength = 4_000): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
