import { authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { AssistantModule } from './assistant-service.ts';
import {
  AnswerSchema,
  DraftSchema,
  FollowUpRequestSchema,
  ForeignIdSchema,
  HistoryQuerySchema,
  HistorySchema,
  InvitationRequestSchema,
  KnowledgePatchSchema,
  KnowledgeQuerySchema,
  KnowledgeSchema,
  NewKnowledgeSchema,
  RecommendationQuerySchema,
  RecommendationsSchema,
  TestAnswerSchema,
  TestQuestionSchema,
  VisitorQuestionSchema,
} from './assistant-schemas.ts';

const MANAGE = requires('assistant.manage');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const cardParam = z.object({ cardId: ForeignIdSchema.openapi({ param: { in: 'path', required: true } }) });

/** The card page (no login): ask the card's assistant, and read back a consented visitor's conversation. */
export function assistantPublicRoutes(assistant: AssistantModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/cards/{cardId}/assistant',
        tags: ['Assistant'],
        summary: 'Ask the card’s assistant: an answer from the card’s products, FAQ and company documents, with citations (rate-limited)',
        request: { params: cardParam, ...body(VisitorQuestionSchema) },
        responses: { 200: jsonResponse(AnswerSchema, 'The answer and what it cites') },
      }),
      async (c) => c.json(unwrap(await assistant.chat.ask(c.var.ctx, { cardId: c.req.valid('param').cardId, ...c.req.valid('json') })), 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/cards/{cardId}/assistant',
        tags: ['Assistant'],
        summary: 'A consented visitor’s stored conversation on this card (empty without consent)',
        request: { params: cardParam, query: HistoryQuerySchema },
        responses: { 200: jsonResponse(HistorySchema, 'The conversation, oldest first') },
      }),
      async (c) => c.json({ items: await assistant.chat.history(c.req.valid('param').cardId, c.req.valid('query').visitorId) }, 200),
    );
}

/** The card owner in the shop: drafted follow-ups and invitations for their leads, recommendations for their visitors. */
export function assistantShopRoutes(assistant: AssistantModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/assistant/follow-up',
        tags: ['Assistant'],
        summary: 'Draft a follow-up message to one of my leads, from their name and what they viewed',
        request: body(FollowUpRequestSchema),
        responses: { 200: jsonResponse(DraftSchema, 'The draft and the facts it used') },
      }),
      async (c) => c.json(unwrap(await assistant.owner.followUp(c.var.ctx, c.req.valid('json').leadId)), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/assistant/invitation',
        tags: ['Assistant'],
        summary: 'Draft personalised invitation copy, for a lead and/or a product I sell',
        request: body(InvitationRequestSchema),
        responses: { 200: jsonResponse(DraftSchema, 'The draft and the facts it used') },
      }),
      async (c) => c.json(unwrap(await assistant.owner.invitation(c.var.ctx, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/assistant/recommendations',
        tags: ['Assistant'],
        summary: 'Products to recommend to one of my visitors: what they viewed, similar products, then popular ones',
        request: { query: RecommendationQuerySchema },
        responses: { 200: jsonResponse(RecommendationsSchema, 'Recommendations with their reasons') },
      }),
      async (c) => {
        const { visitorId, limit } = c.req.valid('query');
        return c.json({ items: await assistant.owner.recommendations(c.var.ctx, visitorId, limit) }, 200);
      },
    );
}

/** Console: the assistant knowledge base (FAQ and company documents) and a box to test a question. */
export function assistantAdminRoutes(assistant: AssistantModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(MANAGE, {
        method: 'get',
        path: '/assistant/knowledge',
        tags: ['Assistant'],
        summary: 'Knowledge entries in the caller’s scope, latest change first',
        request: { query: PageQuerySchema.extend(KnowledgeQuerySchema.shape) },
        responses: { 200: jsonResponse(pageOf(KnowledgeSchema, 'AssistantKnowledgePage'), 'A page of entries') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await assistant.knowledge.list(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'post',
        path: '/assistant/knowledge',
        tags: ['Assistant'],
        summary: 'Add an FAQ or a company document to the assistant’s knowledge',
        request: body(NewKnowledgeSchema),
        responses: { 201: jsonResponse(KnowledgeSchema, 'The entry') },
      }),
      async (c) => c.json(unwrap(await assistant.knowledge.create(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'patch',
        path: '/assistant/knowledge/{id}',
        tags: ['Assistant'],
        summary: 'Change an entry',
        request: { params: z.object({ id: idParam('akn') }), ...body(KnowledgePatchSchema) },
        responses: { 200: jsonResponse(KnowledgeSchema, 'The entry as changed') },
      }),
      async (c) => c.json(unwrap(await assistant.knowledge.update(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'delete',
        path: '/assistant/knowledge/{id}',
        tags: ['Assistant'],
        summary: 'Delete an entry',
        request: { params: z.object({ id: idParam('akn') }) },
        responses: { 200: jsonResponse(z.object({ id: z.string(), deleted: z.literal(true) }), 'Deleted') },
      }),
      async (c) => c.json(unwrap(await assistant.knowledge.remove(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(MANAGE, {
        method: 'post',
        path: '/assistant/test',
        tags: ['Assistant'],
        summary: 'Test a question against the knowledge base and products: the answer, its citations and the evidence (nothing is stored)',
        request: body(TestQuestionSchema),
        responses: { 200: jsonResponse(TestAnswerSchema, 'The answer with its evidence') },
      }),
      async (c) => {
        const answer = await assistant.chat.test(c.var.ctx, c.req.valid('json'));
        return c.json({ ...answer, evidence: answer.evidence.map((item) => ({ ...item, specs: [...item.specs], priceFen: item.priceFen === null ? null : Number(item.priceFen) })) }, 200);
      },
    );
}
