/** Published through the outbox with the change that caused them. */
export interface CrmEvents {
  'lead.created': { leadId: string; ownerUserId: string; source: string };
  'lead.stage_changed': { leadId: string; ownerUserId: string; from: string; to: string };
  'lead.reassigned': { leadId: string; fromUserId: string; toUserId: string };
  'lead.merged': { keptLeadId: string; mergedLeadId: string; ownerUserId: string };
  'crm.automation_fired': { automationId: string; leadId: string; period: string; trigger: string };
}

export function crmEvent<T extends keyof CrmEvents>(type: T, aggregateId: string, payload: CrmEvents[T]) {
  return { type, aggregateId, payload };
}
