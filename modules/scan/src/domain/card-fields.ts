import { addressStrength, companyStrength, findEmails, findWebsites, isCjk, titleStrength, withoutEmails } from './field-rules.ts';
import { chineseNameStrength, latinNameStrength } from './name-rules.ts';
import { normalizeLineText, repairLatinSpacing, segmentLine, type LineLabel, type OcrLine } from './ocr-line.ts';
import { findPhoneNumbers, type PhoneKind } from './phone-numbers.ts';

/** One field read from the card: its value, how sure we are (0–1), and the OCR lines it came from. */
export interface ExtractedField {
  readonly value: string;
  readonly confidence: number;
  readonly lines: number[];
}
export interface ExtractedPhone extends ExtractedField {
  readonly kind: PhoneKind;
}

export interface CardFields {
  readonly name: ExtractedField | null;
  readonly title: ExtractedField | null;
  readonly company: ExtractedField | null;
  readonly address: ExtractedField | null;
  readonly website: ExtractedField | null;
  readonly phones: ExtractedPhone[];
  readonly emails: ExtractedField[];
}

type TextField = 'name' | 'title' | 'company' | 'address';

interface Candidate {
  readonly field: TextField | 'website';
  readonly value: string;
  readonly line: number;
  /** Line confidence × rule strength. */
  readonly confidence: number;
  /** For ranking only: confidence, nudged by layout (the name is usually printed largest). */
  readonly rank: number;
}

interface PreparedLine {
  readonly index: number;
  readonly text: string;
  readonly confidence: number;
  readonly height: number;
}

/** A label printed before the value makes the reading surer, a little. */
const LABEL_BONUS = 0.03;
const round = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

/**
 * Reads a business card's fields from OCR lines. Pure: the same lines give the same fields. Each
 * field's confidence is the confidence of the line it came from times the strength of the rule
 * that recognised it (a +86 mobile pattern is near certain; a line that merely starts with a common
 * surname much less so).
 */
export function extractCardFields(ocrLines: readonly OcrLine[]): CardFields {
  const lines = ocrLines
    .map((line, index): PreparedLine => ({ index, text: normalizeLineText(line.text), confidence: Math.min(1, Math.max(0, line.confidence)), height: line.box.height }))
    .filter((line) => line.text.length > 0);
  const maxHeight = Math.max(1, ...lines.map((line) => line.height));
  const phones: ExtractedPhone[] = [];
  const emails: ExtractedField[] = [];
  const candidates: Candidate[] = [];
  for (const line of lines) {
    for (const segment of segmentLine(line.text)) {
      const rest = readContacts(line, segment.label, segment.text, phones, emails, candidates);
      if (rest) candidates.push(...classifyText(line, segment.label, repairLatinSpacing(rest), maxHeight));
    }
  }
  return {
    name: pick(candidates, 'name'),
    title: pick(candidates, 'title'),
    company: pick(candidates, 'company'),
    address: pickAddress(candidates),
    website: pick(candidates, 'website'),
    phones,
    emails,
  };
}

/** Takes e-mails, web addresses and phone numbers out of a segment; returns the text left over. */
function readContacts(line: PreparedLine, label: LineLabel | null, text: string, phones: ExtractedPhone[], emails: ExtractedField[], candidates: Candidate[]): string {
  if (label === 'fax' || label === 'postcode') return '';
  const bonus = label ? LABEL_BONUS : 0;
  for (const email of findEmails(text)) {
    if (!emails.some((existing) => existing.value === email)) emails.push({ value: email, confidence: round(line.confidence * (0.98 + bonus)), lines: [line.index] });
  }
  let rest = withoutEmails(text);
  if (label !== 'address') {
    for (const site of findWebsites(rest)) {
      const strength = site.explicit ? 0.97 : label === 'website' ? 0.95 : 0.75;
      candidates.push({ field: 'website', value: site.value, line: line.index, confidence: round(line.confidence * strength), rank: line.confidence * strength });
      rest = rest.replace(new RegExp(escapeRegExp(site.value), 'i'), ' ');
    }
  }
  if (label === null || label === 'mobile' || label === 'phone') {
    for (const phone of findPhoneNumbers(rest)) {
      const labelled = (label === 'mobile' && phone.kind === 'mobile') || (label === 'phone' && phone.kind !== 'mobile') ? bonus : 0;
      if (!phones.some((existing) => existing.value === phone.value)) {
        phones.push({ value: phone.value, kind: phone.kind, confidence: round(line.confidence * (phone.strength + labelled)), lines: [line.index] });
      }
    }
    if (label !== null) return '';
  }
  return label === 'email' || label === 'website' ? '' : rest.replace(/\s+/g, ' ').trim();
}

