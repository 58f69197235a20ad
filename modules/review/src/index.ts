export { createReviewService, type ReviewService, type NewReview, type ProductRatingSummary } from './review-service.ts';
export { reviewErrors, type ReviewErrorCode } from './review-errors.ts';
export { reviewShopRoutes, reviewAdminRoutes } from './review-routes.ts';
export { CreateReviewsSchema, LineReviewSchema, ReviewSchema } from './review-schemas.ts';
export type { ReviewView, PublicReviewView } from './review-view.ts';
export type { ReviewEvents } from './review-events.ts';
export type { ReviewTables } from './review-tables.ts';
export { maskName } from './domain/mask-name.ts';
export { reviewPersonalData } from './review-personal-data.ts';
