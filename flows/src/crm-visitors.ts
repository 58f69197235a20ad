import type { CrmModule } from '@linkmall/crm';
import type { Subscriber } from '@linkmall/events';
import type { RadarEventPayloads, RadarModule } from '@linkmall/radar';

/**
 * Radar's facts become CRM leads: a consented visitor active on a card creates or refreshes the
 * owner's lead (intent score and interest tags recomputed), and a contact-form message adds the
 * visitor's name, phone and message to it. Both run in the delivery's transaction, so each event
 * changes the lead exactly once.
 */
export function crmVisitorSubscribers(crm: CrmModule, radar: Pick<RadarModule, 'contactOf'>): Subscriber[] {
  return [
    {
      name: 'crm.visitor-leads',
      eventTypes: ['radar.visitor_active'],
      handle: async (tx, event, ctx) => {
        const payload = event.payload as RadarEventPayloads['radar.visitor_active'];
        const result = await crm.recordVisitor(tx, ctx, {
          ownerUserId: payload.ownerUserId,
          organizationId: payload.organizationId,
          visitorId: payload.visitorId,
          userId: payload.userId,
          displayName: payload.displayName,
          occurredAt: new Date(payload.occurredAt),
        });
        // An owner who no longer exists has no leads to keep; anything else is a bug and retries.
        if (!result.ok && result.code !== 'lead_owner_invalid') throw new Error(`crm could not record visitor ${payload.visitorId}: ${result.code}`);
      },
    },
    {
      name: 'crm.contact-form-leads',
      eventTypes: ['radar.contact_submitted'],
      handle: async (tx, event, ctx) => {
        const payload = event.payload as RadarEventPayloads['radar.contact_submitted'];
        const result = await crm.recordContactForm(tx, ctx, {
          ownerUserId: payload.ownerUserId,
          organizationId: payload.organizationId,
          visitorId: payload.visitorId,
          ...radar.contactOf(payload),
        });
        if (!result.ok && result.code !== 'lead_owner_invalid') throw new Error(`crm could not record a contact form of ${payload.visitorId}: ${result.code}`);
      },
    },
  ];
}
