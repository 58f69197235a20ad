import type { CardFields } from './card-fields.ts';

/** The plain values of what was read, as a contact or a card takes them. */
export interface ScannedDetails {
  name?: string;
  title?: string;
  company?: string;
  phones?: string[];
  emails?: string[];
  address?: string;
  website?: string;
}

export function detailsOf(fields: CardFields): ScannedDetails {
  const details: ScannedDetails = {};
  for (const key of ['name', 'title', 'company', 'address', 'website'] as const) {
    const field = fields[key];
    if (field) details[key] = field.value;
  }
  // Mobiles first: they identify a person; a landline is often the switchboard.
  const phones = [...fields.phones].sort((a, b) => Number(b.kind === 'mobile') - Number(a.kind === 'mobile')).map((phone) => phone.value);
  if (phones.length > 0) details.phones = phones;
  if (fields.emails.length > 0) details.emails = fields.emails.map((email) => email.value);
  return details;
}
