import { FenSchema, z } from '@linkmall/http';
import { ID_PATTERN } from '@linkmall/kernel';

const RegionNameSchema = z.string().trim().min(1).max(30);

export const RecommendationQuerySchema = z
  .object({
    merchantId: z.string().regex(ID_PATTERN).optional().openapi({ description: 'Recommend inside this merchant’s storefront only, at its prices' }),
    province: RegionNameSchema.optional().openapi({ description: 'Region hint for an anonymous visitor, e.g. 浙江省', example: '浙江省' }),
    city: RegionNameSchema.optional().openapi({ description: 'City inside the province, e.g. 杭州市', example: '杭州市' }),
    storeId: z.string().regex(ID_PATTERN).optional().openapi({ description: 'A store whose city is the region hint' }),
    visitorId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional().openapi({ description: 'The card page’s visitor id, to use that visitor’s consented card behaviour' }),
    limit: z.coerce.number().int().min(1).max(20).default(10),
  })
  .refine((query) => query.city === undefined || query.province !== undefined, { message: 'city needs province', path: ['city'] });

export const RecommendationSchema = z
  .object({
    productId: z.string(),
    title: z.string(),
    subtitle: z.string(),
    category: z.string(),
    imageUrl: z.string().nullable(),
    retailPriceFen: FenSchema,
    hotProduct: z.boolean().openapi({ description: '爆品专享: checkout sells it only to members whose level grants hot-product access' }),
    reason: z.enum(['similar', 'popular_in_region', 'popular', 'new']).openapi({ description: 'similar: bought or clicked together with the viewer’s products; popular_in_region / popular: best sellers; new: on sale, to fill the list' }),
    becauseOf: z.string().nullable().openapi({ description: 'For a similar product, the viewer’s product it goes with' }),
  })
  .openapi('Recommendation');

export const RecommendationListSchema = z.object({ items: z.array(RecommendationSchema) }).openapi('Recommendations');
