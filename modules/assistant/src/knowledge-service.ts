import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { AssistantErrorCode } from './assistant-errors.ts';
import { assistantStore as store, knowledgeScope, type KnowledgeRow } from './assistant-store.ts';

export interface KnowledgeView {
  id: string;
  organizationId: string | null;
  kind: 'faq' | 'doc';
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewKnowledge {
  readonly kind: 'faq' | 'doc';
  readonly title: string;
  readonly body: string;
  /** Platform staff may write for one organisation; without it, the entry is the platform's (every card). */
  readonly organizationId?: string | undefined;
}

export type KnowledgePatch = Partial<Pick<NewKnowledge, 'kind' | 'title' | 'body'>>;

export const knowledgeView = (row: KnowledgeRow): KnowledgeView => ({
  id: row.id,
  organizationId: row.organization_id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Checks an organisation id exists; the composition root answers from identity. */
export type OrganizationExists = (organizationId: string) => Promise<boolean>;

/** The console's assistant knowledge base: FAQ and company documents per organisation, every change audited. */
export function createKnowledgeService(db: Db, organizationExists: OrganizationExists) {
  const audit = (tx: Db, ctx: RequestContext, action: string, before: KnowledgeRow | null, after: KnowledgeRow | null) =>
    recordAudit(tx, ctx, {
      action,
      entityType: 'assistant_knowledge',
      entityId: (after ?? before)!.id,
      organizationId: (after ?? before)!.organization_id,
      before: before ? knowledgeView(before) : null,
      after: after ? knowledgeView(after) : null,
    });

  return {
    async list(ctx: RequestContext, query: PageRequest & { kind?: 'faq' | 'doc' | undefined; q?: string | undefined }) {
      const { rows, total } = await store.listKnowledge(db, ctx.actor!.scope, query, query);
      return { items: rows.map(knowledgeView), total };
    },

    async create(ctx: RequestContext, input: NewKnowledge): Promise<Result<KnowledgeView, AssistantErrorCode>> {
      const scope = knowledgeScope(ctx.actor!.scope);
      if (scope === 'none') return err('assistant_knowledge_scope');
      let organizationId: string | null = scope === 'all' ? null : scope.organizationId;
      if (input.organizationId !== undefined && input.organizationId !== organizationId) {
        // Only platform staff choose the organisation; a merchant's entry is always its own.
        if (scope !== 'all') return err('assistant_knowledge_scope');
        if (!(await organizationExists(input.organizationId))) return err('assistant_organization_not_found');
        organizationId = input.organizationId;
      }
      const now = ctx.clock.now();
      const row: KnowledgeRow = { id: newId('akn', now.getTime()), organization_id: organizationId, kind: input.kind, title: input.title, body: input.body, created_by: ctx.actor!.userId, created_at: now, updated_at: now };
      await inTransaction(db, async (tx) => {
        await store.insertKnowledge(tx, row);
        await audit(tx, ctx, 'assistant_knowledge.created', null, row);
      });
      return ok(knowledgeView(row));
    },

    async update(ctx: RequestContext, id: string, patch: KnowledgePatch): Promise<Result<KnowledgeView, AssistantErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.findKnowledge(tx, ctx.actor!.scope, id, true);
        if (!before) return err('assistant_knowledge_not_found');
        const after = await store.updateKnowledge(tx, id, patch, ctx.clock.now());
        await audit(tx, ctx, 'assistant_knowledge.updated', before, after);
        return ok(knowledgeView(after));
      });
    },

    async remove(ctx: RequestContext, id: string): Promise<Result<{ id: string; deleted: true }, AssistantErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.findKnowledge(tx, ctx.actor!.scope, id, true);
        if (!before) return err('assistant_knowledge_not_found');
        await store.deleteKnowledge(tx, id);
        await audit(tx, ctx, 'assistant_knowledge.deleted', before, null);
        return ok({ id, deleted: true as const });
      });
    },
  };
}
export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
