import { getLocale, translateCurrent } from './i18n';

const TOKEN_KEY = 'linkmall.admin.token';

/** The error body every non-2xx response carries; `message` is already localized by the server. */
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Notifier = (text: string) => void;

// Set by the React tree: antd's `message` must come from `App.useApp()` to follow the theme and locale.
let notifyError: Notifier = (text) => console.error(text);
let onUnauthorized: () => void = () => undefined;

export function setErrorNotifier(notifier: Notifier): void {
  notifyError = notifier;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function getToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be unavailable (private mode); the session then ends with the page.
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Do not show a toast on failure; the caller handles or ignores the error. */
  silent?: boolean;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: a retry with the same key and body is answered without acting twice. */
  idempotencyKey?: string;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, for example); fall back to a generic message below.
  }
  if (isErrorBody(body)) {
    return new ApiError(response.status, String(body.error.code ?? 'error'), body.error.message, body.error.details);
  }
  if (response.status === 401) {
    return new ApiError(401, 'unauthenticated', translateCurrent('errors.sessionExpired'));
  }
  return new ApiError(response.status, 'http_error', translateCurrent('errors.http', { status: response.status }));
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const error = new ApiError(0, 'network_error', translateCurrent('errors.network'));
    if (!options.silent) notifyError(error.message);
    throw error;
  }

  if (!response.ok) {
    const error = await readError(response);
    if (!options.silent) notifyError(error.message);
    // A 401 on any call but the login itself means the token is gone or expired.
    if (response.status === 401 && token) {
      setToken(null);
      onUnauthorized();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('DELETE', path, options),
};

/**
 * Downloads a file the API renders (a CSV export): the request carries the bearer token, which a
 * plain link cannot, and the browser then saves the blob under the server's file name.
 */
export async function downloadFile(path: string, query: Record<string, QueryValue>, fallbackName: string): Promise<string> {
  const headers: Record<string, string> = { 'Accept-Language': getLocale() };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers });
  } catch {
    const error = new ApiError(0, 'network_error', translateCurrent('errors.network'));
    notifyError(error.message);
    throw error;
  }
  if (!response.ok) {
    const error = await readError(response);
    notifyError(error.message);
    if (response.status === 401 && token) {
      setToken(null);
      onUnauthorized();
    }
    throw error;
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next turn: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return filename;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
