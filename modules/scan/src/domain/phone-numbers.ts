export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface PhoneMatch {
  /** Mobiles as 11 digits, landlines as area-number[-extension], others as +digits. */
  readonly value: string;
  readonly kind: PhoneKind;
  /** How sure the pattern alone is that this is a phone number of that kind (0–1). */
  readonly strength: number;
}

// Digits with the separators cards print between groups: spaces, dashes, dots, brackets.
const CANDIDATE = /(?:\+|00)?\d[\d\s\-.()]{5,}\d(?:\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6})?/gi;
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const MOBILE = /^1[3-9]\d{9}$/;
const SERVICE = /^[48]00\d{7}$/;

/**
 * Finds Chinese mobiles, landlines (with area code, optional extension), 400/800 numbers and other
 * international numbers in a piece of text; +86 / 0086 prefixes are dropped.
 */
export function findPhoneNumbers(text: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    for (const candidate of splitJoinedNumbers(match[0])) {
      const phone = classifyPhone(candidate);
      if (phone && !found.some((existing) => existing.value === phone.value)) found.push(phone);
    }
  }
  return found;
}

/** "021-6888 1234 / 138 0013 8000" on one line: split at a slash or wide gap, or before a trailing mobile. */
function splitJoinedNumbers(raw: string): string[] {
  const parts: string[] = [];
  for (const part of raw.split(/\s*[/,;]\s*|\s{2,}/).filter(Boolean)) {
    const digits = part.replace(/\D/g, '');
    const trailingMobile = /1[3-9]\d{9}$/.exec(digits)?.[0];
    if (digits.length > 13 && trailingMobile && classifyPhone(digits.slice(0, -11))) parts.push(digits.slice(0, -11), trailingMobile);
    else parts.push(part);
  }
  return parts;
}

export function classifyPhone(raw: string): PhoneMatch | null {
  const extension = EXTENSION.exec(raw)?.[1];
  const body = extension ? raw.replace(EXTENSION, '') : raw;
  const international = /^\s*(\+|00)/.test(body);
  let digits = body.replace(/\D/g, '');
  if (international) digits = digits.replace(/^00/, '');
  const china = international ? digits.startsWith('86') : digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2));
  if (china) digits = digits.slice(2);
  if (international && !china) {
    // Country codes never start with 0.
    if (digits.startsWith('0') || digits.length < 8 || digits.length > 15) return null;
    return { value: `+${digits}${extension ? `-${extension}` : ''}`, kind: 'other', strength: 0.7 };
  }
  if (MOBILE.test(digits)) return { value: digits, kind: 'mobile', strength: 0.97 };
  if (SERVICE.test(digits)) return { value: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`, kind: 'landline', strength: 0.9 };
  // After +86 the trunk 0 is usually left out: +86 21 6888 1234.
  if (china && /^[1-9]\d{8,10}$/.test(digits) && !MOBILE.test(digits)) digits = `0${digits}`;
  const landline = landlineParts(digits);
  if (landline) return { value: `${landline.area}-${landline.number}${extension ? `-${extension}` : ''}`, kind: 'landline', strength: 0.9 };
  return null;
}

/** Area codes: 010 and 02X have three digits, every other one four (0755, 0571). */
function landlineParts(digits: string): { area: string; number: string } | null {
  if (!/^0[1-9]/.test(digits)) return null;
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const number = digits.slice(areaLength);
  if (!/^[2-9]\d{6,7}$/.test(number)) return null;
  return { area, number };
}
