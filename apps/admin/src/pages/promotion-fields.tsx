import type { FormRule as Rule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateTime, formatFen } from '../format';
import type { Translate } from '../i18n';
import { parseYuanToFen } from '../money';
import type { CouponRule } from '../promotion-types';

export type Window = [Dayjs | null, Dayjs | null] | null | undefined;

/** A required yuan amount of at least ¥0.01, as the API's positive fen fields require. */
export function yuanRules(t: Translate, required = true): Rule[] {
  return [
    ...(required ? [{ required: true, message: t('promotions.amountRequired') }] : []),
    {
      validator: (_, value: string | undefined) => {
        if (value === undefined || value === null || String(value).trim() === '') return Promise.resolve();
        const fen = parseYuanToFen(value);
        return fen !== null && fen >= 1 ? Promise.resolve() : Promise.reject(new Error(t('promotions.amountInvalid')));
      },
    },
  ];
}

/** A time window whose end is after its start and still ahead, as the API insists. */
export function windowRules(t: Translate): Rule[] {
  return [
    { required: true, message: t('promotions.windowRequired') },
    {
      validator: (_, value: Window) => {
        if (!value?.[0] || !value[1]) return Promise.reject(new Error(t('promotions.windowRequired')));
        if (!value[1].isAfter(value[0])) return Promise.reject(new Error(t('promotions.windowOrder')));
        if (!value[1].isAfter(dayjs())) return Promise.reject(new Error(t('promotions.windowPast')));
        return Promise.resolve();
      },
    },
  ];
}

/** An instant with the browser's offset (`2026-11-22T10:00:00+08:00`), the form the API accepts. */
export function instant(value: Dayjs): string {
  return value.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** Discount typed as 折 ("8.5" = pay 85 %), at most two decimals, above 0 and below 10. */
const ZHE_PATTERN = /^(\d)(?:\.(\d{1,2}))?$/;

/** 8.5折 → 1500 basis points off; null for anything outside 0.01–9.99. */
export function zheToRateBps(input: string | undefined | null): number | null {
  const match = ZHE_PATTERN.exec(String(input ?? '').trim());
  if (!match) return null;
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (hundredths < 1 || hundredths > 999) return null;
  return 10_000 - hundredths * 10;
}

/** 1500 basis points off → "8.5". */
export function rateBpsToZhe(rateBps: number): string {
  return ((10_000 - rateBps) / 1000).toFixed(3).replace(/\.?0+$/, '');
}

/** The rule in one line: 满 ¥100.00 减 ¥10.00, 8.5 折（最高减 ¥20.00）, 无门槛减 ¥5.00. */
export function describeCouponRule(rule: CouponRule, t: Translate): string {
  if (rule.kind === 'full_reduction') {
    return t('promotions.rule.fullReduction', { threshold: formatFen(rule.thresholdFen), reduction: formatFen(rule.reductionFen) });
  }
  if (rule.kind === 'no_threshold') return t('promotions.rule.noThreshold', { reduction: formatFen(rule.reductionFen) });
  const rateBps = rule.rateBps ?? 0;
  let text = t('promotions.rule.discount', { zhe: rateBpsToZhe(rateBps), percent: (rateBps / 100).toFixed(2).replace(/\.?0+$/, '') });
  if (Number(rule.thresholdFen) > 0) text = `${t('promotions.rule.from', { threshold: formatFen(rule.thresholdFen) })}${text}`;
  if (rule.maxDiscountFen !== null) text += t('promotions.rule.cap', { cap: formatFen(rule.maxDiscountFen) });
  return text;
}

/** A time window on two lines, so a narrow column never breaks a date in half. */
export function WindowText({ from, until }: { from: string | null; until: string | null }) {
  return (
    <div style={{ lineHeight: 1.5, whiteSpace: 'nowrap' }}>
      {formatDateTime(from, false)}
      <br />~ {formatDateTime(until, false)}
    </div>
  );
}
