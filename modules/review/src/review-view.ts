import type { Locale } from '@linkmall/kernel';
import type { ReviewRow } from './review-store.ts';

const ANONYMOUS: Record<Locale, string> = { 'zh-CN': '匿名用户', en: 'Anonymous' };

/** What anyone may see on a product page: the buyer's name masked (or 匿名用户), never their id. */
export interface PublicReviewView {
  id: string;
  productId: string;
  specs: string;
  rating: number;
  content: string;
  photoUrls: string[];
  buyerName: string;
  anonymous: boolean;
  createdAt: string;
  reply: { content: string; repliedAt: string } | null;
}

/** The buyer's own and staff's view: also where it came from and whether it is hidden. */
export interface ReviewView extends PublicReviewView {
  orderId: string;
  subOrderId: string;
  orderLineId: string;
  skuId: string;
  supplierId: string;
  merchantId: string | null;
  status: 'visible' | 'hidden';
  hiddenReason: string | null;
  hiddenAt: string | null;
}

export function toPublicView(row: ReviewRow, locale: Locale): PublicReviewView {
  return {
    id: row.id,
    productId: row.product_id,
    specs: row.specs,
    rating: row.rating,
    content: row.content,
    photoUrls: row.photo_urls,
    buyerName: row.anonymous ? ANONYMOUS[locale] : row.buyer_name_masked,
    anonymous: row.anonymous,
    createdAt: row.created_at.toISOString(),
    reply: row.reply_content && row.replied_at ? { content: row.reply_content, repliedAt: row.replied_at.toISOString() } : null,
  };
}

export function toReviewView(row: ReviewRow, locale: Locale): ReviewView {
  return {
    ...toPublicView(row, locale),
    orderId: row.order_id,
    subOrderId: row.sub_order_id,
    orderLineId: row.order_line_id,
    skuId: row.sku_id,
    supplierId: row.supplier_id,
    merchantId: row.merchant_id,
    status: row.status,
    hiddenReason: row.hidden_reason,
    hiddenAt: row.hidden_at?.toISOString() ?? null,
  };
}

export const auditSnapshot = (row: ReviewRow) => ({
  status: row.status,
  hiddenReason: row.hidden_reason,
  reply: row.reply_content,
  rating: row.rating,
});
