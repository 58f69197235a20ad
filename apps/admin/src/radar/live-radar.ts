import { useEffect, useState } from 'react';
import { api } from '../api';

/** A live radar event as the stream sends it; `text` is already in the reader's language. */
export interface LiveRadarEvent {
  type: 'activity' | 'notification';
  text: string;
  occurredAt: string;
  ownerUserId: string;
  kind?: string;
  visitorId?: string | null;
  displayName?: string | null;
}

/**
 * The console's live radar: an EventSource on /admin/radar/stream, opened with a one-minute ticket
 * (EventSource cannot send the session header) and reopened with a fresh one after any drop.
 */
export function useLiveRadar(onEvent: (event: LiveRadarEvent) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let source: EventSource | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      if (stopped) return;
      try {
        const { ticket } = await api.post<{ ticket: string }>('/admin/radar/stream-ticket', undefined, { silent: true });
        if (stopped) return;
        source = new EventSource(`/admin/radar/stream?ticket=${encodeURIComponent(ticket)}`);
        const deliver = (message: MessageEvent<string>) => onEvent(JSON.parse(message.data) as LiveRadarEvent);
        source.addEventListener('ready', () => setConnected(true));
        source.addEventListener('activity', deliver as EventListener);
        source.addEventListener('notification', deliver as EventListener);
        source.onerror = () => {
          setConnected(false);
          source?.close();
          retry = setTimeout(() => void connect(), 3_000);
        };
      } catch {
        retry = setTimeout(() => void connect(), 10_000);
      }
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
    // One stream per mounted page; the handler reads state through setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { connected };
}
