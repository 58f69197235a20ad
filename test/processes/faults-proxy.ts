import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the processes and PostgreSQL that the test can cut: `cut()` destroys every
 * open connection and stops listening (new connections are refused, as when the database host is
 * gone); `restore()` listens on the same port again.
 */
export interface CuttableProxy {
  readonly port: number;
  /** The database URL with host and port replaced by the proxy's. */
  readonly url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startCuttableProxy(databaseUrl: string): Promise<CuttableProxy> {
  const target = new URL(databaseUrl);
  const targetPort = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const created = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: targetPort });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          // A destroyed peer is the point of the exercise, not a test failure.
          socket.on('error', () => {});
          socket.on('close', () => {
            sockets.delete(socket);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => {
        server = created;
        const address = created.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = undefined;
      if (!current) return resolve();
      current.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  const port = await listen(0);
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    port,
    url: url.toString(),
    cut: stopListening,
    restore: async () => {
      if (!server) await listen(port);
    },
    close: stopListening,
  };
}
