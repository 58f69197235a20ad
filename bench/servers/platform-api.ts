import { serve } from '@hono/node-server';
import { createApp } from '../../apps/api/src/create-app.ts';
import { openBenchPlatform } from './bench-platform.ts';

// The platform's real HTTP stack (request context, security headers, error model) on a PostgreSQL
// server. As on a production server, the outbox worker is not in this process (platform-worker.ts).
const { database, platform } = await openBenchPlatform();
const app = createApp(platform);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));
process.on('SIGTERM', () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
