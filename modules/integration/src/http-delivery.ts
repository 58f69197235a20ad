import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, isPrivateAddress } from './domain/network-policy.ts';

export interface PostOutcome {
  /** The receiver's status code, or null when no answer came (refused, timed out, unreachable). */
  readonly statusCode: number | null;
  /** The first characters of the answer, for the delivery log. */
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface PostOptions {
  readonly timeoutMs: number;
  readonly allowPrivateNetworks: boolean;
}

const EXCERPT_BYTES = 1024;

/**
 * Resolves like the default lookup, then refuses the connection when any resolved address is
 * private. The socket connects to exactly the addresses checked here, so a DNS answer that changes
 * between a check and the connection (DNS rebinding) cannot slip through.
 */
function guardedLookup(allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivateNetworks && addresses.some((entry) => isPrivateAddress(entry.address))) {
        return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a JSON body with a hard deadline over the whole exchange. Redirects are not followed (a 3xx
 * counts as a failure), and only the first kilobyte of the answer is read.
 */
export function postJson(urlText: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostOutcome> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const checked = checkWebhookUrl(urlText, options.allowPrivateNetworks);
  if (!checked.ok) return Promise.resolve({ statusCode: null, responseExcerpt: null, error: checked.code === 'webhook_url_private' ? 'refused: private address' : 'invalid URL', durationMs: 0 });
  const url = checked.url;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const request = send(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(options.allowPrivateNetworks),
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'LinkMall-Webhooks/1.0' },
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let received = 0;
        const done = () => finish({ statusCode: response.statusCode ?? null, responseExcerpt: Buffer.concat(chunks).toString('utf8').slice(0, 500) || null, error: null });
        response.on('data', (chunk: Buffer) => {
          if (received >= EXCERPT_BYTES) return;
          chunks.push(chunk.subarray(0, EXCERPT_BYTES - received));
          received += chunk.length;
          // Enough for the log: stop reading a large answer rather than wait for all of it.
          if (received >= EXCERPT_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, responseExcerpt: null, error: `timed out after ${options.timeoutMs} ms` });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ statusCode: null, responseExcerpt: null, error: (error.message || error.code || 'request failed').slice(0, 300) }));
    request.end(body);
  });
}
