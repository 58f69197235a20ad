/**
 * vCard 4.0 (RFC 6350): writing a card and reading one or more vCards (3.0 or 4.0) into contacts.
 * Pure text in, text out.
 */

export interface VcardPerson {
  readonly uid: string;
  readonly name: string;
  readonly title?: string | null;
  readonly company?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly website?: string | null;
  readonly wechatId?: string | null;
  readonly address?: string | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
  readonly note?: string | null;
  readonly photoUrl?: string | null;
  readonly source?: string | null;
  readonly revision: Date;
}

export interface ParsedContact {
  name?: string;
  title?: string;
  company?: string;
  phones: string[];
  emails: string[];
  address?: string;
  website?: string;
  note?: string;
}

/**
 * TEXT escaping (§3.4): backslash, comma and newlines always; semicolons only inside a structured
 * value (N, ADR, ORG), where they separate components.
 */
export const escapeText = (value: string, structured = false) => {
  const escaped = value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
  return structured ? escaped.replace(/;/g, '\\;') : escaped;
};

/**
 * Folds a content line at 75 octets (§3.2): continuation lines start with one space, and a UTF-8
 * character is never split across lines.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    // The first line holds 75 octets; continuation lines 74 plus their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const CJK = /^[\u3400-\u9fff]+$/;

/** N's family and given names: "吴婷" → 吴 / 婷; "Jane Q Doe" → Doe / Jane Q; anything else whole as family. */
export function splitName(name: string): { family: string; given: string } {
  const trimmed = name.trim();
  if (CJK.test(trimmed) && trimmed.length >= 2 && trimmed.length <= 4) return { family: trimmed.slice(0, 1), given: trimmed.slice(1) };
  const words = trimmed.split(/\s+/);
  if (words.length > 1) return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
  return { family: trimmed, given: '' };
}

const telUri = (phone: string) => {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${/^1[3-9]\d{9}$/.test(digits) ? `+86-${digits}` : digits}`;
};

/** One person as a vCard 4.0 text, CRLF line ends, folded. */
export function toVcard(person: VcardPerson): string {
  const { family, given } = splitName(person.name);
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:linkmall:card:${person.uid}`, `FN:${escapeText(person.name)}`, `N:${escapeText(family, true)};${escapeText(given, true)};;;`];
  if (person.company) lines.push(`ORG:${escapeText(person.company, true)}`);
  if (person.title) lines.push(`TITLE:${escapeText(person.title)}`);
  if (person.phone) lines.push(`TEL;VALUE=uri;TYPE="cell,voice":${telUri(person.phone)}`);
  if (person.email) lines.push(`EMAIL;TYPE=work:${escapeText(person.email)}`);
  if (person.website) lines.push(`URL:${person.website}`);
  if (person.wechatId) lines.push(`IMPP;TYPE=work:weixin:${encodeURIComponent(person.wechatId)}`);
  if (person.address) lines.push(`ADR;TYPE=work:;;${escapeText(person.address, true)};;;;`);
  if (person.latitude != null && person.longitude != null) lines.push(`GEO:geo:${person.latitude},${person.longitude}`);
  if (person.photoUrl) lines.push(`PHOTO:${person.photoUrl}`);
  if (person.note) lines.push(`NOTE:${escapeText(person.note)}`);
  if (person.source) lines.push(`SOURCE:${person.source}`);
  lines.push(`REV:${person.revision.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`, 'END:VCARD');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** Splits a value on an unescaped separator, unescaping each part. */
function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (character === '\\' && index + 1 < value.length) {
      const next = value[++index]!;
      current += next === 'n' || next === 'N' ? '\n' : next;
    } else if (character === separator) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts;
}

const unescapeText = (value: string) => splitUnescaped(value, '\u0000')[0]!;

interface ContentLine {
  readonly name: string;
  readonly params: string;
  readonly value: string;
}

