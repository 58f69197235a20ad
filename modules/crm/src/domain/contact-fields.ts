/** Mainland mobile numbers as digits only: spaces, dashes and a +86 / 0086 prefix are dropped. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s()-]/g, '').replace(/^(\+|00)86/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  // Landlines and foreign numbers are kept as digits with an optional leading +.
  if (/^\+?\d{6,20}$/.test(digits)) return digits;
  return null;
}

/** The keyed-hash input for a phone, so equal numbers match across leads without storing them in clear. */
export const phoneHashInput = (phone: string) => `crm-phone:${phone}`;

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
}

/** Tags are short labels; whitespace collapses, case is kept (Chinese has none). */
export function normalizeTag(raw: string): string | null {
  const tag = raw.trim().replace(/\s+/g, ' ');
  return tag.length >= 1 && tag.length <= 20 ? tag : null;
}
