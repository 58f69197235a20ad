import { z } from '@hono/zod-openapi';
import type { Locale } from '@linkmall/kernel';

const localeMessages = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

export interface ValidationIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Zod issues as `{ path, code, message }` with the message in the request's language. */
export function describeIssues(error: z.ZodError, locale: Locale): ValidationIssue[] {
  const format = localeMessages[locale].localeError;
  return error.issues.slice(0, 20).map((issue) => {
    const localized = format?.(issue as never);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
    return { path: issue.path.map(String).join('.'), code: issue.code, message };
  });
}
