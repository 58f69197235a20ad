import type { Clock } from './clock.ts';
import type { Locale } from './locale.ts';

export type OrganizationKind = 'platform' | 'supplier' | 'merchant';

/**
 * Which rows an actor may see: everything (platform staff), one supplier's, one merchant's, or only
 * their own (consumers). Stores apply it in their WHERE clauses.
 */
export type DataScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'supplier'; readonly supplierId: string }
  | { readonly kind: 'merchant'; readonly merchantId: string }
  | { readonly kind: 'self'; readonly userId: string };

export interface Actor {
  readonly userId: string;
  readonly sessionId: string;
  readonly displayName: string;
  readonly organizationId: string | null;
  readonly organizationKind: OrganizationKind | null;
  readonly roles: readonly string[];
  readonly permissions: ReadonlySet<string>;
  readonly scope: DataScope;
}

/** Who is acting, in which language, at what time; passed first to every operation. */
export interface RequestContext {
  readonly requestId: string;
  readonly locale: Locale;
  readonly clock: Clock;
  readonly actor: Actor | null;
  readonly ip?: string;
  readonly userAgent?: string;
}

/** A context for jobs and scripts that act as the system rather than a person. */
export function systemContext(clock: Clock, requestId = 'system'): RequestContext {
  return { requestId, locale: 'zh-CN', clock, actor: null };
}
