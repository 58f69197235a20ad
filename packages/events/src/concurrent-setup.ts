/**
 * Setup statements that several processes may run at the same moment (two workers starting on a fresh
 * deployment both create pg-boss's queues and schedules): PostgreSQL then answers one of them with a
 * deadlock or a unique violation although the other did the same work. Such a statement is retried
 * a few times after a short random pause; any other error is thrown at once.
 */
const RACE_CODES = new Set(['40P01', '40001', '23505']);

export async function retryConcurrentSetup<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RACE_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
