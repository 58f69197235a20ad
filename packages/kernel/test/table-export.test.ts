import { inflateRawSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tableToCsv, tableToXlsx, type ExportColumn } from '../src/index.ts';

interface Row {
  name: string;
  amountFen: bigint;
  count: number;
}

const columns: ExportColumn<Row>[] = [
  { header: '姓名', value: (row) => row.name },
  { header: '金额（元）', value: (row) => `${row.amountFen / 100n}.${String(row.amountFen % 100n).padStart(2, '0')}` },
  { header: 'Count', value: (row) => row.count },
];
const rows: Row[] = [
  { name: '张三, "老板"', amountFen: 12345n, count: 3 },
  { name: '=HYPERLINK("http://evil")', amountFen: 5n, count: 0 },
];

/** Reads a zip the way an unzip tool does: from the central directory, checking every CRC. */
function readZip(bytes: Uint8Array): Map<string, string> {
  const buffer = Buffer.from(bytes);
  const endOffset = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endOffset).toBeGreaterThan(0);
  const count = buffer.readUInt16LE(endOffset + 10);
  let cursor = buffer.readUInt32LE(endOffset + 16);
  const files = new Map<string, string>();
  for (let index = 0; index < count; index += 1) {
    expect(buffer.readUInt32LE(cursor)).toBe(0x02014b50);
    const method = buffer.readUInt16LE(cursor + 10);
    const checksum = buffer.readUInt32LE(cursor + 16);
    const size = buffer.readUInt32LE(cursor + 20);
    const nameLength = buffer.readUInt16LE(cursor + 28);
    const localOffset = buffer.readUInt32LE(cursor + 42);
    const name = buffer.subarray(cursor + 46, cursor + 46 + nameLength).toString('utf8');
    const localNameLength = buffer.readUInt16LE(localOffset + 26);
    const start = localOffset + 30 + localNameLength + buffer.readUInt16LE(localOffset + 28);
    const raw = buffer.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data)).toBe(checksum);
    files.set(name, data.toString('utf8'));
    cursor += 46 + nameLength + buffer.readUInt16LE(cursor + 30) + buffer.readUInt16LE(cursor + 32);
  }
  return files;
}

describe('tableToCsv', () => {
  it('writes a BOM, CRLF lines, RFC 4180 quoting, and neutralizes formulas', () => {
    const csv = tableToCsv(columns, rows);
    expect(csv.startsWith('\uFEFF姓名,金额（元）,Count\r\n')).toBe(true);
    expect(csv).toContain('"张三, ""老板""",123.45,3\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",0.05,0\r\n`);
  });
});

describe('tableToXlsx', () => {
  it('is a valid zip whose sheet holds the header, text cells and number cells', () => {
    const files = readZip(tableToXlsx('订单/Orders', columns, rows));
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="订单 Orders"');
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">姓名</t></is></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">张三, &quot;老板&quot;</t></is></c>');
    expect(sheet).toContain('<c r="C2"><v>3</v></c>');
    // In a workbook a formula is an <f> element; text that looks like one stays an inline string.
    expect(sheet).toContain('<c r="A3" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://evil&quot;)</t></is></c>');
    expect(sheet).not.toContain('<f>');
    expect(sheet.match(/<row /g)).toHaveLength(3);
  });

  it('gives the same bytes for the same table', () => {
    expect(Buffer.from(tableToXlsx('a', columns, rows)).equals(Buffer.from(tableToXlsx('a', columns, rows)))).toBe(true);
  });
});
