import type { Locale } from '@linkmall/kernel';

/**
 * The carriers the ship form and the CSV import offer. Codes are Kuaidi100's company codes, so a
 * shipment can be tracked without translation; names are what buyers see.
 */
export interface Carrier {
  readonly code: string;
  readonly name: { readonly 'zh-CN': string; readonly en: string };
  /** Other names shippers type for the same carrier (short forms, old brands). */
  readonly aliases: readonly string[];
}

export const CARRIERS: readonly Carrier[] = [
  { code: 'shunfeng', name: { 'zh-CN': '顺丰速运', en: 'SF Express' }, aliases: ['顺丰', '顺丰快递', 'SF'] },
  { code: 'jd', name: { 'zh-CN': '京东快递', en: 'JD Logistics' }, aliases: ['京东', '京东物流'] },
  { code: 'ems', name: { 'zh-CN': 'EMS', en: 'EMS' }, aliases: ['中国邮政EMS'] },
  { code: 'youzhengguonei', name: { 'zh-CN': '邮政快递包裹', en: 'China Post' }, aliases: ['邮政', '中国邮政', '邮政包裹'] },
  { code: 'zhongtong', name: { 'zh-CN': '中通快递', en: 'ZTO Express' }, aliases: ['中通', 'ZTO'] },
  { code: 'yuantong', name: { 'zh-CN': '圆通速递', en: 'YTO Express' }, aliases: ['圆通', '圆通快递', 'YTO'] },
  { code: 'shentong', name: { 'zh-CN': '申通快递', en: 'STO Express' }, aliases: ['申通', 'STO'] },
  { code: 'yunda', name: { 'zh-CN': '韵达快递', en: 'Yunda Express' }, aliases: ['韵达'] },
  { code: 'jtexpress', name: { 'zh-CN': '极兔速递', en: 'J&T Express' }, aliases: ['极兔', '极兔快递', '百世快递'] },
  { code: 'debangkuaidi', name: { 'zh-CN': '德邦快递', en: 'Deppon Express' }, aliases: ['德邦', '德邦物流'] },
  { code: 'zhaijisong', name: { 'zh-CN': '宅急送', en: 'ZJS Express' }, aliases: [] },
  { code: 'danniao', name: { 'zh-CN': '丹鸟', en: 'Danniao' }, aliases: ['丹鸟物流'] },
];

const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '');

const byKey = new Map<string, Carrier>();
for (const carrier of CARRIERS) {
  for (const key of [carrier.code, carrier.name['zh-CN'], carrier.name.en, ...carrier.aliases]) byKey.set(normalize(key), carrier);
}

/** The carrier with this exact code, or undefined. */
export function carrierByCode(code: string): Carrier | undefined {
  const carrier = byKey.get(normalize(code));
  return carrier?.code === normalize(code) ? carrier : undefined;
}

/** A carrier by its code, either name or an alias, as shippers type them; undefined when unknown. */
export function findCarrier(codeOrName: string): Carrier | undefined {
  return byKey.get(normalize(codeOrName));
}

export function carrierList(locale: Locale): { code: string; name: string; names: Carrier['name'] }[] {
  return CARRIERS.map((carrier) => ({ code: carrier.code, name: carrier.name[locale], names: carrier.name }));
}
