/** Expected failures are values: a service returns `ok(value)` or `err(code, details)`; bugs throw. */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  readonly details?: Record<string, unknown>;
};
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends string>(code: C, details?: Record<string, unknown>): Err<C> =>
  details === undefined ? { ok: false, code } : { ok: false, code, details };
