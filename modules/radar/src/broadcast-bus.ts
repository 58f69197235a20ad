import { randomBytes } from 'node:crypto';
import type { Broadcast } from '@linkmall/events';
import { createInProcessBus, reaches, type LiveBus, type LiveEvent, type StreamAudience } from './live-bus.ts';

const LIVE_CHANNEL = 'radar.live';
const INTEREST_CHANNEL = 'radar.interest';
/** Each process re-announces its open streams this often; an announcement not renewed in 3 periods is dropped (a crashed process). */
const ANNOUNCE_EVERY_MS = 20_000;
const INTEREST_TTL_MS = 3 * ANNOUNCE_EVERY_MS;
/** Past this many owners the announcement says "everything" instead: it must fit in one NOTIFY. */
const MAX_ANNOUNCED_IDS = 150;
const MAX_TEXT_CHARS = 400;

/** What one process's open streams would hear: owners, organisations, or everything. */
interface Interest {
  readonly from: string;
  readonly owners: readonly string[];
  readonly organizations: readonly string[];
  readonly all: boolean;
  /** A process that just started asks the others to announce at once. */
  readonly hello?: boolean;
}

interface RemoteInterest {
  readonly owners: ReadonlySet<string>;
  readonly organizations: ReadonlySet<string>;
  readonly all: boolean;
  readonly expiresAtMs: number;
}

const clip = (text: string | null | undefined) => (typeof text === 'string' && text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text);

/** A live event small enough for NOTIFY's 8000 bytes whatever a visitor typed: long texts are clipped. */
function forTheWire(event: LiveEvent): LiveEvent {
  return {
    ...event,
    text: { 'zh-CN': clip(event.text['zh-CN'])!, en: clip(event.text.en)! },
    ...(event.displayName ? { displayName: clip(event.displayName) } : {}),
    ...(event.link ? { link: clip(event.link) } : {}),
  };
}

function interestOf(audiences: Iterable<StreamAudience>, from: string): Interest {
  const owners = new Set<string>();
  const organizations = new Set<string>();
  let all = false;
  for (const audience of audiences) {
    owners.add(audience.userId);
    if (audience.team === 'all') all = true;
    if (audience.team === 'organization' && audience.organizationId) organizations.add(audience.organizationId);
  }
  if (all || owners.size + organizations.size > MAX_ANNOUNCED_IDS) return { from, owners: [], organizations: [], all: true };
  return { from, owners: [...owners], organizations: [...organizations], all: false };
}

function remoteReaches(interest: RemoteInterest, event: LiveEvent): boolean {
  if (interest.all || interest.owners.has(event.ownerUserId)) return true;
  return event.type === 'activity' && event.organizationId !== null && interest.organizations.has(event.organizationId);
}

/**
 * The radar bus across API processes. Streams stay local to the process that holds them; each process
 * announces whose activity its streams would hear, so `wants()` and `publish()` check a few sets in
 * memory and only events that someone somewhere listens to go over the broadcast. A burst of card
 * views for owners nobody watches costs no NOTIFY at all.
 */
export function createBroadcastBus(broadcast: Broadcast, options: { onError?: (error: unknown) => void } = {}): LiveBus & { close(): void } {
  const self = randomBytes(8).toString('hex');
  const local = createInProcessBus();
  const audiences = new Set<StreamAudience>();
  const remote = new Map<string, RemoteInterest>();
  const onError = options.onError ?? (() => {});
  let announceQueued = false;

  const send = (channel: string, payload: unknown) => void broadcast.publish(channel, payload).catch(onError);
  const announce = (hello = false) => send(INTEREST_CHANNEL, { ...interestOf(audiences, self), ...(hello ? { hello: true } : {}) } satisfies Interest);
  // Several streams opening in one tick (a console page with tabs) make one announcement.
  const announceSoon = () => {
    if (announceQueued) return;
    announceQueued = true;
    queueMicrotask(() => {
      announceQueued = false;
      announce();
    });
  };
  const remoteWants = (event: LiveEvent) => {
    const nowMs = Date.now();
    for (const [from, interest] of remote) {
      if (interest.expiresAtMs <= nowMs) remote.delete(from);
      else if (remoteReaches(interest, event)) return true;
    }
    return false;
  };

  const stopLive = broadcast.subscribe(LIVE_CHANNEL, (payload) => {
    const { from, event } = payload as { from: string; event: LiveEvent };
    if (from !== self && event) local.publish(event);
  });
  const stopInterest = broadcast.subscribe(INTEREST_CHANNEL, (payload) => {
    const interest = payload as Interest;
    if (!interest || interest.from === self) return;
    const empty = !interest.all && interest.owners.length === 0 && interest.organizations.length === 0;
    if (empty) remote.delete(interest.from);
    else remote.set(interest.from, { owners: new Set(interest.owners), organizations: new Set(interest.organizations), all: interest.all, expiresAtMs: Date.now() + INTEREST_TTL_MS });
    if (interest.hello && audiences.size > 0) announceSoon();
  });
  const timer = setInterval(() => {
    if (audiences.size > 0) announce();
  }, ANNOUNCE_EVERY_MS);
  timer.unref();
  announce(true);

  return {
    publish(event) {
      local.publish(event);
      if (remoteWants(event)) send(LIVE_CHANNEL, { from: self, event: forTheWire(event) });
    },
    subscribe(audience, listener) {
      const entry = { ...audience };
      audiences.add(entry);
      announceSoon();
      const unsubscribe = local.subscribe(audience, listener);
      return () => {
        unsubscribe();
        if (audiences.delete(entry)) announceSoon();
      };
    },
    wants(ownerUserId, organizationId) {
      if (local.wants(ownerUserId, organizationId)) return true;
      const probe: LiveEvent = { type: 'activity', ownerUserId, organizationId, occurredAt: '', text: { 'zh-CN': '', en: '' } };
      return remoteWants(probe);
    },
    get listeners() {
      return local.listeners;
    },
    close() {
      clearInterval(timer);
      audiences.clear();
      announce();
      stopLive();
      stopInterest();
    },
  };
}
