import { createHash } from 'node:crypto';
import type { TrackingCheckpoint, TrackingStatus } from '@linkmall/order';

/** The query's signature: upper-case hex MD5 of param + key + customer, concatenated as sent. */
export function kuaidi100Sign(param: string, key: string, customer: string): string {
  return createHash('md5').update(param + key + customer, 'utf8').digest('hex').toUpperCase();
}

/**
 * Kuaidi100's parcel states (`state`): 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回, 7 转投,
 * 8 and 10–12 customs clearance, 13 清关异常, 14 拒签. Checkpoints carry the same states as Chinese words.
 */
const STATE_BY_CODE: Record<string, TrackingStatus> = {
  '0': 'in_transit',
  '1': 'picked_up',
  '2': 'exception',
  '3': 'delivered',
  '4': 'returned',
  '5': 'out_for_delivery',
  '6': 'returning',
  '7': 'in_transit',
  '8': 'in_transit',
  '10': 'in_transit',
  '11': 'in_transit',
  '12': 'in_transit',
  '13': 'exception',
  '14': 'exception',
};
const STATE_BY_WORD: Record<string, TrackingStatus> = {
  在途: 'in_transit',
  揽收: 'picked_up',
  疑难: 'exception',
  签收: 'delivered',
  退签: 'returned',
  派件: 'out_for_delivery',
  退回: 'returning',
  转投: 'in_transit',
  清关: 'in_transit',
  待清关: 'in_transit',
  清关中: 'in_transit',
  已清关: 'in_transit',
  清关异常: 'exception',
  拒签: 'exception',
};

export const stateOf = (code: unknown): TrackingStatus | undefined => (typeof code === 'string' || typeof code === 'number' ? STATE_BY_CODE[String(code)] : undefined);

/** "2026-11-22 14:05:09" in Beijing time (what Kuaidi100 sends) as ISO 8601 with its offset; null when unreadable. */
export function beijingTime(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00'] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

interface RawCheckpoint {
  time?: unknown;
  ftime?: unknown;
  context?: unknown;
  location?: unknown;
  areaName?: unknown;
  status?: unknown;
}

/** One data item as a checkpoint; items without a readable time or text are dropped rather than guessed. */
export function toCheckpoint(item: RawCheckpoint, fallback: TrackingStatus): TrackingCheckpoint | null {
  const time = beijingTime(item.ftime) ?? beijingTime(item.time);
  const description = typeof item.context === 'string' ? item.context.trim() : '';
  if (!time || !description) return null;
  const place = [item.location, item.areaName].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const status = (typeof item.status === 'string' ? STATE_BY_WORD[item.status.trim()] : undefined) ?? stateOf(item.status) ?? fallback;
  return { time, location: place?.trim() ?? null, description, status };
}
