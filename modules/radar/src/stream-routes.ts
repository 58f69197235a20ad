import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ApiFailure, authenticated, defineRoute, jsonResponse, OpenAPIHono, publicAccess, requires, type AppEnv } from '@linkmall/http';
import type { Locale } from '@linkmall/kernel';
import type { LiveBus, LiveEvent, StreamAudience } from './live-bus.ts';
import { StreamQuerySchema, StreamTicketSchema } from './radar-schemas.ts';
import { audienceOf, type StreamSurface, type StreamTickets } from './stream-ticket.ts';

const KEEP_ALIVE_MS = 15_000;
/** Streams end after 30 minutes; EventSource then reconnects (with a fresh ticket from the page). */
const MAX_STREAM_MS = 30 * 60_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A live event as the stream sends it: the text in the reader's language. */
function streamed(event: LiveEvent, locale: Locale) {
  const { text, ...rest } = event;
  return { ...rest, text: text[locale] };
}

/** Opens the SSE stream: a `ready` event, then `activity` and `notification` events as they happen. */
export function openLiveStream(c: Context<AppEnv>, bus: LiveBus, audience: StreamAudience) {
  const locale = c.var.ctx.locale;
  return streamSSE(c, async (stream) => {
    const unsubscribe = bus.subscribe(audience, (event) => {
      void stream.writeSSE({ event: event.type, data: JSON.stringify(streamed(event, locale)) }).catch(() => stream.abort());
    });
    stream.onAbort(unsubscribe);
    try {
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: audience.userId, team: audience.team }), retry: 3_000 });
      const endAt = Date.now() + MAX_STREAM_MS;
      while (!stream.aborted && !stream.closed && Date.now() < endAt) {
        await pause(KEEP_ALIVE_MS);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
}

/**
 * The stream routes of one surface. The stream itself is public in the route table because a browser's
 * EventSource cannot send the session header: it accepts either the session (Bearer) or a ticket.
 */
export function streamRoutes(surface: StreamSurface, bus: LiveBus, tickets: StreamTickets) {
  const ticketAccess = surface === 'admin' ? requires('visitor.read') : authenticated;
  const audienceFor = (c: Context<AppEnv>, ticket: string | undefined): StreamAudience => {
    const actor = c.var.ctx.actor;
    if (actor) {
      if (surface === 'admin' && !actor.permissions.has('visitor.read')) throw new ApiFailure('forbidden');
      return audienceOf(actor, surface);
    }
    if (!ticket) throw new ApiFailure('unauthenticated');
    const audience = tickets.verify(ticket, surface, c.var.ctx.clock.now());
    if (!audience) throw new ApiFailure('radar_stream_ticket_invalid');
    return audience;
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(ticketAccess, {
        method: 'post',
        path: '/radar/stream-ticket',
        tags: ['Radar'],
        summary: 'A one-minute ticket to open the live radar stream with EventSource',
        responses: { 200: jsonResponse(StreamTicketSchema, 'The ticket') },
      }),
      (c) => {
        const ctx = c.var.ctx;
        return c.json(tickets.issue(audienceOf(ctx.actor!, surface), surface, ctx.clock.now()), 200);
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/radar/stream',
        tags: ['Radar'],
        summary: surface === 'admin'
          ? 'Live radar (server-sent events): visits and clicks on the caller’s cards, and for managers their team’s'
          : 'Live radar (server-sent events): visits and clicks on the caller’s cards, and their notifications',
        description: 'Authenticated by the session (Authorization: Bearer) or by `?ticket=` from POST …/radar/stream-ticket.',
        request: { query: StreamQuerySchema },
        responses: { 200: { description: 'text/event-stream of `ready`, `activity` and `notification` events' } },
      }),
      (c) => openLiveStream(c, bus, audienceFor(c, c.req.valid('query').ticket)) as never,
    );
}
