import { FenSchema, IsoDateTimeSchema, PhoneSchema, z } from '@linkmall/http';
import { CARD_THEMES, CardModuleSchema, CardModulesSchema } from './domain/card-module.ts';
import { LOCKABLE_FIELDS, type CardContent } from './domain/card-template.ts';

export const ThemeSchema = z.enum(CARD_THEMES).openapi({ description: 'One of the card page’s themes' });
const LockableFieldSchema = z.enum(LOCKABLE_FIELDS);
const httpUrl = z.string().trim().url().max(500).refine((value) => /^https?:\/\//i.test(value), 'http(s) only');
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

/** A visitor's opaque id, generated and kept by the card page. */
export const VisitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).openapi({ example: 'v_4f9a1c2b7d8e6f30' });
const ShareTokenSchema = z.string().min(1).max(64);

export const CardContentSchema = z
  .object({
    name: z.string().trim().min(1).max(30),
    title: z.string().trim().max(40).default(''),
    company: z.string().trim().max(80).default(''),
    photoUrl: httpUrl.nullable().default(null),
    phone: PhoneSchema.nullable().default(null),
    email: z.string().trim().email().max(120).nullable().default(null),
    website: httpUrl.nullable().default(null),
    wechatId: z.string().regex(/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/).nullable().default(null),
    address: z.string().trim().max(200).nullable().default(null),
    latitude: latitude.nullable().default(null),
    longitude: longitude.nullable().default(null),
    intro: z.string().trim().max(1000).default(''),
    theme: ThemeSchema.default('classic'),
    modules: CardModulesSchema.default([]),
  })
  .strict()
  .refine((card) => (card.latitude === null) === (card.longitude === null), { message: 'latitude and longitude go together', path: ['longitude'] })
  .openapi('CardContent');

export const toCardContent = (input: z.infer<typeof CardContentSchema>): CardContent => input;

const cardFields = {
  id: z.string(),
  name: z.string(),
  title: z.string(),
  company: z.string(),
  photoUrl: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  wechatId: z.string().nullable(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  intro: z.string(),
  theme: ThemeSchema,
  modules: z.array(CardModuleSchema),
  featuredProductIds: z.array(z.string()),
  updatedAt: IsoDateTimeSchema,
};

export const PublicCardSchema = z
  .object({
    ...cardFields,
    featuredProducts: z.array(z.object({ productId: z.string(), title: z.string(), imageUrl: z.string().nullable(), priceFen: FenSchema })),
  })
  .openapi('PublicCard');

const ownerFields = {
  ...cardFields,
  ownerUserId: z.string(),
  organizationId: z.string(),
  templateId: z.string().nullable(),
  lockedFields: z.array(LockableFieldSchema),
  lockedModuleIds: z.array(z.string()),
  status: z.enum(['active', 'hidden']),
  createdAt: IsoDateTimeSchema,
};
export const OwnerCardSchema = z.object({ ...ownerFields, phone: z.string().nullable() }).openapi('OwnerCard');
export const TeamCardSchema = z.object(ownerFields).openapi('TeamCard');

const TemplateValuesSchema = z
  .object({
    company: z.string().trim().max(80).optional(),
    title: z.string().trim().max(40).optional(),
    intro: z.string().trim().max(1000).optional(),
    address: z.string().trim().max(200).optional(),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
  })
  .strict();

/** Templates carry company-wide modules; products and coupons are each owner's own choice. */
const TemplateModulesSchema = CardModulesSchema.refine((modules) => modules.every((module) => module.kind !== 'products' && module.kind !== 'coupons'), 'templates cannot fix products or coupons');

export const TemplateInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    theme: ThemeSchema,
    fields: TemplateValuesSchema.default({}),
    lockedFields: z.array(LockableFieldSchema).max(LOCKABLE_FIELDS.length).default([]),
    modules: TemplateModulesSchema.default([]),
    isDefault: z.boolean().default(false),
    status: z.enum(['active', 'archived']).optional(),
    organizationId: z.string().regex(/^org_[0-9a-z]{26}$/).optional(),
  })
  .strict()
  .openapi('CardTemplateInput');

export const TemplateSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    theme: ThemeSchema,
    fields: TemplateValuesSchema,
    lockedFields: z.array(LockableFieldSchema),
    modules: z.array(CardModuleSchema),
    isDefault: z.boolean(),
    status: z.enum(['active', 'archived']),
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('CardTemplate');

export const ShareSchema = z.object({ shareId: z.string(), token: z.string(), url: z.string() }).openapi('CardShare');
export const ShareListItemSchema = z
  .object({ id: z.string(), parentShareId: z.string().nullable(), depth: z.number().int(), sharerKind: z.enum(['owner', 'visitor']), sharerVisitorId: z.string().nullable(), createdAt: IsoDateTimeSchema })
  .openapi('CardShareListItem');

export const ForwardBodySchema = z.object({ visitorId: VisitorIdSchema, parentShareToken: ShareTokenSchema.nullable().optional() }).strict();
export const RevealBodySchema = z.object({ visitorId: VisitorIdSchema, shareToken: ShareTokenSchema.nullable().optional() }).strict();
export const BindBodySchema = z.object({ shareToken: ShareTokenSchema.nullable().optional() }).strict();

export const PublicVcardQuerySchema = z.object({ visitorId: VisitorIdSchema.optional(), share: ShareTokenSchema.optional() });
export const PosterQuerySchema = z.object({
  share: ShareTokenSchema.optional(),
  product: z.string().regex(/^prd_[0-9a-z]{26}$/).optional(),
  format: z.enum(['png', 'svg']).default('png'),
});

/** A .vcf file's text (one or more vCards), at most 512 KB. */
export const VcardImportSchema = z.object({ vcf: z.string().min(1).max(512 * 1024) }).strict();
export const VcardImportResultSchema = z
  .object({ imported: z.number().int(), created: z.number().int(), merged: z.number().int(), leadIds: z.array(z.string()) })
  .openapi('VcardImportResult');

export const DraftSchema = z
  .object({
    id: z.string(),
    source: z.enum(['ocr', 'manual']),
    fields: z.object({ name: z.string().optional(), title: z.string().optional(), company: z.string().optional(), email: z.string().optional(), address: z.string().optional(), website: z.string().optional(), phone: z.string().nullable() }),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('CardDraft');

