/** How a failing delivery is retried: exponential backoff from `baseDelayMs`, capped at `maxDelayMs`. */
export interface RetryPolicy {
  /** Attempts in all, the first one included; the delivery is marked dead after the last one fails. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * 5 s, 10 s, 20 s … capped at one hour, twelve attempts: about 2.6 hours from the first failure to
 * `dead`, long enough to ride out a provider outage or a deploy, short enough that someone notices.
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 12, baseDelayMs: 5_000, maxDelayMs: 3_600_000 };

export function resolveRetryPolicy(...overrides: (Partial<RetryPolicy> | undefined)[]): RetryPolicy {
  const policy = Object.assign({}, defaultRetryPolicy, ...overrides.map(withoutUndefined)) as RetryPolicy;
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new Error('maxAttempts must be an integer ≥ 1');
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs)) {
    throw new Error('retry delays must satisfy 0 ≤ baseDelayMs ≤ maxDelayMs');
  }
  return policy;
}

/** The wait before the next attempt, given how many attempts have failed so far (1 after the first failure). */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  // Math.min before the power would overflow: 2 ** 1100 is Infinity, which min() still caps correctly.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

function withoutUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
