import type { Err, Result } from '@linkmall/kernel';

/**
 * An expected failure on its way out of a handler. Services return `Result`s; the HTTP edge turns a
 * failed one into this, and the app's error handler renders the error model with a localized message.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'ApiFailure';
  }
}

/** Returns the value of a successful result, or throws it as an `ApiFailure` for the error handler. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw failureOf(result);
}

export function failureOf(result: Err): ApiFailure {
  return new ApiFailure(result.code, result.details);
}
