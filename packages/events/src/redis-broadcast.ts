import { Redis } from 'ioredis';
import { createLocalFanOut, reconnectDelayMs, type Broadcast } from './broadcast.ts';
import { describeError, silentLogger, type Logger } from './logger.ts';

export interface RedisBroadcastOptions {
  readonly url: string;
  /**
   * Keys and channels of one deployment start with this (default `linkmall:`), so deployments (or test
   * databases) sharing one Redis never hear each other.
   */
  readonly keyPrefix: string;
  readonly logger?: Logger;
}

/** A Redis connection that retries with the same backoff as the PostgreSQL listener, and never gives up. */
export function openRedis(url: string, logger: Logger, role: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Commands fail fast while Redis is away instead of queueing without bound.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => reconnectDelayMs(times - 1),
  });
  let warned = false;
  redis.on('error', (error) => {
    if (warned) return;
    warned = true;
    logger.warn({ role, error: describeError(error, 300) }, 'redis: connection error, reconnecting');
  });
  redis.on('ready', () => {
    if (warned) logger.info({ role }, 'redis: connected again');
    warned = false;
  });
  return redis;
}

/**
 * Redis pub/sub: a subscriber connection (which can do nothing else once subscribed) and a publisher
 * connection. ioredis re-subscribes after a reconnect by itself.
 */
export async function createRedisBroadcast(options: RedisBroadcastOptions): Promise<Broadcast> {
  const logger = options.logger ?? silentLogger;
  const local = createLocalFanOut(logger);
  const channel = `${options.keyPrefix}broadcast`;
  const subscriber = openRedis(options.url, logger, 'broadcast-subscriber');
  const publisher = openRedis(options.url, logger, 'broadcast-publisher');
  subscriber.on('message', (from: string, text: string) => {
    if (from === channel) local.receive(text);
  });
  await Promise.all([subscriber.connect(), publisher.connect()]);
  await subscriber.subscribe(channel);
  return {
    kind: 'redis',
    async publish(name, payload) {
      await publisher.publish(channel, local.encode(name, payload));
    },
    subscribe: local.subscribe,
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

/** Whether a Redis server answers PING at `url` within a second: tests skip their Redis cases otherwise. */
export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
