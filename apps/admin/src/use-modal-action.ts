import { useState } from 'react';
import { ApiError } from './api';

/**
 * A modal's one server action: tracks submitting, keeps the server's error in the modal, and on a
 * 404 or 409 (the row changed meanwhile) calls `onStale` so the list behind the modal refreshes.
 */
export function useModalAction(onStale?: () => void) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run<T>(action: () => Promise<T>, onDone: (value: T) => void): Promise<void> {
    setSubmitting(true);
    setError(null);
    try {
      onDone(await action());
    } catch (cause) {
      const apiError = cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause));
      setError(apiError);
      if (apiError.status === 409 || apiError.status === 404) onStale?.();
    } finally {
      setSubmitting(false);
    }
  }

  return { submitting, error, run };
}
