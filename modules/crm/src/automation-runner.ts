import { newId, type RequestContext } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import { highIntentDue, inactiveDue, repurchaseCycles, repurchaseDue, type AutomationParams, type ProductPurchase } from './domain/automation-rules.ts';
import { intentScore } from './domain/intent-score.ts';
import { automationStore, type AutomationRow } from './automation-store.ts';
import { paramsOf } from './automation-service.ts';
import { crmEvent } from './crm-events.ts';
import type { CouponIssuer, OwnerNotifier, ProductTitles, PurchaseHistory } from './crm-ports.ts';
import { crmStore, type LeadRow } from './crm-store.ts';
import type { InsightService } from './insight-service.ts';

const DAY_MS = 86_400_000;
/** How many leads one automation looks at per run; larger organisations are covered over later runs. */
const LEADS_PER_RUN = 5_000;

export interface AutomationRunnerDeps {
  readonly db: Db;
  readonly purchases: PurchaseHistory;
  readonly titles: ProductTitles;
  readonly coupons: CouponIssuer;
  readonly notifier: OwnerNotifier;
  readonly insights: InsightService;
}

export interface AutomationRunReport {
  inactive: number;
  repurchase: number;
  highIntent: number;
  couponsIssued: number;
  couponsFailed: number;
}

/** A task an automation writes (the TaskSink): due now, in both languages, linked to its automation. */
interface TaskDraft {
  readonly zh: string;
  readonly en: string;
}

const leadName = (lead: LeadRow) => lead.name ?? lead.company ?? '访客';
const leadNameEn = (lead: LeadRow) => lead.name ?? lead.company ?? 'a visitor';

