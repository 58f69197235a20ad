import { IsoDateTimeSchema, z } from '@linkmall/http';

const HttpUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/)
  .openapi({ example: 'https://img.example.com/review-1.jpg' });

/** One line's review: 1–5 stars, up to 500 characters, up to 9 photos, optionally anonymous. */
export const LineReviewSchema = z
  .object({
    orderLineId: z.string().regex(/^oln_[0-9a-z]{26}$/),
    rating: z.number().int().min(1).max(5),
    content: z.string().trim().max(500).default(''),
    photoUrls: z.array(HttpUrl).max(9).default([]),
    anonymous: z.boolean().default(false),
  })
  .strict()
  .openapi('LineReview');

export const CreateReviewsSchema = z
  .object({ reviews: z.array(LineReviewSchema).min(1).max(50) })
  .strict()
  .openapi('CreateReviews');

const replyShape = z.object({ content: z.string(), repliedAt: IsoDateTimeSchema }).nullable();

export const PublicReviewSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    specs: z.string(),
    rating: z.number().int(),
    content: z.string(),
    photoUrls: z.array(z.string()),
    buyerName: z.string().openapi({ example: '林***雨' }),
    anonymous: z.boolean(),
    createdAt: IsoDateTimeSchema,
    reply: replyShape,
  })
  .openapi('PublicReview');

export const ReviewSchema = PublicReviewSchema.extend({
  orderId: z.string(),
  subOrderId: z.string(),
  orderLineId: z.string(),
  skuId: z.string(),
  supplierId: z.string(),
  merchantId: z.string().nullable(),
  status: z.enum(['visible', 'hidden']),
  hiddenReason: z.string().nullable(),
  hiddenAt: IsoDateTimeSchema.nullable(),
}).openapi('Review');

export const RatingSummarySchema = z
  .object({
    averageRating: z.number().nullable().openapi({ example: 4.6 }),
    count: z.number().int(),
    distribution: z.object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() }),
  })
  .openapi('RatingSummary');

export const ReplySchema = z.object({ content: z.string().trim().min(1).max(500) }).strict().openapi('ReviewReply');
export const HideSchema = z.object({ reason: z.string().trim().min(1).max(200) }).strict().openapi('ReviewHide');
