import { FenSchema, IsoDateTimeSchema, PageQuerySchema, z } from '@linkmall/http';
import { AUTOMATION_TRIGGERS } from './domain/automation-rules.ts';
import { LEAD_STAGES } from './domain/lead-stage.ts';
import { COMMUNITY_LAYERS, SEGMENTS } from './domain/segmentation.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const LeadSchema = z
  .object({
    id: z.string(),
    ownerUserId: z.string(),
    organizationId: z.string().nullable(),
    source: z.string(),
    name: z.string().nullable(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    phonesMasked: z.array(z.string()),
    emails: z.array(z.string()),
    address: z.string().nullable(),
    website: z.string().nullable(),
    stage: z.enum(LEAD_STAGES),
    stageLabel: z.string(),
    tags: z.array(z.object({ tag: z.string(), kind: z.enum(['manual', 'auto']) })),
    intentScore: z.number().int().nullable(),
    userId: z.string().nullable(),
    visitorCount: z.number().int(),
    lastActiveAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('Lead');

export const TaskSchema = z
  .object({ id: z.string(), leadId: z.string(), title: z.string(), dueAt: IsoDateTimeSchema, doneAt: IsoDateTimeSchema.nullable(), automationId: z.string().nullable(), createdAt: IsoDateTimeSchema })
  .openapi('LeadTask');

const RfmSchema = z.object({ recency: z.number().int(), frequency: z.number().int(), monetary: z.number().int(), loyalty: z.number().int() });

export const LeadDetailSchema = LeadSchema.extend({
  phoneNumbers: z.array(z.string()).nullable(),
  notes: z.array(z.object({ id: z.string(), authorUserId: z.string().nullable(), body: z.string(), createdAt: IsoDateTimeSchema })),
  tasks: z.array(TaskSchema),
  intent: z
    .object({
      score: z.number().int(),
      components: z.record(z.string(), z.number().int()),
      explanation: z.string().openapi({ example: '3 次访问，在 保湿面膜 停留 4 分钟，打开了成分表' }),
      lastSeenAt: IsoDateTimeSchema,
    })
    .nullable(),
  segmentation: z.object({
    segment: z.enum(SEGMENTS),
    segmentLabel: z.string(),
    layer: z.enum(COMMUNITY_LAYERS),
    layerLabel: z.string(),
    scores: RfmSchema,
    orders365: z.number().int(),
    paid365Fen: FenSchema,
    lastPurchaseAt: IsoDateTimeSchema.nullable(),
  }),
  mergedLeadIds: z.array(z.string()),
}).openapi('LeadDetail');

export const LeadQuerySchema = PageQuerySchema.extend({
  stage: z.enum(LEAD_STAGES).optional(),
  tag: text(20).optional(),
  q: text(50).optional(),
  minIntent: z.coerce.number().int().min(0).max(100).optional(),
});

const contactFields = {
  name: text(60).optional(),
  title: text(60).optional(),
  company: text(100).optional(),
  emails: z.array(z.string().trim().email().max(254)).max(10).optional(),
  address: text(200).optional(),
  website: text(200).optional(),
};

export const NewLeadSchema = z
  .object({ ...contactFields, phones: z.array(z.string().trim().regex(/^\+?[\d\s()-]{6,24}$/)).max(5).optional(), note: text(2000).optional() })
  .strict()
  .openapi('NewLead');

export const LeadPatchSchema = z.object(contactFields).strict().openapi('LeadPatch');
export const StageSchema = z.object({ stage: z.enum(LEAD_STAGES) }).strict().openapi('LeadStageChange');
export const NoteSchema = z.object({ body: text(2000) }).strict().openapi('LeadNote');
export const TagsSchema = z.object({ tags: z.array(text(20)).max(20) }).strict().openapi('LeadTags');
export const NewTaskSchema = z.object({ title: text(200), dueAt: z.string().datetime({ offset: true }).openapi({ example: '2026-11-25T02:00:00.000Z' }) }).strict().openapi('NewLeadTask');
export const MergeSchema = z.object({ duplicateLeadId: z.string().regex(/^lead_[0-9a-z]{26}$/) }).strict().openapi('LeadMerge');
export const ReassignSchema = z.object({ ownerUserId: z.string().regex(/^usr_[0-9a-z]{26}$/) }).strict().openapi('LeadReassign');
export const VcardImportSchema = z.object({ vcard: z.string().min(10).max(512 * 1024) }).strict().openapi('LeadVcardImport');
export const VcardImportResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), leadIds: z.array(z.string()) }).openapi('LeadVcardImportResult');
export const UpsertResultSchema = z.object({ leadId: z.string(), created: z.boolean() }).openapi('LeadUpsertResult');
export const TaskQuerySchema = PageQuerySchema.extend({ status: z.enum(['open', 'done']).default('open') });

const AutomationParamsSchema = z.discriminatedUnion('trigger', [
  z.object({ trigger: z.literal('inactive'), days: z.number().int().min(1).max(365), couponTemplateId: z.string().regex(/^cpt_[0-9a-z]{26}$/).optional() }).strict(),
  z.object({ trigger: z.literal('repurchase'), defaultCycleDays: z.number().int().min(1).max(365) }).strict(),
  z.object({ trigger: z.literal('high_intent'), threshold: z.number().int().min(1).max(100) }).strict(),
]);

export const AutomationSchema = z
  .object({ id: z.string(), organizationId: z.string().nullable(), name: z.string(), trigger: z.enum(AUTOMATION_TRIGGERS), params: AutomationParamsSchema, enabled: z.boolean(), createdAt: IsoDateTimeSchema, updatedAt: IsoDateTimeSchema })
  .openapi('CrmAutomation');
export const NewAutomationSchema = z.object({ name: text(60), params: AutomationParamsSchema, enabled: z.boolean().default(true) }).strict().openapi('NewCrmAutomation');
export const AutomationPatchSchema = z
  .object({ name: text(60).optional(), params: AutomationParamsSchema.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0)
  .openapi('CrmAutomationPatch');