/** Free text: a labelled value, or the best of company / title / address / name for the line. */
function classifyText(line: PreparedLine, label: LineLabel | null, text: string, maxHeight: number): Candidate[] {
  const candidate = (field: TextField, value: string, strength: number, layout = 1): Candidate => ({
    field,
    value,
    line: line.index,
    confidence: round(line.confidence * strength),
    rank: line.confidence * strength * layout,
  });
  if (label === 'name' || label === 'title' || label === 'company' || label === 'address') return [candidate(label, text, 0.95)];
  if (label !== null) return [];
  // The name is usually the largest print on the card.
  const sizeFactor = 0.8 + 0.2 * (line.height / maxHeight);
  const scores: [TextField, number][] = [
    ['company', companyStrength(text)],
    ['address', addressStrength(text)],
    ['title', titleStrength(text)],
    ['name', /\d/.test(text) ? 0 : Math.max(chineseNameStrength(text), latinNameStrength(text))],
  ];
  const [field, strength] = scores.reduce((best, next) => (next[1] > best[1] ? next : best));
  const split = field === 'title' || strength < 0.9 ? splitNameLine(text) : [];
  if (split.length > 0) return split.map(([part, value, partStrength]) => candidate(part, value, partStrength, part === 'name' ? sizeFactor : 1));
  return strength > 0 ? [candidate(field, text, strength, field === 'name' ? sizeFactor : 1)] : [];
}

/**
 * A name sharing its line: "张伟 销售总监", "张伟销售总监" (name and title), or "李娜 Li Na" (the name
 * in both scripts; the Chinese one is kept).
 */
function splitNameLine(text: string): [TextField, string, number][] {
  const bilingual = /^([\u4e00-\u9fff]{2,4})\s*([A-Za-z][A-Za-z .'-]+)$/.exec(text);
  if (bilingual && chineseNameStrength(bilingual[1]!) >= 0.9 && latinNameStrength(bilingual[2]!) > 0) return [['name', bilingual[1]!, 0.9]];
  const spaced = /^(\S{2,4})\s+(.+)$/.exec(text);
  const joined = /^([\u4e00-\u9fff]{2,3}?)([\u4e00-\u9fff]*(?:经理|总监|总裁|董事长|主管|主任|工程师|顾问|专员|助理|店长|导购|合伙人|创始人))$/.exec(text);
  for (const match of [spaced, joined]) {
    if (!match) continue;
    const name = chineseNameStrength(match[1]!);
    const title = titleStrength(match[2]!);
    if (name >= 0.9 && title > 0) return [['name', match[1]!, name * 0.95], ['title', match[2]!, title * 0.95]];
  }
  return [];
}

/** The best-ranked candidate; between near-equals (a Chinese and an English rendering) the Chinese one. */
function pick(candidates: readonly Candidate[], field: Candidate['field']): ExtractedField | null {
  const ofField = candidates.filter((candidate) => candidate.field === field);
  if (ofField.length === 0) return null;
  const top = Math.max(...ofField.map((candidate) => candidate.rank));
  const near = ofField.filter((candidate) => candidate.rank >= top - 0.06);
  const best = near.find((candidate) => isCjk(candidate.value)) ?? near.find((candidate) => candidate.rank === top)!;
  return { value: best.value, confidence: best.confidence, lines: [best.line] };
}

/** An address may wrap onto the next line: join address lines that follow each other. */
function pickAddress(candidates: readonly Candidate[]): ExtractedField | null {
  const best = pick(candidates, 'address');
  if (!best) return null;
  const addressLines = new Map(candidates.filter((candidate) => candidate.field === 'address').map((candidate) => [candidate.line, candidate]));
  const sameScript = (line: number) => addressLines.has(line) && isCjk(addressLines.get(line)!.value) === isCjk(best.value);
  let first = best.lines[0]!;
  while (sameScript(first - 1)) first--;
  const parts: Candidate[] = [];
  for (let line = first; sameScript(line); line++) parts.push(addressLines.get(line)!);
  if (parts.length === 1) return best;
  const joiner = isCjk(best.value) ? '' : ', ';
  return {
    value: parts.map((part) => part.value).join(joiner),
    confidence: round(Math.min(...parts.map((part) => part.confidence))),
    lines: parts.map((part) => part.line),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
