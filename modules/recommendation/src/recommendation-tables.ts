/** The recommender's derived tables (migration 0025); see recommendation-store.ts. */
export interface RecommendationInteractionTable {
  person_key: string;
  product_id: string;
  source: 'order' | 'card';
  first_at: Date;
}

export interface RecommendationProductTable {
  product_id: string;
  persons: number;
  orders: number;
}

export interface RecommendationPairTable {
  product_id: string;
  other_product_id: string;
  persons: number;
}

export interface RecommendationRegionProductTable {
  province: string;
  city: string;
  product_id: string;
  orders: number;
}

export interface RecommendationPersonRegionTable {
  person_key: string;
  province: string;
  city: string;
  order_paid_at: Date;
  order_id: string;
}

export interface RecommendationAppliedOrderTable {
  order_id: string;
  applied_at: Date;
}

export interface RecommendationWatermarkTable {
  name: string;
  position: bigint | string;
  updated_at: Date;
}

export interface RecommendationTables {
  recommendation_interactions: RecommendationInteractionTable;
  recommendation_products: RecommendationProductTable;
  recommendation_pairs: RecommendationPairTable;
  recommendation_region_products: RecommendationRegionProductTable;
  recommendation_person_regions: RecommendationPersonRegionTable;
  recommendation_applied_orders: RecommendationAppliedOrderTable;
  recommendation_watermarks: RecommendationWatermarkTable;
}
