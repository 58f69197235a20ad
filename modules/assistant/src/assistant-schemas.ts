import { FenSchema, IsoDateTimeSchema, z } from '@linkmall/http';
import { ID_PATTERN } from '@linkmall/kernel';

/** Ids of other modules' rows (cards, leads, products): a prefix and 26 base32 characters. */
export const ForeignIdSchema = z.string().regex(ID_PATTERN).openapi({ example: 'crd_01jd3x7k9q2w8e5r4t6y1u3i0o' });

/** The card page's own random visitor id (16+ characters, URL-safe). */
export const VisitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).openapi({ example: 'v_5Qm2xY8kL1pR7tZa' });

const TextSchema = (max: number) => z.string().trim().min(1).max(max);

export const CitationSchema = z
  .object({ index: z.number().int(), kind: z.enum(['product', 'faq', 'doc']), id: z.string(), title: z.string() })
  .openapi('AssistantCitation');

export const VisitorQuestionSchema = z
  .object({
    visitorId: VisitorIdSchema,
    question: TextSchema(500),
    history: z
      .array(z.object({ role: z.enum(['visitor', 'assistant']), content: TextSchema(2000) }))
      .max(20)
      .optional(),
  })
  .openapi('AssistantVisitorQuestion');

export const AnswerSchema = z
  .object({
    answer: z.string(),
    citations: z.array(CitationSchema),
    grounded: z.boolean().openapi({ description: 'false when nothing in the material answered: the reply then says so and points to the owner' }),
    model: z.string(),
    stored: z.boolean().openapi({ description: 'Whether the exchange was kept (only for visitors who consented on this card)' }),
  })
  .openapi('AssistantAnswer');

export const EvidenceSchema = z
  .object({ kind: z.enum(['product', 'faq', 'doc']), id: z.string(), title: z.string(), body: z.string(), priceFen: FenSchema.nullable(), specs: z.array(z.string()), score: z.number() })
  .openapi('AssistantEvidence');

export const TestAnswerSchema = AnswerSchema.extend({ evidence: z.array(EvidenceSchema) }).openapi('AssistantTestAnswer');

export const TestQuestionSchema = z
  .object({ question: TextSchema(500), organizationId: ForeignIdSchema.optional().openapi({ description: 'Platform staff: answer as this organisation’s cards would' }) })
  .openapi('AssistantTestQuestion');

export const HistoryQuerySchema = z.object({ visitorId: VisitorIdSchema });
export const HistorySchema = z
  .object({ items: z.array(z.object({ role: z.enum(['visitor', 'assistant']), content: z.string(), citations: z.array(CitationSchema), createdAt: IsoDateTimeSchema })) })
  .openapi('AssistantHistory');

export const KnowledgeSchema = z
  .object({
    id: z.string(),
    organizationId: z.string().nullable(),
    kind: z.enum(['faq', 'doc']),
    title: z.string(),
    body: z.string(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('AssistantKnowledge');

export const NewKnowledgeSchema = z
  .object({
    kind: z.enum(['faq', 'doc']).openapi({ description: 'faq: the title is the question, the body its answer; doc: a company document' }),
    title: TextSchema(200),
    body: TextSchema(20_000),
    organizationId: ForeignIdSchema.optional(),
  })
  .openapi('AssistantNewKnowledge');

export const KnowledgePatchSchema = z
  .object({ kind: z.enum(['faq', 'doc']).optional(), title: TextSchema(200).optional(), body: TextSchema(20_000).optional() })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
  .openapi('AssistantKnowledgePatch');

export const KnowledgeQuerySchema = z.object({ kind: z.enum(['faq', 'doc']).optional(), q: z.string().trim().min(1).max(50).optional() });

export const DraftSchema = z
  .object({
    text: z.string(),
    model: z.string(),
    visitorName: z.string().nullable(),
    products: z.array(z.object({ productId: z.string(), title: z.string(), priceFen: FenSchema.nullable() })),
    coupon: z.object({ name: z.string(), summary: z.string() }).nullable(),
  })
  .openapi('AssistantDraft');

export const FollowUpRequestSchema = z.object({ leadId: ForeignIdSchema }).openapi('AssistantFollowUpRequest');
export const InvitationRequestSchema = z
  .object({ leadId: ForeignIdSchema.optional(), productId: ForeignIdSchema.optional() })
  .strict()
  .refine((input) => input.leadId !== undefined || input.productId !== undefined, { message: 'Give a leadId, a productId or both' })
  .openapi('AssistantInvitationRequest');

export const RecommendationQuerySchema = z.object({ visitorId: VisitorIdSchema, limit: z.coerce.number().int().min(1).max(20).default(6) });
export const RecommendationsSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.string(),
        title: z.string(),
        priceFen: FenSchema.nullable(),
        reason: z.enum(['viewed', 'similar', 'popular']),
        becauseOf: z.string().nullable(),
      }),
    ),
  })
  .openapi('AssistantRecommendations');
