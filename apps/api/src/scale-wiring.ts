import { openReadReplica, type Database } from '@linkmall/db';
import {
  createInProcessBroadcast,
  createInProcessLimits,
  createPostgresBroadcast,
  createPostgresLimits,
  createRedisBroadcast,
  createRedisLimits,
  openRedis,
  type Broadcast,
  type Logger,
  type SharedLimits,
} from '@linkmall/events';
import type { PlatformConfig } from './config.ts';

/** What lets several API and worker processes act as one: the broadcast, shared limits and the read replica. */
export interface ScaleOut {
  readonly broadcast: Broadcast;
  readonly limits: SharedLimits;
  /** The replica's handle when DATABASE_REPLICA_URL is set; otherwise reads go to the primary. */
  readonly replica?: Database;
  close(): Promise<void>;
}

/**
 * Keys and channels of one deployment in a shared Redis: named after the primary database, so two
 * deployments (or two test databases) on one Redis never hear each other.
 */
export function redisKeyPrefix(config: Pick<PlatformConfig, 'database'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.REDIS_KEY_PREFIX) return env.REDIS_KEY_PREFIX;
  const name = config.database.driver === 'postgres' ? new URL(config.database.url).pathname.replace(/^\//, '') || 'default' : 'embedded';
  return `linkmall:${name}:`;
}

/**
 * Embedded PGlite: one process, so everything stays in memory. A server: LISTEN/NOTIFY and tables in
 * PostgreSQL. REDIS_URL: pub/sub and counters in Redis (lighter on the primary under heavy traffic).
 */
export async function openScaleOut(config: Pick<PlatformConfig, 'database' | 'replica' | 'redisUrl'>, database: Database, logger: Logger): Promise<ScaleOut> {
  const handles = await openReadReplica(config.replica, database);
  const replica = handles.reads === database ? undefined : handles.reads;
  const closeReplica = async () => {
    await replica?.close();
  };
  if (config.redisUrl) {
    const keyPrefix = redisKeyPrefix(config);
    const broadcast = await createRedisBroadcast({ url: config.redisUrl, keyPrefix, logger });
    const redis = openRedis(config.redisUrl, logger, 'limits');
    await redis.connect();
    logger.info({ broadcast: 'redis', limits: 'redis', replica: Boolean(replica) }, 'scale-out: shared state in Redis');
    return {
      broadcast,
      limits: createRedisLimits(redis, keyPrefix),
      ...(replica ? { replica } : {}),
      close: async () => {
        await broadcast.close();
        redis.disconnect();
        await closeReplica();
      },
    };
  }
  if (config.database.driver === 'postgres') {
    const broadcast = await createPostgresBroadcast({ url: config.database.url, executeSql: database.executeSql, logger });
    return {
      broadcast,
      limits: createPostgresLimits(database.db),
      ...(replica ? { replica } : {}),
      close: async () => {
        await broadcast.close();
        await closeReplica();
      },
    };
  }
  return { broadcast: createInProcessBroadcast(), limits: createInProcessLimits(), close: closeReplica };
}
