import type { Clock, PiiCipher, RequestContext, Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { createAutomationRunner } from './automation-runner.ts';
import { createAutomationService, createRecordingOwnerNotifier } from './automation-service.ts';
import { createContactService, type UpsertedContact } from './contact-service.ts';
import type { CrmErrorCode } from './crm-errors.ts';
import { noBehaviour, noCouponIssuer, noProductTitles, noPurchases, type BehaviourReader, type CouponIssuer, type OwnerNotifier, type ProductTitles, type PurchaseHistory, type UserDirectory } from './crm-ports.ts';
import { createInsightService } from './insight-service.ts';
import { mergeLeads } from './lead-merge.ts';
import { createLeadService } from './lead-service.ts';
import type { LeadAccess } from './crm-store.ts';

export interface CrmModuleOptions {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly clock: Clock;
  readonly users: UserDirectory;
  readonly behaviour?: BehaviourReader;
  readonly purchases?: PurchaseHistory;
  readonly titles?: ProductTitles;
  readonly coupons?: CouponIssuer;
  /** Defaults to the in-module inbox (crm_owner_notifications). */
  readonly notifier?: OwnerNotifier;
}

/** A visitor the radar saw (radar.visitor_active), as the flow hands it over. */
export interface VisitorActivity {
  readonly ownerUserId: string;
  readonly organizationId: string | null;
  readonly visitorId: string;
  readonly userId: string | null;
  readonly displayName: string | null;
  readonly occurredAt: Date;
}

/** A contact-form message from a card (radar.contact_submitted). */
export interface ContactFormSubmission {
  readonly ownerUserId: string;
  readonly organizationId: string | null;
  readonly visitorId: string;
  readonly name: string;
  readonly phone: string;
  readonly message: string;
}

/** The CRM module: leads, notes, tasks, tags, merges, intent, segmentation and automations. */
export function createCrmModule(options: CrmModuleOptions) {
  const { db, pii } = options;
  const titles = options.titles ?? noProductTitles;
  const purchases = options.purchases ?? noPurchases;
  const inbox = createRecordingOwnerNotifier(db, options.clock);
  const insights = createInsightService({ db, behaviour: options.behaviour ?? noBehaviour, purchases, titles });
  const contacts = createContactService({ db, pii, users: options.users });
  const leads = createLeadService({ db, pii, users: options.users, insights });
  return {
    contacts,
    leads,
    insights,
    automations: createAutomationService(db),
    automationRunner: createAutomationRunner({ db, purchases, titles, coupons: options.coupons ?? noCouponIssuer, notifier: options.notifier ?? inbox, insights }),
    /** The in-module notification inbox (what the default notifier recorded). */
    inbox,
    merge: (ctx: RequestContext, access: LeadAccess, leadId: string, duplicateLeadId: string) => mergeLeads(db, ctx, access, leadId, duplicateLeadId),
    /** The contract's leadContext for the AI assistant. */
    leadContext: (leadId: string) => insights.leadContext(leadId),

    /** A consented visitor was active on an owner's card: create or refresh their lead, in the delivery's transaction. */
    async recordVisitor(tx: Db, ctx: RequestContext, activity: VisitorActivity): Promise<Result<UpsertedContact, CrmErrorCode>> {
      const result = await contacts.upsertIn(
        tx,
        ctx,
        { ownerUserId: activity.ownerUserId, source: 'visitor', visitorId: activity.visitorId, userId: activity.userId ?? undefined, name: activity.displayName ?? undefined },
        { organizationId: activity.organizationId, activeAt: activity.occurredAt },
      );
      if (result.ok) await insights.refresh(tx, ctx, result.value.leadId);
      return result;
    },

    /** A visitor left their name and phone on the card's contact form. */
    async recordContactForm(tx: Db, ctx: RequestContext, submission: ContactFormSubmission): Promise<Result<UpsertedContact, CrmErrorCode>> {
      return contacts.upsertIn(
        tx,
        ctx,
        { ownerUserId: submission.ownerUserId, source: 'form', visitorId: submission.visitorId, name: submission.name, phones: [submission.phone], note: submission.message },
        { organizationId: submission.organizationId },
      );
    },
  };
}
export type CrmModule = ReturnType<typeof createCrmModule>;
