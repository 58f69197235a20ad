import { describeError, type Logger, type OutboxDispatcher } from '@linkmall/events';

/** After repeated failures (the database is down), wait at most this long between tries. */
const MAX_ERROR_BACKOFF_MS = 30_000;

/**
 * Runs dispatcher passes back to back while there is work, then every `pollIntervalMs`. Polling is
 * the whole wake-up mechanism: the outbox is already a durable queue, and an idle poll is two
 * small indexed queries.
 */
export class DispatchLoop {
  readonly #abort = new AbortController();
  #running: Promise<void> | undefined;
  #wakeRequested = false;
  #interruptSleep: (() => void) | undefined;
  #consecutiveFailures = 0;

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly pollIntervalMs: number,
    private readonly logger: Logger,
  ) {
    if (!(pollIntervalMs > 0)) throw new Error('pollIntervalMs must be positive');
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Runs a pass now instead of at the next poll, e.g. right after a request published events. */
  wake(): void {
    this.#wakeRequested = true;
    this.#interruptSleep?.();
  }

  /** Lets the transaction in progress commit, claims nothing more, and resolves once the loop has exited. */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#interruptSleep?.();
    await this.#running;
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      this.#wakeRequested = false;
      let waitMs = this.pollIntervalMs;
      try {
        const report = await this.dispatcher.runPass(signal);
        this.#consecutiveFailures = 0;
        if (report.eventsFannedOut + report.delivered + report.failed > 0) {
          this.logger.debug({ ...report }, 'outbox pass');
        }
        if (report.hasMoreWork) waitMs = 0;
      } catch (error) {
        this.#consecutiveFailures++;
        waitMs = Math.min(MAX_ERROR_BACKOFF_MS, this.pollIntervalMs * 2 ** this.#consecutiveFailures);
        this.logger.error({ error: describeError(error), retryInMs: waitMs }, 'outbox pass failed');
      }
      if (this.#wakeRequested) waitMs = 0;
      await this.#sleep(waitMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    // Even a zero wait goes through the timer queue, so a busy loop still lets I/O and stop() in.
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.#interruptSleep = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.#interruptSleep = undefined;
    });
  }
}
