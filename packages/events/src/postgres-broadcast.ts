import pg from 'pg';
import { createLocalFanOut, reconnectDelayMs, type Broadcast } from './broadcast.ts';
import { describeError, silentLogger, type Logger } from './logger.ts';

/** The one PostgreSQL channel every logical channel travels on; NOTIFY is scoped to the database. */
const PG_CHANNEL = 'linkmall_broadcast';

export interface PostgresBroadcastOptions {
  readonly url: string;
  /** Runs `select pg_notify(...)` on the process's pool, so publishing never waits for the listener. */
  readonly executeSql: (text: string, values?: unknown[]) => Promise<unknown>;
  readonly logger?: Logger;
  readonly applicationName?: string;
}

/**
 * LISTEN/NOTIFY: one dedicated client per process listens (a pooled connection cannot, it goes back
 * to the pool); publishes go through the pool. When the listening connection drops, it reconnects
 * with backoff and listens again; messages sent while it was down are missed (best effort by design).
 */
export async function createPostgresBroadcast(options: PostgresBroadcastOptions): Promise<Broadcast> {
  const logger = options.logger ?? silentLogger;
  const local = createLocalFanOut(logger);
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delayMs = reconnectDelayMs(attempt++);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delayMs);
    retryTimer.unref();
  };

  async function connect(): Promise<boolean> {
    const next = new pg.Client({ connectionString: options.url, application_name: options.applicationName ?? 'linkmall-broadcast' });
    let dropped = false;
    const onDrop = (error?: Error) => {
      if (dropped) return;
      dropped = true;
      if (client === next) client = null;
      if (!closed) logger.warn({ error: error ? describeError(error, 300) : 'connection ended' }, 'broadcast: listener connection lost, reconnecting');
      void next.end().catch(() => {});
      scheduleReconnect();
    };
    next.on('error', onDrop);
    next.on('end', () => onDrop());
    next.on('notification', (message) => {
      if (message.channel === PG_CHANNEL && message.payload) local.receive(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${PG_CHANNEL}`);
      if (closed) {
        await next.end();
        return false;
      }
      client = next;
      if (attempt > 0) logger.info({ attempts: attempt }, 'broadcast: listening again');
      attempt = 0;
      return true;
    } catch (error) {
      onDrop(error as Error);
      return false;
    }
  }

  // The first connection is awaited so a process starts hearing others before it serves; a failure
  // here is not fatal (the database may be restarting), the reconnect loop keeps trying.
  await connect();

  return {
    kind: 'postgres',
    async publish(channel, payload) {
      const text = local.encode(channel, payload);
      await options.executeSql('select pg_notify($1, $2)', [PG_CHANNEL, text]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
