import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '@linkmall/kernel';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import type { LoginPolicy, WechatAuth } from '@linkmall/identity';
import { createApp } from '../src/create-app.ts';
import { createPlatform, inProcessPlatformOptions, type Platform, type PlatformOptions } from '../src/platform.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo-seed.ts';

export interface TestPlatform {
  readonly database: TestDatabase;
  readonly platform: Platform;
  readonly app: ReturnType<typeof createApp>;
  readonly piiKey: Buffer;
  request(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Response>;
  json<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T }>;
  login(phone: string, surface?: 'admin' | 'shop', password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestPlatform(
  options: { clock?: Clock; loginPolicy?: LoginPolicy; wechatAuth?: WechatAuth; seed?: boolean; openApiPartners?: Map<string, string>; sandboxSecret?: string; payment?: PlatformOptions['payment']; payouts?: PlatformOptions['payouts']; radar?: PlatformOptions['radar']; crm?: PlatformOptions['crm'] } = {},
): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const piiKey = randomBytes(32);
  const platform = createPlatform(
    database,
    inProcessPlatformOptions(piiKey, {
      clock: options.clock ?? systemClock,
      ...(options.loginPolicy ? { loginPolicy: options.loginPolicy } : {}),
      ...(options.wechatAuth ? { wechatAuth: options.wechatAuth } : {}),
      ...(options.sandboxSecret ? { payment: { provider: 'sandbox', sandboxSecret: options.sandboxSecret } } : {}),
      ...(options.payment ? { payment: options.payment } : {}),
      ...(options.payouts ? { payouts: options.payouts } : {}),
      ...(options.radar ? { radar: options.radar } : {}),
      ...(options.crm ? { crm: options.crm } : {}),
    }),
  );
  if (options.seed !== false) await seedDemo(platform);
  const app = createApp(platform, { openApiPartners: options.openApiPartners ?? new Map() });

  const request: TestPlatform['request'] = (method, path, { token, body, rawBody, headers } = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: {
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(rawBody !== undefined ? { body: rawBody } : body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
  const json: TestPlatform['json'] = async (method, path, opts) => {
    const response = await request(method, path, opts);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    database,
    platform,
    app,
    piiKey,
    request,
    json,
    async login(phone, surface = 'admin', password = DEMO_PASSWORD) {
      const { status, body } = await json('POST', `/${surface}/auth/login`, { body: { phone, password } });
      if (status !== 200) throw new Error(`login ${phone} failed: ${status} ${JSON.stringify(body)}`);
      return body.token as string;
    },
    close: () => database.destroy(),
  };
}

/** Row counts of every table, to prove a rejected request wrote nothing. */
export async function tableCounts(platform: TestPlatform): Promise<Record<string, number>> {
  const tables = await platform.database.executeSql(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows as { table_name: string }[]) {
    const result = await platform.database.executeSql(`select count(*)::int as n from "${table_name}"`, []);
    counts[table_name] = Number((result.rows[0] as { n: number }).n);
  }
  return counts;
}

export interface OpenApiOperation {
  method: string;
  path: string;
  access: { kind: string; permission?: string } | undefined;
  hasBody: boolean;
  pathParams: string[];
}

/** The generated OpenAPI document, as a client sees it. */
export async function openApiSpec(platform: TestPlatform): Promise<{ paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, any> } }> {
  return (await platform.json('GET', '/openapi.json')).body;
}

/** The route table, read from the generated OpenAPI document. */
export async function routeTable(platform: TestPlatform): Promise<OpenApiOperation[]> {
  const document = await openApiSpec(platform);
  const operations: OpenApiOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        access: operation['x-access'],
        hasBody: Boolean(operation.requestBody),
        pathParams: (operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name),
      });
    }
  }
  return operations;
}

/** A concrete URL for a templated path, with well-formed ids that exist nowhere. */
export function concretePath(operation: OpenApiOperation, ids: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (ids[name]) return ids[name];
    const prefix = /users/.test(operation.path) ? 'usr' : /stores/.test(operation.path) ? 'sto' : /products/.test(operation.path) ? 'prd' : 'xxx';
    return `${prefix}_00000000000000000000000000`;
  });
}
