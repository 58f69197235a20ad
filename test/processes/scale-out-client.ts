import { SANDBOX_DEFAULT_MERCHANT_ID, signSandboxNotification } from '@linkmall/provider-sandbox-payment';

/**
 * The client side of the scale-out test: JSON calls that count which API process they went to, an
 * SSE reader over fetch, and the shop steps (log in, check out, pay through the sandbox notify).
 */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** Requests sent per API base URL, for the summary line. */
export const sent = new Map<string, number>();

export async function call(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; idempotencyKey?: string } = {}): Promise<Answer> {
  sent.set(baseUrl, (sent.get(baseUrl) ?? 0) + 1);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.rawBody !== undefined ? { body: options.rawBody } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // a provider acknowledgement may be plain text
  }
  return { status: response.status, body };
}

export async function login(baseUrl: string, surface: 'admin' | 'shop', phone: string): Promise<string> {
  const answer = await call(baseUrl, 'POST', `/${surface}/auth/login`, { body: { phone, password: 'demo1234' } });
  if (answer.status !== 200) throw new Error(`login ${phone} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

export interface SseMessage {
  readonly event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly data: any;
}

/** Reads server-sent events from a fetch response; `next` waits for the first message that matches. */
export async function openSse(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = '';
  let ended = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) messages.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
    }
  })();
  return {
    messages,
    async next(matches: (message: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage | null> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(matches);
        if (found || ended || Date.now() > deadline) return found ?? null;
        await sleep(50);
      }
    },
    close: () => controller.abort(),
  };
}

const address = (key: string) => ({ recipientName: '扩容测试', phone: '13500009999', province: '上海市', city: '上海市', district: '黄浦区', detail: `扩容路 ${key}` });

export async function checkout(baseUrl: string, token: string, skuId: string, key: string): Promise<Answer> {
  return call(baseUrl, 'POST', '/shop/orders', {
    token,
    idempotencyKey: `${key}-checkout`,
    body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address(key) },
  });
}

/**
 * Starts the payment on one API and delivers the provider's signed notification to another, then
 * replays the very same notification to the first: a provider retry that lands on a different
 * process must still settle the payment once.
 */
export async function pay(startOn: string, notifyOn: string, replayOn: string, token: string, orderId: string, secret: string): Promise<{ paymentId: string; acknowledged: boolean }> {
  const started = await call(startOn, 'POST', `/shop/orders/${orderId}/pay`, { token, idempotencyKey: `${orderId}-pay` });
  if (started.status !== 200) throw new Error(`pay ${orderId} answered ${started.status}: ${JSON.stringify(started.body)}`);
  const now = new Date();
  const signed = signSandboxNotification({
    secret,
    now,
    notification: { kind: 'payment', paymentId: started.body.paymentId, providerTransactionId: `scale-${started.body.paymentId}`, amountFen: BigInt(started.body.amountFen), merchantId: SANDBOX_DEFAULT_MERCHANT_ID, succeeded: true, paidAt: now },
  });
  const notified = await call(notifyOn, 'POST', '/open/payments/sandbox/notify', { rawBody: signed.body, headers: signed.headers });
  const replayed = await call(replayOn, 'POST', '/open/payments/sandbox/notify', { rawBody: signed.body, headers: signed.headers });
  return { paymentId: started.body.paymentId, acknowledged: notified.status === 200 && replayed.status === 200 };
}

export async function trackView(baseUrl: string, cardId: string, visitorId: string): Promise<number> {
  const at = new Date().toISOString();
  return (await call(baseUrl, 'POST', '/t/events', { body: { visitorId, cardId, events: [{ kind: 'view', at }, { kind: 'dwell', at, seconds: 3 }] } })).status;
}

/** `job finished` lines of a worker's pino output: which scheduled job ran, with pg-boss's job id and when. */
export function finishedJobs(output: string): { job: string; jobId: string; timeMs: number }[] {
  const runs: { job: string; jobId: string; timeMs: number }[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"job finished"')) continue;
    try {
      const entry = JSON.parse(line) as { job: string; jobId: string; time: number };
      runs.push({ job: entry.job, jobId: entry.jobId, timeMs: entry.time });
    } catch {
      // not a log line
    }
  }
  return runs;
}
