import QRCode from 'qrcode';
import type { Locale } from '@linkmall/kernel';
import type { CardTheme } from './domain/card-module.ts';

/** What a share poster shows: the card, optionally one featured product, and the share link as a QR code. */
export interface PosterInput {
  readonly name: string;
  readonly title: string;
  readonly company: string;
  readonly intro: string;
  readonly theme: CardTheme;
  readonly product: { readonly title: string; readonly priceFen: bigint } | null;
  readonly url: string;
  readonly locale: Locale;
}

const WIDTH = 750;
const HEIGHT = 1200;
const QR_MODULE_PX = 8;
/** Fonts that carry Chinese: fontconfig picks the first installed (fonts-noto-cjk on Debian). */
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Zen Hei', 'Source Han Sans SC', sans-serif";

const THEME_COLORS: Record<CardTheme, { header: string; accent: string }> = {
  classic: { header: '#1f2937', accent: '#d97706' },
  business_blue: { header: '#1d4ed8', accent: '#f59e0b' },
  ink: { header: '#111827', accent: '#6b7280' },
  rose: { header: '#be185d', accent: '#f472b6' },
  forest: { header: '#166534', accent: '#84cc16' },
  night: { header: '#0f172a', accent: '#38bdf8' },
};

const TEXTS = {
  'zh-CN': { scan: '长按识别二维码，查看我的名片', featured: '推荐好物' },
  en: { scan: 'Scan the code to open my card', featured: 'Featured' },
} as const;

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Breaks text into lines that fit a width: CJK characters count as one em, others as about half. */
export function wrapText(text: string, fontSizePx: number, widthPx: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const character of text.replace(/\s+/g, ' ').trim()) {
    const advance = /[\u2e80-\uffff]/.test(character) ? fontSizePx : fontSizePx * 0.55;
    if (width + advance > widthPx) {
      lines.push(line);
      line = '';
      width = 0;
      if (lines.length === maxLines) break;
    }
    line += character;
    width += advance;
  }
  if (line && lines.length < maxLines) lines.push(line);
  else if (lines.length === maxLines && text.length > lines.join('').length) lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, -1)}…`;
  return lines;
}

/** The QR code's dark modules as one SVG path, with the 4-module quiet zone the standard asks for. */
export function qrPath(url: string): { path: string; sizePx: number; modules: number } {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const commands: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (qr.modules.get(row, column)) commands.push(`M${(column + 4) * QR_MODULE_PX} ${(row + 4) * QR_MODULE_PX}h${QR_MODULE_PX}v${QR_MODULE_PX}h-${QR_MODULE_PX}z`);
    }
  }
  return { path: commands.join(''), sizePx: (count + 8) * QR_MODULE_PX, modules: count };
}

const text = (x: number, y: number, size: number, fill: string, content: string, extra = '') =>
  `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" fill="${fill}"${extra}>${xml(content)}</text>`;

/** The poster as SVG text (fixed 750×1200 layout). */
export function posterSvg(input: PosterInput): string {
  const colors = THEME_COLORS[input.theme];
  const texts = TEXTS[input.locale];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${WIDTH}" height="330" fill="${colors.header}"/>`,
    text(60, 130, 64, '#ffffff', input.name, ' font-weight="bold"'),
    text(60, 195, 32, '#ffffff', input.title),
    text(60, 250, 30, '#e5e7eb', input.company),
  ];
  wrapText(input.intro, 28, WIDTH - 120, 3).forEach((line, index) => parts.push(text(60, 400 + index * 44, 28, '#374151', line)));
  if (input.product) {
    parts.push(`<rect x="40" y="540" width="${WIDTH - 80}" height="150" rx="16" fill="#f9fafb" stroke="${colors.accent}" stroke-width="3"/>`);
    parts.push(text(70, 590, 24, colors.accent, texts.featured));
    parts.push(text(70, 635, 32, '#111827', wrapText(input.product.title, 32, WIDTH - 330, 1)[0] ?? ''));
    parts.push(text(WIDTH - 250, 635, 36, '#dc2626', `¥${yuan(input.product.priceFen)}`, ' font-weight="bold"'));
  }
  const qr = qrPath(input.url);
  const left = (WIDTH - qr.sizePx) / 2;
  const top = 1120 - qr.sizePx;
  parts.push(`<rect x="${left}" y="${top}" width="${qr.sizePx}" height="${qr.sizePx}" fill="#ffffff"/>`);
  parts.push(`<path transform="translate(${left} ${top})" fill="#000000" d="${qr.path}"/>`);
  parts.push(text(WIDTH / 2, 1165, 26, '#6b7280', texts.scan, ' text-anchor="middle"'));
  parts.push('</svg>');
  return parts.join('');
}

/** Fen as yuan with two decimals. */
export const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

/** The poster as PNG, rendered by sharp (librsvg, fonts through fontconfig). */
export async function posterPng(svg: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg, 'utf8')).png().toBuffer();
}
