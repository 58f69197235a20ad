import type { Localized } from './locale.ts';

/** One expected failure: its HTTP status and its message in every locale. */
export interface ErrorDefinition extends Localized {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 501 | 502 | 503;
}

export type ErrorCatalog<C extends string = string> = Readonly<Record<C, ErrorDefinition>>;

/** Declares a module's closed set of error codes; the keys are the codes (snake_case). */
export function defineErrors<const C extends string>(catalog: Record<C, ErrorDefinition>): ErrorCatalog<C> {
  for (const code of Object.keys(catalog)) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`error code must be snake_case: ${code}`);
  }
  return catalog;
}

/** Errors every surface can return, independent of a module. */
export const commonErrors = defineErrors({
  validation_failed: { status: 400, 'zh-CN': '请求参数不正确', en: 'The request is invalid' },
  malformed_json: { status: 400, 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  idempotency_conflict: {
    status: 409,
    'zh-CN': '该幂等键已用于另一个不同的请求',
    en: 'This idempotency key was already used for a different request',
  },
  unauthenticated: { status: 401, 'zh-CN': '请先登录', en: 'Please sign in first' },
  forbidden: { status: 403, 'zh-CN': '您没有执行此操作的权限', en: 'You do not have permission to do this' },
  not_found: { status: 404, 'zh-CN': '请求的资源不存在', en: 'The requested resource does not exist' },
  payload_too_large: { status: 413, 'zh-CN': '请求体过大', en: 'The request body is too large' },
  rate_limited: { status: 429, 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests, please try again later' },
  idempotency_in_progress: {
    status: 409,
    'zh-CN': '相同幂等键的请求正在处理中，请稍后重试',
    en: 'A request with this idempotency key is still being processed; retry shortly',
  },
  unsupported_media_type: { status: 415, 'zh-CN': '请求体须为 JSON（Content-Type: application/json）', en: 'The request body must be JSON (Content-Type: application/json)' },
  method_not_allowed: { status: 405, 'zh-CN': '不支持该请求方法', en: 'This method is not allowed here' },
  bad_signature: { status: 401, 'zh-CN': '请求签名无效或已过期', en: 'The request signature is invalid or expired' },
  internal_error: { status: 500, 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
  service_unavailable: {
    status: 503,
    'zh-CN': '服务暂时不可用，请稍后再试',
    en: 'The service is temporarily unavailable, please try again later',
  },
});
export type CommonErrorCode = keyof typeof commonErrors;
