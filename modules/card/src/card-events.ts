/**
 * Facts the card module publishes through the outbox, written in the transaction that makes the
 * change: the radar and the CRM listen to them.
 */
export interface CardEventPayloads {
  'card.saved': { cardId: string; ownerUserId: string; organizationId: string };
  'card.shared': { cardId: string; shareId: string; parentShareId: string | null; ownerUserId: string; organizationId: string; sharerVisitorId: string | null };
  'card.phone_revealed': { cardId: string; ownerUserId: string; organizationId: string; visitorId: string; userId: string | null; shareId: string | null };
  'card_template.saved': { templateId: string; organizationId: string };
  'card.draft_created': { draftId: string; ownerUserId: string; source: 'ocr' | 'manual' };
}
export type CardEventType = keyof CardEventPayloads;

export interface CardEvent<T extends CardEventType = CardEventType> {
  readonly type: T;
  readonly aggregateId: string;
  readonly payload: CardEventPayloads[T];
}

/** Builds an event with its payload checked against the type. */
export const cardEvent = <T extends CardEventType>(type: T, aggregateId: string, payload: CardEventPayloads[T]): CardEvent<T> => ({ type, aggregateId, payload });
