export {
  createStorefrontService,
  type StorefrontService,
  type StorefrontItemView,
  type StorefrontDecorationInput,
  type StorefrontDecoration,
  type PriceBand,
} from './storefront-service.ts';
export { storefrontErrors, type StorefrontErrorCode } from './storefront-errors.ts';
export type { StorefrontTables } from './storefront-tables.ts';
