export interface ReviewTable {
  id: string;
  order_id: string;
  sub_order_id: string;
  order_line_id: string;
  product_id: string;
  sku_id: string;
  specs: string;
  buyer_user_id: string;
  buyer_name_masked: string;
  supplier_id: string;
  merchant_id: string | null;
  rating: number;
  content: string;
  photo_urls: string[];
  anonymous: boolean;
  status: 'visible' | 'hidden';
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: Date | null;
  reply_content: string | null;
  reply_by: string | null;
  reply_organization_id: string | null;
  replied_at: Date | null;
  created_at: Date;
}

export interface ReviewTables {
  reviews: ReviewTable;
}
