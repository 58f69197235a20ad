import type { RequestContext } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { countAudit } from '@linkmall/audit';
import type { UserService } from '@linkmall/identity';
import type { StoreService } from '@linkmall/store';
import type { CatalogService } from '@linkmall/catalog';
import { defineRoute, OpenAPIHono, requires, z, type AppEnv } from '@linkmall/http';

export interface DashboardDeps {
  readonly db: Db;
  readonly users: UserService;
  readonly stores: StoreService;
  readonly catalog: CatalogService;
}

/**
 * The console's first screen: real counts across modules, each already limited to the actor's data
 * scope, and only for what the actor may read (no audit count without `audit.read`).
 */
export async function dashboardCounts(deps: DashboardDeps, ctx: RequestContext): Promise<Record<string, number>> {
  const actor = ctx.actor!;
  const counts: Record<string, number> = {};
  if (actor.permissions.has('user.read') || actor.scope.kind === 'all') Object.assign(counts, await deps.users.counts(ctx));
  if (actor.permissions.has('store.read')) counts.stores = await deps.stores.count(ctx);
  if (actor.permissions.has('product.read')) counts.products = await deps.catalog.count(ctx);
  if (actor.permissions.has('audit.read')) counts.auditEntries = await countAudit(deps.db, actor.scope);
  return counts;
}

const DashboardSchema = z
  .object({
    counts: z.record(z.string(), z.number().int()).openapi({
      example: { organizations: 6, suppliers: 2, merchants: 3, stores: 5, staff: 12, consumers: 6, products: 12, auditEntries: 40 },
    }),
  })
  .openapi('Dashboard');

export function dashboardAdminRoutes(deps: DashboardDeps) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('dashboard.read'), {
      method: 'get',
      path: '/dashboard',
      tags: ['Dashboard'],
      summary: 'Counts for the console home, scoped to the caller',
      responses: { 200: { description: 'Counts', content: { 'application/json': { schema: DashboardSchema } } } },
    }),
    async (c) => c.json({ counts: await dashboardCounts(deps, c.var.ctx) }, 200),
  );
}
