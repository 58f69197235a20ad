import { OpenAPIHono, type AppEnv } from '@linkmall/http';
import type { CatalogService } from './catalog-service.ts';
import { categoryAdminRoutes } from './category-routes.ts';
import { productAdminRoutes, type OrganizationNames } from './product-routes.ts';
import { supplierAdminRoutes } from './supplier-routes.ts';
import { catalogSyncAdminRoutes } from './sync-routes.ts';

/** Every catalog route of the console surface, mounted under /admin. */
export function catalogAdminRoutes(catalog: CatalogService, organizationNames: OrganizationNames) {
  return new OpenAPIHono<AppEnv>()
    .route('/', productAdminRoutes(catalog, organizationNames))
    .route('/', supplierAdminRoutes(catalog))
    .route('/', catalogSyncAdminRoutes(catalog))
    .route('/', categoryAdminRoutes(catalog));
}
