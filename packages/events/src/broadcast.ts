import { randomBytes } from 'node:crypto';
import type { Logger } from './logger.ts';

/**
 * Fire-and-forget messages to every process of one deployment (live radar events, cache
 * invalidations). Delivery is best effort: a process that is reconnecting misses what was sent
 * meanwhile, so nothing that must not be lost goes through here — that is the outbox's job.
 */
export interface Broadcast {
  /** Sends to every subscriber of `channel` in every process, this one included (synchronously here). */
  publish(channel: string, payload: unknown): Promise<void>;
  /** Returns the unsubscribe function. Handlers get the payload as it was published (JSON round-trip elsewhere). */
  subscribe(channel: string, handler: (payload: unknown) => void): () => void;
  /** Which transport carries it, for logs and /readyz. */
  readonly kind: 'in-process' | 'postgres' | 'redis';
  close(): Promise<void>;
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the envelope must stay below that. */
export const MAX_BROADCAST_BYTES = 7_900;

export class BroadcastPayloadTooLarge extends Error {
  constructor(channel: string, bytes: number) {
    super(`broadcast on ${channel} is ${bytes} bytes; the limit is ${MAX_BROADCAST_BYTES} (send an id and let receivers fetch)`);
  }
}

const CHANNEL_PATTERN = /^[a-z][a-z0-9_.:-]{0,62}$/;

/** What travels between processes: the logical channel, the sending process and the payload. */
export interface BroadcastEnvelope {
  readonly c: string;
  readonly o: string;
  readonly p: unknown;
}

/**
 * The local half every transport shares: handlers by channel, run at once for this process's own
 * messages, and for other processes' messages when the transport hands them in. Echoes of our own
 * messages (PostgreSQL and Redis deliver to the sender too) are dropped by origin id.
 */
export function createLocalFanOut(logger?: Logger) {
  const origin = randomBytes(8).toString('hex');
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const deliver = (channel: string, payload: unknown) => {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        // One broken handler (a closed stream) must not keep the message from the others.
        logger?.warn({ channel, error: String(error) }, 'broadcast handler failed');
      }
    }
  };
  return {
    origin,
    /** Checks the channel and the size, delivers locally, and returns the encoded envelope for the wire. */
    encode(channel: string, payload: unknown): string {
      if (!CHANNEL_PATTERN.test(channel)) throw new Error(`broadcast channel "${channel}" must match ${CHANNEL_PATTERN}`);
      const text = JSON.stringify({ c: channel, o: origin, p: payload } satisfies BroadcastEnvelope);
      const bytes = Buffer.byteLength(text);
      if (bytes > MAX_BROADCAST_BYTES) throw new BroadcastPayloadTooLarge(channel, bytes);
      deliver(channel, payload);
      return text;
    },
    /** A message from the wire: delivered unless it is our own echo or not an envelope. */
    receive(text: string): void {
      let envelope: BroadcastEnvelope;
      try {
        envelope = JSON.parse(text) as BroadcastEnvelope;
      } catch {
        return;
      }
      if (!envelope || typeof envelope.c !== 'string' || envelope.o === origin) return;
      deliver(envelope.c, envelope.p);
    },
    subscribe(channel: string, handler: (payload: unknown) => void): () => void {
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) handlers.delete(channel);
      };
    },
  };
}

/** One process only: embedded PGlite (one process per data folder), tests and scripts. */
export function createInProcessBroadcast(): Broadcast {
  const local = createLocalFanOut();
  return {
    kind: 'in-process',
    async publish(channel, payload) {
      local.encode(channel, payload);
    },
    subscribe: local.subscribe,
    async close() {},
  };
}

/** Backoff of reconnects: 250 ms doubling to 10 s, with up to 20 % jitter so processes do not reconnect in step. */
export function reconnectDelayMs(attempt: number): number {
  const base = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
  return Math.round(base * (1 + Math.random() * 0.2));
}
