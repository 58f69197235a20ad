/** An axis-aligned box in the pixels of the image the engine looked at. */
export interface LineBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** One line of text as an OCR engine read it, with the engine's confidence (0–1). */
export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly box: LineBox;
}

/** What a line says, labelled by the prefix printed on the card ("手机：", "Tel", "E-mail" …). */
export type LineLabel = 'name' | 'title' | 'company' | 'mobile' | 'phone' | 'fax' | 'email' | 'address' | 'website' | 'postcode';

export interface LineSegment {
  readonly label: LineLabel | null;
  readonly text: string;
}

/**
 * Full-width forms (：，１２３＠) become ASCII through NFKC, and the spaces OCR sprinkles around
 * punctuation go; runs of spaces collapse to one.
 */
export function normalizeLineText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\s*([:@])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

// Longer spellings first so "Mobile" is not read as "M" + "obile". Single letters need a colon.
const LABELS: readonly (readonly [LineLabel, string])[] = [
  ['mobile', '手机号码|手机号|手机|移动电话|Mobile Phone|Mobile|Mob|Cell Phone|Cell'],
  ['phone', '办公电话|联系电话|电话|座机|Telephone|Tel|Phone|Office'],
  ['fax', '传真|Fax'],
  ['email', '电子邮箱|电子邮件|邮箱|E-mail|Email|Mail'],
  ['address', '公司地址|联系地址|地址|Address|Addr|Add'],
  ['website', '公司网址|网址|网站|主页|Website|Web|URL|Site'],
  ['postcode', '邮政编码|邮编|Postcode|Post Code|Zip Code|Zip'],
  ['name', '姓名|Name'],
  ['title', '职位|职务|Title|Position'],
  ['company', '公司名称|Company'],
];
const SINGLE_LETTER_LABELS: Readonly<Record<string, LineLabel>> = { M: 'mobile', T: 'phone', P: 'phone', F: 'fax', E: 'email', W: 'website', A: 'address' };

const labelPattern = new RegExp(
  `(?:^|(?<=[\\s,;|/\\d]))(?:(${LABELS.map(([, words]) => words).join('|')})\\s*[:.]?|([${Object.keys(SINGLE_LETTER_LABELS).join('')}])\\s*:)\\s*`,
  'gi',
);

function labelOf(word: string): LineLabel | null {
  const lower = word.toLowerCase();
  for (const [label, words] of LABELS) {
    if (words.split('|').some((candidate) => candidate.toLowerCase() === lower)) return label;
  }
  return SINGLE_LETTER_LABELS[word.toUpperCase()] ?? null;
}

/**
 * Splits a normalised line at its printed labels: "T:021-6888 1234 M:138 0013 8000" becomes a phone
 * and a mobile segment. Text before the first label is an unlabelled segment.
 */
export function segmentLine(text: string): LineSegment[] {
  const segments: LineSegment[] = [];
  let label: LineLabel | null = null;
  let start = 0;
  for (const match of text.matchAll(labelPattern)) {
    const word = match[1] ?? match[2] ?? '';
    const next = labelOf(word);
    // A bare word without a colon only counts as a label when something follows it ("Tel 021…", not "Web Design").
    const hasColon = /[:.]\s*$/.test(match[0]);
    if (!next || (!hasColon && !isLabelFollowedByValue(next, text.slice(match.index + match[0].length)))) continue;
    pushSegment(segments, label, text.slice(start, match.index));
    label = next;
    start = match.index + match[0].length;
  }
  pushSegment(segments, label, text.slice(start));
  return segments;
}

function isLabelFollowedByValue(label: LineLabel, rest: string): boolean {
  if (label === 'mobile' || label === 'phone' || label === 'fax' || label === 'postcode') return /^[+(\d]/.test(rest);
  if (label === 'email') return /^\S+@/.test(rest);
  if (label === 'website') return /^(https?:\/\/|www\.)/i.test(rest);
  // Chinese labels run straight into the value (地址上海市…); English words need the colon.
  return /^[\u4e00-\u9fff]/.test(rest);
}

function pushSegment(segments: LineSegment[], label: LineLabel | null, raw: string) {
  const text = raw.trim().replace(/^[,;|/]+|[,;|/]+$/g, '').trim();
  // Bilingual cards print both words of a label ("手机 Mobile:"): the first one alone carries no value.
  if (text && labelOf(text) !== null) return;
  if (text || label) segments.push({ label, text });
}

/**
 * OCR drops spaces in Latin text ("MarketingDirector", "88CenturyAvenue", "Co.,Ltd."): put back the
 * ones that word boundaries make certain, and one between Chinese and Latin runs.
 */
export function repairLatinSpacing(text: string): string {
  return text
    .replace(/([a-z]{2,})([A-Z][a-z])/g, '$1 $2')
    .replace(/(\d)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z.]),(?=[A-Za-z])/g, '$1, ')
    // Only around capitalised words: "经理Product" splits, "88号SOHO现代城A座" stays as printed.
    .replace(/([\u4e00-\u9fff])([A-Z][a-z]{2,})/g, '$1 $2')
    .replace(/([a-z]{3,})([\u4e00-\u9fff])/g, '$1 $2');
}
