import { crc32 } from 'node:zlib';

/** One column of an exported table: its header (already localized) and how a row yields its cell. */
export interface ExportColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number | bigint | null | undefined;
}

type Cell = string | number | bigint | null | undefined;

/**
 * A cell that starts with = + - @ (or a tab/CR) is a formula to Excel and LibreOffice; an exported
 * name like `=HYPERLINK(...)` typed by a visitor would run on the operator's machine. Such text is
 * prefixed with an apostrophe, which spreadsheets show as plain text. Numbers are left alone.
 */
function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return neutralizeFormula(cell);
  return String(cell);
}

const csvQuote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Chinese correctly), CRLF line ends, RFC 4180 quoting. */
export function tableToCsv<Row>(columns: readonly ExportColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((column) => csvQuote(csvCellText(column.header))).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvQuote(csvCellText(column.value(row)))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const xmlEscape = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

function xlsxCell(reference: string, cell: Cell): string {
  if (cell === null || cell === undefined || cell === '') return '';
  // Integers beyond 2^53 (bigint) would lose digits as an Excel number, so they are written as text.
  if (typeof cell === 'number' && Number.isFinite(cell)) return `<c r="${reference}"><v>${cell}</v></c>`;
  if (typeof cell === 'bigint' && cell <= BigInt(Number.MAX_SAFE_INTEGER) && cell >= -BigInt(Number.MAX_SAFE_INTEGER)) return `<c r="${reference}"><v>${cell}</v></c>`;
  const text = typeof cell === 'string' ? cell : String(cell);
  return `<c r="${reference}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;
}

function sheetXml<Row>(columns: readonly ExportColumn<Row>[], rows: Iterable<Row>): string {
  const sheetRows: string[] = [];
  const writeRow = (cells: readonly Cell[]) => {
    const number = sheetRows.length + 1;
    sheetRows.push(`<row r="${number}">${cells.map((cell, index) => xlsxCell(`${columnName(index)}${number}`, cell)).join('')}</row>`);
  };
  writeRow(columns.map((column) => column.header));
  for (const row of rows) writeRow(columns.map((column) => column.value(row)));
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${sheetRows.join('')}</sheetData></worksheet>`
  );
}

/**
 * A minimal Office Open XML workbook (.xlsx) with one sheet of inline strings and numbers. Written
 * by hand as a stored (uncompressed) zip so exports need no spreadsheet dependency; Excel, WPS and
 * LibreOffice open it.
 */
export function tableToXlsx<Row>(sheetName: string, columns: readonly ExportColumn<Row>[], rows: Iterable<Row>): Uint8Array {
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const safeSheetName = xmlEscape(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1');
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${safeSheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ],
    ['xl/worksheets/sheet1.xml', sheetXml(columns, rows)],
  ];
  return storedZip(files.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));
}

/** A zip archive with every entry stored (method 0): the local headers, the data, then the central directory. */
function storedZip(entries: readonly { name: string; data: Buffer }[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const checksum = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time and date: 1980-01-01, so the same table gives the same bytes
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, entry.data);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt32LE(0, 12);
    header.writeUInt32LE(checksum, 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}
