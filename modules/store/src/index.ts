export { createStoreService, type StoreService, type StoreView, type NewStore } from './store-service.ts';
export { storeAdminRoutes, storeShopRoutes, type OrganizationNames } from './store-routes.ts';
export { storeErrors, type StoreErrorCode } from './store-errors.ts';
export type { StoreTables } from './store-tables.ts';
export { storeRegions } from './store-regions.ts';
