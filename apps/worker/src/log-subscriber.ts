import type { Logger, Subscriber } from '@linkmall/events';

/** Logs every event at debug level: a trace of what the outbox carried, and a smoke test of delivery. */
export function logSubscriber(logger: Logger): Subscriber {
  return {
    name: 'log',
    eventTypes: '*',
    handle: async (_tx, event) => {
      logger.debug(
        { eventId: event.id, type: event.type, aggregateId: event.aggregateId, requestId: event.requestId, attempt: event.attempt },
        'event',
      );
    },
  };
}
