import { FenSchema, IsoDateTimeSchema, z } from '@linkmall/http';

/** Signed fen (a clawback line is negative). */
const SignedFenSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).openapi({ example: -500 });

export const PartnerOrderSchema = z
  .object({
    orderId: z.string(),
    buyerUserId: z.string(),
    merchantId: z.string().nullable(),
    deliveryMethod: z.enum(['delivery', 'pickup']),
    paymentStatus: z.enum(['unpaid', 'paid', 'closed']),
    goodsFen: FenSchema,
    discountFen: FenSchema,
    shippingFen: FenSchema,
    payableFen: FenSchema,
    refundedFen: FenSchema,
    createdAt: IsoDateTimeSchema,
    paidAt: IsoDateTimeSchema.nullable(),
    closedAt: IsoDateTimeSchema.nullable(),
    shippingRegion: z.object({ province: z.string(), city: z.string(), district: z.string() }).nullable(),
    subOrders: z.array(
      z.object({
        subOrderId: z.string(),
        supplierId: z.string(),
        status: z.string(),
        payableFen: FenSchema,
        carrier: z.string().nullable(),
        trackingNumber: z.string().nullable(),
        shippedAt: IsoDateTimeSchema.nullable(),
        completedAt: IsoDateTimeSchema.nullable(),
      }),
    ),
    lines: z.array(
      z.object({
        lineId: z.string(),
        subOrderId: z.string(),
        skuId: z.string(),
        productId: z.string(),
        title: z.string(),
        specs: z.string(),
        quantity: z.number().int(),
        unitPriceFen: FenSchema,
        payableFen: FenSchema,
        refundedQuantity: z.number().int(),
        refundedFen: FenSchema,
      }),
    ),
  })
  .openapi('PartnerOrder');
export type PartnerOrder = z.infer<typeof PartnerOrderSchema>;

export const PartnerRewardLineSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    payeeId: z.string(),
    kind: z.string().openapi({ example: 'DIRECT' }),
    amountFen: SignedFenSchema,
    status: z.enum(['PENDING', 'SETTLED', 'REVERSED']),
    sourceUserId: z.string(),
    profileVersion: z.string(),
    reversesLineId: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('PartnerRewardLine');
export type PartnerRewardLine = z.infer<typeof PartnerRewardLineSchema>;

export const PartnerLeadSchema = z
  .object({
    leadId: z.string(),
    ownerUserId: z.string(),
    organizationId: z.string().nullable(),
    source: z.string(),
    name: z.string().nullable(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    phonesMasked: z.array(z.string()),
    emails: z.array(z.string()),
    stage: z.string(),
    intentScore: z.number().int().nullable(),
    mergedInto: z.string().nullable(),
    lastActiveAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('PartnerLead');
export type PartnerLead = z.infer<typeof PartnerLeadSchema>;

export const PartnerMemberSchema = z
  .object({
    memberId: z.string(),
    displayNameMasked: z.string().nullable().openapi({ example: '林*雨' }),
    role: z.enum(['MEMBER', 'AGENT', 'BOSS']),
    referrerId: z.string().nullable(),
    teamBossId: z.string().nullable(),
    activeReferralCount: z.number().int(),
    inviteCode: z.string(),
    joinedAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('PartnerMember');
export type PartnerMember = z.infer<typeof PartnerMemberSchema>;

export const FeedQuerySchema = z.object({
  since: z.string().max(600).optional().openapi({ description: 'The nextCursor of the previous page; omit to start from the beginning' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
});

export function feedPageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'Pass as `since` for the next page; stays the same when nothing new has come' }),
      hasMore: z.boolean(),
    })
    .openapi(name);
}
