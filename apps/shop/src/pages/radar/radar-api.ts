import { request } from '../../api'

export interface RadarVisitor {
  visitorId: string
  label: string
  avatarUrl: string | null
  visits: number
  dwellSeconds: number
  lastSeenAt: string
  productsViewed: { productId: string; title: string | null; seconds: number; clicks: number }[]
  forwardedTo: { visitorId: string; displayName: string | null }[]
  cameFrom: string | null
  contactSubmitted: boolean
}

export interface TimelineEntry {
  kind: string
  occurredAt: string
  text: string
  seconds: number | null
  contact: { name: string; phoneMasked: string; message: string } | null
}

export interface RadarNotification {
  id: string
  kind: string
  title: string
  body: string
  link: string | null
  createdAt: string
  readAt: string | null
}

/** A live radar event as the stream sends it (text already in the reader's language). */
export interface LiveActivity {
  type: 'activity' | 'notification'
  text: string
  visitorId?: string | null
  kind?: string
}

interface Page<T> {
  items: T[]
  total: number
}

/** The owner's radar API (/shop/radar…, /shop/notifications…). */
export const radarApi = {
  visitors: () => request<Page<RadarVisitor>>('GET', '/shop/radar/visitors?pageSize=50'),
  timeline: (visitorId: string) => request<Page<TimelineEntry>>('GET', `/shop/radar/visitors/${encodeURIComponent(visitorId)}/timeline?pageSize=100`),
  notifications: () => request<Page<RadarNotification> & { unread: number }>('GET', '/shop/notifications?pageSize=50'),
  markRead: (id: string) => request<RadarNotification>('POST', `/shop/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => request<{ marked: number }>('POST', '/shop/notifications/read-all'),
  streamTicket: () => request<{ ticket: string }>('POST', '/shop/radar/stream-ticket'),
}

/**
 * Opens the live radar on h5 (EventSource with a one-minute ticket, renewed on each reconnect).
 * The mini program has no EventSource; it refreshes when the page shows. Returns a stop function.
 */
export function openLiveRadar(onEvent: (event: LiveActivity) => void): () => void {
  if (process.env.TARO_ENV !== 'h5' || typeof EventSource === 'undefined') return () => undefined
  let source: EventSource | null = null
  let stopped = false
  const connect = async () => {
    if (stopped) return
    try {
      const { ticket } = await radarApi.streamTicket()
      if (stopped) return
      source = new EventSource(`/shop/radar/stream?ticket=${encodeURIComponent(ticket)}`)
      const deliver = (message: MessageEvent<string>) => onEvent(JSON.parse(message.data) as LiveActivity)
      source.addEventListener('activity', deliver as EventListener)
      source.addEventListener('notification', deliver as EventListener)
      source.onerror = () => {
        // The ticket is single-minute: after a drop, close and come back with a fresh one.
        source?.close()
        setTimeout(() => void connect(), 3_000)
      }
    } catch {
      setTimeout(() => void connect(), 10_000)
    }
  }
  void connect()
  return () => {
    stopped = true
    source?.close()
  }
}

export function duration(seconds: number, t: (key: 'radar.seconds' | 'radar.minutes', values: Record<string, number>) => string): string {
  return seconds < 60 ? t('radar.seconds', { seconds }) : t('radar.minutes', { minutes: Math.round(seconds / 60) })
}

export const shortTime = (iso: string) => iso.slice(5, 16).replace('T', ' ')
