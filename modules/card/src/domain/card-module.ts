import { z } from 'zod';

/**
 * The modules an owner arranges on a card, each a typed shape (a discriminated union on `kind`).
 * A module id is short and stable so the radar can report which module a visitor looked at.
 */
export const CARD_MODULE_KINDS = ['products', 'coupons', 'videos', 'album', 'news', 'company', 'reviews', 'live', 'contact_form'] as const;
export type CardModuleKind = (typeof CARD_MODULE_KINDS)[number];

/** Themes are a closed list: the card page ships a style for each. */
export const CARD_THEMES = ['classic', 'business_blue', 'ink', 'rose', 'forest', 'night'] as const;
export type CardTheme = (typeof CARD_THEMES)[number];

const url = z.string().trim().url().max(500).refine((value) => /^https?:\/\//i.test(value), 'http(s) only');
const text = (max: number) => z.string().trim().min(1).max(max);
const common = {
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  title: z.string().trim().max(30).optional(),
};
const productId = z.string().regex(/^prd_[0-9a-z]{26}$/);
const couponTemplateId = z.string().regex(/^cpt_[0-9a-z]{26}$/);

export const CardModuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('products'), ...common, productIds: z.array(productId).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('coupons'), ...common, couponTemplateIds: z.array(couponTemplateId).min(1).max(10) }).strict(),
  z.object({ kind: z.literal('videos'), ...common, items: z.array(z.object({ url, coverUrl: url.optional(), caption: z.string().trim().max(60).optional() }).strict()).min(1).max(10) }).strict(),
  z.object({ kind: z.literal('album'), ...common, photos: z.array(z.object({ url, caption: z.string().trim().max(60).optional() }).strict()).min(1).max(30) }).strict(),
  z
    .object({
      kind: z.literal('news'),
      ...common,
      posts: z.array(z.object({ headline: text(80), summary: z.string().trim().max(300).optional(), url: url.optional(), publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict()).min(1).max(20),
    })
    .strict(),
  z.object({ kind: z.literal('company'), ...common, name: text(80), description: text(2000), logoUrl: url.optional(), website: url.optional() }).strict(),
  z.object({ kind: z.literal('reviews'), ...common, items: z.array(z.object({ author: text(30), rating: z.number().int().min(1).max(5), content: text(300) }).strict()).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('live'), ...common, url, startsAt: z.string().datetime().optional() }).strict(),
  z
    .object({
      kind: z.literal('contact_form'),
      ...common,
      prompt: z.string().trim().max(100).optional(),
      fields: z.array(z.enum(['name', 'phone', 'company', 'message'])).min(1).max(4),
    })
    .strict(),
]);
export type CardModule = z.infer<typeof CardModuleSchema>;

/** A card's module list: at most 20, ids unique within the card. */
export const CardModulesSchema = z
  .array(CardModuleSchema)
  .max(20)
  .refine((modules) => new Set(modules.map((module) => module.id)).size === modules.length, 'module ids must be unique');

/** Every product a card's modules feature, in order, without repeats. */
export function featuredProductIds(modules: readonly CardModule[]): string[] {
  return [...new Set(modules.flatMap((module) => (module.kind === 'products' ? module.productIds : [])))];
}