/** Unfolds (§3.2) and splits content lines; a group prefix (`item1.TEL`) is dropped. */
function contentLines(text: string): ContentLine[] {
  const unfolded = text.replace(/\r\n|\r/g, '\n').replace(/\n[ \t]/g, '');
  const lines: ContentLine[] = [];
  for (const raw of unfolded.split('\n')) {
    if (!raw.trim()) continue;
    const colon = indexOfUnquoted(raw, ':');
    if (colon < 0) continue;
    const head = raw.slice(0, colon);
    const semicolon = head.indexOf(';');
    const name = (semicolon < 0 ? head : head.slice(0, semicolon)).replace(/^[^.]*\./, '').toUpperCase();
    lines.push({ name, params: semicolon < 0 ? '' : head.slice(semicolon + 1), value: raw.slice(colon + 1) });
  }
  return lines;
}

/** The first `:` outside a quoted parameter value. */
function indexOfUnquoted(line: string, target: string): number {
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '"') quoted = !quoted;
    else if (!quoted && line[index] === target) return index;
  }
  return -1;
}

const phoneOf = (value: string) => value.replace(/^tel:/i, '').replace(/[\s()-]/g, '').replace(/^\+86/, '');
const nonEmpty = (parts: readonly string[]) => parts.map((part) => part.trim()).filter(Boolean);

/**
 * Reads every vCard in a text. Throws `VcardSyntaxError` when there is none, or a card is never
 * closed; unknown properties are ignored.
 */
export function parseVcards(text: string): ParsedContact[] {
  const contacts: ParsedContact[] = [];
  let current: ParsedContact | null = null;
  for (const line of contentLines(text)) {
    if (line.name === 'BEGIN' && line.value.trim().toUpperCase() === 'VCARD') {
      if (current) throw new VcardSyntaxError('BEGIN:VCARD inside a card');
      current = { phones: [], emails: [] };
    } else if (line.name === 'END' && line.value.trim().toUpperCase() === 'VCARD') {
      if (!current) throw new VcardSyntaxError('END:VCARD without BEGIN');
      if (current.name || current.phones.length > 0 || current.emails.length > 0 || current.company) contacts.push(current);
      current = null;
    } else if (current) readProperty(current, line);
  }
  if (current) throw new VcardSyntaxError('a vCard is not closed with END:VCARD');
  if (contacts.length === 0) throw new VcardSyntaxError('no vCard found');
  return contacts;
}

function readProperty(contact: ParsedContact, line: ContentLine): void {
  switch (line.name) {
    case 'FN':
      contact.name = unescapeText(line.value).trim() || contact.name;
      break;
    case 'N':
      if (!contact.name) {
        const [family = '', given = ''] = splitUnescaped(line.value, ';');
        const name = CJK.test(family + given) ? `${family}${given}` : nonEmpty([given, family]).join(' ');
        if (name.trim()) contact.name = name.trim();
      }
      break;
    case 'ORG':
      contact.company = nonEmpty(splitUnescaped(line.value, ';'))[0] ?? contact.company;
      break;
    case 'TITLE':
      contact.title = unescapeText(line.value).trim();
      break;
    case 'TEL': {
      const phone = phoneOf(unescapeText(line.value));
      if (phone && !contact.phones.includes(phone)) contact.phones.push(phone);
      break;
    }
    case 'EMAIL': {
      const email = unescapeText(line.value).trim().toLowerCase();
      if (email && !contact.emails.includes(email)) contact.emails.push(email);
      break;
    }
    case 'ADR': {
      const address = nonEmpty(splitUnescaped(line.value, ';')).join(' ');
      if (address) contact.address ??= address;
      break;
    }
    case 'URL':
      contact.website ??= unescapeText(line.value).trim();
      break;
    case 'NOTE':
      contact.note = unescapeText(line.value).trim();
      break;
  }
}

export class VcardSyntaxError extends Error {}
