/** The Kuaidi100 (快递100) real-time query account: 公司编号 `customer` and 授权 `key` from its console. */
export interface Kuaidi100Config {
  readonly customer: string;
  readonly key: string;
  /** https://poll.kuaidi100.com by default; tests point it at a local server. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  /** Tests inject a fetch; production uses the global one. */
  readonly fetch?: typeof fetch;
}

export const KUAIDI100_DEFAULT_BASE_URL = 'https://poll.kuaidi100.com';
export const KUAIDI100_QUERY_PATH = '/poll/query.do';
export const KUAIDI100_DEFAULT_TIMEOUT_MS = 8_000;

/** KUAIDI100_CUSTOMER and KUAIDI100_KEY together, or null (tracking then runs offline); one without the other is a mistake. */
export function kuaidi100ConfigFromEnv(env: NodeJS.ProcessEnv): Kuaidi100Config | null {
  const customer = env.KUAIDI100_CUSTOMER?.trim();
  const key = env.KUAIDI100_KEY?.trim();
  if (!customer && !key) return null;
  if (!customer || !key) throw new Error('Kuaidi100 tracking needs both KUAIDI100_CUSTOMER and KUAIDI100_KEY (or neither, for offline tracking)');
  const timeoutMs = env.KUAIDI100_TIMEOUT_MS ? Number(env.KUAIDI100_TIMEOUT_MS) : undefined;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) throw new Error('KUAIDI100_TIMEOUT_MS must be a positive integer');
  return { customer, key, ...(env.KUAIDI100_BASE_URL ? { baseUrl: env.KUAIDI100_BASE_URL } : {}), ...(timeoutMs ? { timeoutMs } : {}) };
}
