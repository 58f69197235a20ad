/**
 * Reads contacts out of vCard text (RFC 6350 vCard 4.0, and the 3.0 / 2.1 files phones still export,
 * including 2.1's quoted-printable Chinese names). Only the fields a lead keeps are read.
 */
export interface ContactFields {
  readonly name?: string;
  readonly title?: string;
  readonly company?: string;
  readonly phones: string[];
  readonly emails: string[];
  readonly address?: string;
  readonly website?: string;
  readonly note?: string;
}

interface Property {
  readonly name: string;
  readonly params: Map<string, string>;
  readonly value: string;
}

/** Joins folded lines (a line break followed by a space or tab continues the line) and QP soft breaks. */
function unfold(text: string): string[] {
  return text
    .replace(/=\r?\n(?=[^\r\n])/g, (match, offset: number, whole: string) => (/ENCODING=QUOTED-PRINTABLE/i.test(whole.slice(whole.lastIndexOf('\n', offset) + 1, offset)) ? '' : match))
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/);
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits on unescaped separators, then unescapes (\n, \, \; \\). */
function components(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      current += next === 'n' || next === 'N' ? '\n' : next;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

function parseLine(line: string): Property | null {
  const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  if (colon <= 0) return null;
  const [head, ...paramParts] = line.slice(0, colon).split(';');
  const name = head!.replace(/^[\w-]+\./, '').toUpperCase();
  const params = new Map<string, string>();
  for (const part of paramParts) {
    const [key, ...rest] = part.split('=');
    // vCard 2.1 writes bare types (TEL;CELL:…).
    params.set(rest.length ? key!.toUpperCase() : 'TYPE', rest.join('=').replace(/^"|"$/g, '') || key!);
  }
  let value = line.slice(colon + 1);
  if (params.get('ENCODING')?.toUpperCase() === 'QUOTED-PRINTABLE') value = decodeQuotedPrintable(value);
  return { name, params, value };
}

function contactOf(properties: readonly Property[]): ContactFields {
  const first = (name: string) => properties.find((property) => property.name === name);
  const text = (name: string) => {
    const value = first(name)?.value;
    return value ? components(value, ',').join(', ') || undefined : undefined;
  };
  const structuredName = first('N') ? components(first('N')!.value, ';') : [];
  const nameFromN = structuredName.length ? `${structuredName[0] ?? ''}${structuredName[1] ?? ''}`.trim() : '';
  // ADR: post box; extended; street; locality; region; postal code; country — shown country first, no code.
  const adr = first('ADR') ? components(first('ADR')!.value, ';') : [];
  const address = [adr[6], adr[4], adr[3], adr[2]].filter(Boolean).join(' ');
  const fields: ContactFields = {
    phones: properties.filter((property) => property.name === 'TEL').map((property) => property.value.replace(/^tel:/i, '').trim()).filter(Boolean),
    emails: properties.filter((property) => property.name === 'EMAIL').map((property) => property.value.trim()).filter(Boolean),
  };
  const name = text('FN') ?? (nameFromN || undefined);
  const company = first('ORG') ? components(first('ORG')!.value, ';').filter(Boolean).join(' ') || undefined : undefined;
  return {
    ...fields,
    ...(name ? { name } : {}),
    ...(text('TITLE') ? { title: text('TITLE')! } : {}),
    ...(company ? { company } : {}),
    ...(address ? { address } : {}),
    ...(first('URL')?.value ? { website: first('URL')!.value.trim() } : {}),
    ...(first('NOTE') ? { note: components(first('NOTE')!.value, ';').join(';') } : {}),
  };
}

/** Every card in the text, in order; text outside BEGIN:VCARD … END:VCARD is ignored. */
export function parseVcards(text: string): ContactFields[] {
  const cards: ContactFields[] = [];
  let current: Property[] | null = null;
  for (const line of unfold(text)) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') current = [];
    else if (upper === 'END:VCARD') {
      if (current) cards.push(contactOf(current));
      current = null;
    } else if (current && line.trim()) {
      const property = parseLine(line);
      if (property) current.push(property);
    }
  }
  return cards;
}