export function createAutomationRunner(deps: AutomationRunnerDeps) {
  const { db } = deps;

  /** Claims the firing and writes its task in one transaction; false when it already fired. */
  async function fire(ctx: RequestContext, automation: AutomationRow, lead: LeadRow, period: string, task: TaskDraft | null): Promise<boolean> {
    const now = ctx.clock.now();
    return inTransaction(db, async (tx) => {
      if (!(await automationStore.claimRun(tx, { automationId: automation.id, leadId: lead.id, period, firedAt: now }))) return false;
      if (task) {
        await crmStore.insertTask(tx, { id: newId('ltk', now.getTime()), lead_id: lead.id, owner_user_id: lead.owner_user_id, title: task.zh.slice(0, 200), title_en: task.en.slice(0, 200), due_at: now, done_at: null, automation_id: automation.id, created_at: now });
      }
      await publishEvent(tx, ctx, crmEvent('crm.automation_fired', automation.id, { automationId: automation.id, leadId: lead.id, period, trigger: automation.trigger }));
      return true;
    });
  }

  async function runInactive(ctx: RequestContext, automation: AutomationRow, params: Extract<AutomationParams, { trigger: 'inactive' }>, leads: LeadRow[], report: AutomationRunReport) {
    const now = ctx.clock.now();
    for (const lead of leads) {
      if (lead.stage === 'won' || lead.stage === 'lost') continue;
      const period = inactiveDue({ lastActiveAt: lead.last_active_at, createdAt: lead.created_at }, params.days, now);
      if (!period) continue;
      const task = { zh: `流失预警：${leadName(lead)} 已 ${params.days} 天未访问，请跟进`, en: `Churn warning: ${leadNameEn(lead)} has not visited for ${params.days} days; follow up` };
      if (!(await fire(ctx, automation, lead, period, task))) continue;
      report.inactive++;
      if (!params.couponTemplateId || !lead.user_id) continue;
      // The coupon leaves after the firing committed: a failure is recorded, never retried into a second coupon.
      const coupon = await deps.coupons.issue(ctx, { userId: lead.user_id, couponTemplateId: params.couponTemplateId });
      if (coupon.ok) report.couponsIssued++;
      else report.couponsFailed++;
      await automationStore.recordOutcome(db, { automationId: automation.id, leadId: lead.id, period }, coupon.ok ? { couponId: coupon.value.couponId } : { couponError: coupon.code });
    }
  }

  async function runRepurchase(ctx: RequestContext, automation: AutomationRow, params: Extract<AutomationParams, { trigger: 'repurchase' }>, leads: LeadRow[], report: AutomationRunReport) {
    const buyers = leads.filter((lead) => lead.user_id);
    if (buyers.length === 0) return;
    const history = await deps.purchases.purchasesOf([...new Set(buyers.map((lead) => lead.user_id!))]);
    const byBuyer = new Map<string, ProductPurchase[]>();
    for (const [userId, orders] of history) byBuyer.set(userId, orders.flatMap((order) => order.productIds.map((productId) => ({ productId, paidAt: order.paidAt }))));
    const cycles = repurchaseCycles(byBuyer.values());
    const now = ctx.clock.now();
    for (const lead of buyers) {
      const due = repurchaseDue(byBuyer.get(lead.user_id!) ?? [], cycles, params.defaultCycleDays, now);
      if (due.length === 0) continue;
      const titles = await deps.titles(due.map((reminder) => reminder.productId));
      for (const reminder of due) {
        const title = titles.get(reminder.productId)?.title ?? reminder.productId;
        const task = { zh: `复购提醒：${leadName(lead)} 购买的 ${title} 已到复购周期（${reminder.cycleDays} 天）`, en: `Repurchase reminder: ${leadNameEn(lead)} bought ${title} ${reminder.cycleDays} days ago, its usual cycle` };
        if (await fire(ctx, automation, lead, reminder.period, task)) report.repurchase++;
      }
    }
  }

  async function runHighIntent(ctx: RequestContext, automation: AutomationRow, params: Extract<AutomationParams, { trigger: 'high_intent' }>, leads: LeadRow[], report: AutomationRunReport) {
    const now = ctx.clock.now();
    for (const lead of leads) {
      // Only leads seen in the last day can be due; the rest are not worth a behaviour read.
      if (lead.visitor_ids.length === 0 || !lead.last_active_at || now.getTime() - lead.last_active_at.getTime() > DAY_MS) continue;
      const behaviour = await deps.insights.behaviourOf(lead);
      if (!behaviour) continue;
      const titles = await deps.titles(behaviour.products.map((product) => product.productId));
      const score = intentScore(behaviour, new Map([...titles].map(([id, product]) => [id, product.title])));
      const period = highIntentDue(score.score, params.threshold, behaviour.lastSeenAt, now);
      if (!period || !(await fire(ctx, automation, lead, period, null))) continue;
      report.highIntent++;
      await deps.notifier.notify(lead.owner_user_id, {
        kind: 'crm.high_intent',
        title: { 'zh-CN': `高意向访客：${leadName(lead)}（${score.score} 分）`, en: `High-intent visitor: ${leadNameEn(lead)} (score ${score.score})` },
        body: score.explanation,
        link: `/leads/${lead.id}`,
      });
    }
  }

  return {
    /** The `crm.automations` job: every enabled automation over the leads in its scope, each firing once. */
    async run(ctx: RequestContext): Promise<AutomationRunReport> {
      const report: AutomationRunReport = { inactive: 0, repurchase: 0, highIntent: 0, couponsIssued: 0, couponsFailed: 0 };
      for (const automation of await automationStore.enabled(db)) {
        const leads = await crmStore.leadsInScope(db, automation.organization_id, LEADS_PER_RUN);
        const params = paramsOf(automation);
        if (params.trigger === 'inactive') await runInactive(ctx, automation, params, leads, report);
        else if (params.trigger === 'repurchase') await runRepurchase(ctx, automation, params, leads, report);
        else await runHighIntent(ctx, automation, params, leads, report);
      }
      return report;
    },

    runsOf: (automationId: string) => automationStore.runsOf(db, automationId),
  };
}
export type AutomationRunner = ReturnType<typeof createAutomationRunner>;
