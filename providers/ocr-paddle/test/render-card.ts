import { execFileSync } from 'node:child_process';
import sharp from 'sharp';

export interface CardText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold?: boolean;
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly color?: string;
}

export interface CardDesign {
  readonly texts: readonly CardText[];
  readonly background?: string;
  /** A strip of colour along the left edge, as many cards have. */
  readonly accent?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Fails early and clearly when the machine cannot draw Chinese (it would render boxes). */
export function assertCjkFont(): void {
  let fonts = '';
  try {
    fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    fonts = '';
  }
  if (!fonts.trim()) throw new Error('Rendering Chinese test cards needs a CJK font: apt-get install fonts-noto-cjk');
}

/** A 1000×600 business card drawn from SVG text with the system's Noto CJK font, as PNG. */
export async function renderCard(design: CardDesign): Promise<Buffer> {
  const texts = design.texts
    .map(
      (line) =>
        `<text x="${line.x}" y="${line.y}" font-size="${line.size}" font-weight="${line.bold ? 700 : 400}" text-anchor="${line.anchor ?? 'start'}" fill="${line.color ?? '#1f2937'}">${escapeXml(line.text)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="600">
<rect width="1000" height="600" fill="${design.background ?? '#ffffff'}"/>
${design.accent ? `<rect width="24" height="600" fill="${design.accent}"/>` : ''}
<g font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif">${texts}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The same card as a phone photo: tilted 2°, slightly blurred, on a beige desk, 800 px wide, JPEG q70. */
export async function photographCard(card: Buffer): Promise<Buffer> {
  return sharp(card)
    .rotate(2, { background: '#e8dcc4' })
    .blur(0.8)
    .resize({ width: 800 })
    .flatten({ background: '#e8dcc4' })
    .jpeg({ quality: 70 })
    .toBuffer();
}

export const CHINESE_CARD: CardDesign = {
  accent: '#b91c1c',
  texts: [
    { text: '张伟', x: 70, y: 120, size: 60, bold: true },
    { text: '销售总监', x: 230, y: 120, size: 30, color: '#4b5563' },
    { text: '上海星辰贸易有限公司', x: 70, y: 210, size: 34, bold: true },
    { text: '手机：138 0013 8000', x: 70, y: 310, size: 28 },
    { text: '电话：021-6888 1234', x: 70, y: 360, size: 28 },
    { text: '邮箱：zhang.wei@example.com', x: 70, y: 410, size: 28 },
    { text: '地址：上海市浦东新区世纪大道100号', x: 70, y: 460, size: 28 },
    { text: 'www.xingchen-trade.cn', x: 70, y: 530, size: 26, color: '#6b7280' },
  ],
};

export const ENGLISH_CARD: CardDesign = {
  background: '#f8fafc',
  texts: [
    { text: 'Blue Harbor Trading Co., Ltd.', x: 500, y: 90, size: 34, bold: true, anchor: 'middle', color: '#1e3a8a' },
    { text: 'Emily Carter', x: 500, y: 200, size: 58, bold: true, anchor: 'middle' },
    { text: 'Marketing Director', x: 500, y: 250, size: 30, anchor: 'middle', color: '#4b5563' },
    { text: 'Mobile: +86 139 1234 5678', x: 80, y: 360, size: 28 },
    { text: 'Tel: +86 21 6888 1234', x: 80, y: 410, size: 28 },
    { text: 'Email: emily.carter@blueharbor.com', x: 80, y: 460, size: 28 },
    { text: 'Room 1203, 88 Century Avenue, Shanghai', x: 80, y: 510, size: 28 },
    { text: 'www.blueharbor.com', x: 920, y: 560, size: 24, anchor: 'end', color: '#6b7280' },
  ],
};

export const MIXED_CARD: CardDesign = {
  accent: '#047857',
  texts: [
    { text: '李娜', x: 70, y: 110, size: 56, bold: true },
    { text: 'Li Na', x: 220, y: 110, size: 30, color: '#4b5563' },
    { text: '产品经理 Product Manager', x: 70, y: 165, size: 28, color: '#4b5563' },
    { text: '杭州云帆科技有限公司', x: 70, y: 240, size: 32, bold: true },
    { text: 'Hangzhou Yunfan Technology Co., Ltd.', x: 70, y: 285, size: 24 },
    { text: '手机 Mobile：186 5712 3456', x: 70, y: 360, size: 26 },
    { text: '电话 Tel：0571-8765 4321', x: 70, y: 405, size: 26 },
    { text: '邮箱 Email：lina@yunfan.com.cn', x: 70, y: 450, size: 26 },
    { text: '地址：浙江省杭州市西湖区文三路', x: 70, y: 495, size: 26 },
    { text: '398号东信大厦15楼', x: 70, y: 535, size: 26 },
    { text: 'www.yunfan.com.cn', x: 930, y: 110, size: 24, anchor: 'end', color: '#6b7280' },
  ],
};
