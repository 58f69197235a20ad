import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/domain/csv.ts';
import { isSafeUrl, sanitizeRichText } from '../src/domain/rich-text.ts';
import { decodeImport, parseImportRow } from '../src/domain/import-rows.ts';
import { groupImportRows, presentContent } from '../src/domain/import-plan.ts';
import { columnOfHeader } from '../src/domain/import-columns.ts';
import { describeImportIssue } from '../src/domain/import-issues.ts';

const fields = (text: string) => parseCsv(text).records.map((record) => record.fields);

describe('CSV parser', () => {
  it('reads plain records with LF, CRLF and lone CR line ends', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2\r\n3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(fields('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
  });
  it('handles quoted fields with commas, escaped quotes and line breaks', () => {
    expect(fields('"a,b","say ""hi""",c\n')).toEqual([['a,b', 'say "hi"', 'c']]);
    expect(fields('"line 1\r\nline 2",x\r\ny,z')).toEqual([['line 1\nline 2', 'x'], ['y', 'z']]);
    expect(fields('"",x,""\n')).toEqual([['', 'x', '']]);
  });
  it('drops a UTF-8 byte order mark and keeps Chinese text', () => {
    const result = parseCsv('\uFEFF标题,规格\r\n"西湖龙井, 明前",规格:250g\r\n');
    expect(result.records.map((record) => record.fields)).toEqual([['标题', '规格'], ['西湖龙井, 明前', '规格:250g']]);
    expect(result.problems).toEqual([]);
  });
  it('keeps empty fields, trailing commas and blank lines', () => {
    expect(fields('a,,c,\n\n1,2,3,4')).toEqual([['a', '', 'c', ''], [''], ['1', '2', '3', '4']]);
  });
  it('counts lines so problems point into the file', () => {
    const result = parseCsv('h1,h2\n"multi\nline",1\n2,"open');
    expect(result.records.map((record) => record.line)).toEqual([1, 2, 4]);
    expect(result.problems).toEqual([{ record: 2, line: 4, code: 'unterminated_quote' }]);
    expect(parseCsv('"a"b,c').problems).toEqual([{ record: 0, line: 1, code: 'text_after_quote' }]);
  });
});

describe('rich text sanitiser', () => {
  it('keeps allowed formatting, links and images', () => {
    expect(sanitizeRichText('<p>明前<strong>龙井</strong><br>250g</p>')).toBe('<p>明前<strong>龙井</strong><br>250g</p>');
    expect(sanitizeRichText('<img src="https://img.example.com/a.jpg" alt="茶" width="300">')).toBe('<img src="https://img.example.com/a.jpg" alt="茶" width="300">');
    expect(sanitizeRichText('<a href="https://example.com/?a=1&amp;b=2" target="_blank">link</a>')).toBe(
      '<a href="https://example.com/?a=1&amp;b=2" rel="nofollow noopener noreferrer">link</a>',
    );
  });
  it('removes scripts, styles and frames with their content', () => {
    expect(sanitizeRichText('<p>a</p><script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe>b')).toBe('<p>a</p>b');
    expect(sanitizeRichText('<SCRIPT type="text/javascript">alert(1)</SCRIPT >ok')).toBe('ok');
    expect(sanitizeRichText('x<script>never closed')).toBe('x');
  });
  it('removes event handlers, style attributes and javascript: URLs however they are disguised', () => {
    expect(sanitizeRichText('<img src=x onerror="alert(1)">')).toBe('<img src="x">');
    expect(sanitizeRichText('<p onclick=alert(1) style="color:red">t</p>')).toBe('<p>t</p>');
    expect(sanitizeRichText('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href=" JaVa&#x53;cript&colon;alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="java\tscript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<img src="data:text/html;base64,PHNjcmlwdD4=">')).toBe('<img>');
    expect(isSafeUrl('/relative/path.png')).toBe(true);
    expect(isSafeUrl('vbscript:msgbox')).toBe(false);
  });
  it('drops unknown tags but keeps their text, escapes stray brackets and balances tags', () => {
    expect(sanitizeRichText('<font color=red>红</font> <custom-tag>x</custom-tag>')).toBe('红 x');
    expect(sanitizeRichText('1 < 2 && 3 > 2')).toBe('1 &lt; 2 &amp;&amp; 3 &gt; 2');
    expect(sanitizeRichText('<b><i>x</b>')).toBe('<b><i>x</i></b>');
    expect(sanitizeRichText('<a href="https://e.com">open')).toBe('<a href="https://e.com" rel="nofollow noopener noreferrer">open</a>');
    expect(sanitizeRichText('</p>text<!-- <script>x</script> -->')).toBe('text');
    expect(sanitizeRichText('&lt;script&gt;')).toBe('&lt;script&gt;');
  });
  it('is idempotent, so a stored description read back and imported again is no change', () => {
    const tokens = ['<', '>', '/', '"', "'", '=', '&', ';', '#x61', 'amp', 'a', ' ', 'p', 'b', 'href', 'src', 'img', 'script', 'javascript:', 'https://e.com', 'onclick', '!--', '--', '\t', '长'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 40 }), (parts) => {
        const once = sanitizeRichText(parts.join(''));
        expect(sanitizeRichText(once)).toBe(once);
      }),
      { numRuns: 2_000 },
    );
  });

  it('scans hostile input without backtracking (a quadratic scan would hit the test timeout)', () => {
    const hostile = '<a '.repeat(20_000) + '<'.repeat(20_000) + '<a "'.repeat(5_000) + '>' + '<img src=x onerror=alert(1) '.repeat(2_000);
    const clean = sanitizeRichText(hostile);
    expect(clean).not.toMatch(/<[^>]*\bon\w+=/i);
    expect(clean).toContain("&lt;img src=x onerror=alert(1)");
  });
});

describe('import rows', () => {
  const header = 'spuCode,title,category,skuCode,specs,supplyPriceFen,minRetailPriceFen,suggestedRetailPriceFen,maxRetailPriceFen,stock';

  it('maps English and Chinese headers to columns', () => {
    expect(columnOfHeader(' SKUCODE ')).toBe('skuCode');
    expect(columnOfHeader('供货价(分)')).toBe('supplyPriceFen');
    expect(columnOfHeader('重量（克）')).toBe('weightGrams');
    expect(columnOfHeader('sku编码')).toBe('skuCode');
    expect(columnOfHeader('colour')).toBeNull();
  });

  it('decodes a CSV file into typed rows', () => {
    const { rows, issues } = decodeImport('csv', `\uFEFF${header}\r\nLJ,西湖龙井,茶叶,LJ-250,规格:250g,12800,16800,19800,23800,100\r\n`);
    expect(issues).toEqual([]);
    const parsed = parseImportRow(rows[0]!);
    expect(parsed.issues).toEqual([]);
    expect(parsed.row).toMatchObject({ row: 1, spuCode: 'LJ', content: { title: '西湖龙井', category: '茶叶', imageUrls: [] }, sku: { skuCode: 'LJ-250', supplyPriceFen: 12800n, stock: 100, weightGrams: 0 } });
    expect(parsed.row!.sku.specs).toEqual([{ name: '规格', value: '250g' }]);
  });

  it('reports header problems on row 0', () => {
    const { issues } = decodeImport('csv', 'spuCode,title,colour,title\n');
    expect(issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual(
      expect.arrayContaining([[0, 'colour', 'unknown_column'], [0, 'title', 'duplicate_column'], [0, 'skuCode', 'missing_column']]),
    );
  });

  it('reports every bad cell of a row with its column', () => {
    const { rows } = decodeImport('csv', `${header},imageUrls\nLJ,,茶叶,bad code!,颜色,12.5,100,90,80,-1,ftp://x\n`);
    const { row, issues } = parseImportRow(rows[0]!);
    expect(row).toBeNull();
    expect(issues.map((issue) => [issue.column, issue.code])).toEqual([
      ['title', 'required'],
      ['imageUrls', 'invalid_url'],
      ['skuCode', 'invalid_code'],
      ['specs', 'invalid_specs'],
      ['supplyPriceFen', 'invalid_fen'],
      ['stock', 'invalid_count'],
    ]);
    const price = parseImportRow({ row: 2, values: { spuCode: 'A', title: 't', category: 'c', skuCode: 'A1', supplyPriceFen: 100, minRetailPriceFen: 90, suggestedRetailPriceFen: 120, maxRetailPriceFen: 130, stock: 1 } });
    expect(price.issues).toEqual([{ row: 2, column: 'minRetailPriceFen', code: 'price_band_invalid' }]);
  });

  it('reads JSON rows with typed values, and reports bad JSON and unknown keys', () => {
    const json = JSON.stringify([
      { spuCode: 'A', title: '面膜', category: '面膜', skuCode: 'A-10', specs: [{ name: '规格', value: '10片' }], supplyPriceFen: 3900, minRetailPriceFen: 5900, suggestedRetailPriceFen: 8900, maxRetailPriceFen: 9900, stock: 5, imageUrls: ['https://img.example.com/1.jpg'] },
      { spuCode: 'A', colour: 'red' },
      7,
    ]);
    const { rows, issues } = decodeImport('json', json);
    expect(issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual([[2, 'colour', 'unknown_column'], [3, null, 'not_an_object']]);
    expect(parseImportRow(rows[0]!).row?.content.imageUrls).toEqual(['https://img.example.com/1.jpg']);
    expect(decodeImport('json', '{"a":').issues[0]).toMatchObject({ row: 0, code: 'invalid_json' });
    expect(decodeImport('json', '{}').issues[0]).toMatchObject({ row: 0, code: 'not_an_array' });
  });

  it('groups rows by SPU, and reports conflicting product columns and repeated SKU codes', () => {
    const { rows } = decodeImport('csv', [header, 'A,茶,茶叶,A1,规格:1,1,1,1,1,1', 'A,茶,茶叶,A2,规格:2,1,1,1,1,1', 'A,红茶,茶叶,A3,规格:3,1,1,1,1,1', 'B,米,粮油,A1,,1,1,1,1,1'].join('\n'));
    const { products, issues } = groupImportRows(rows.map((raw) => parseImportRow(raw).row!));
    expect(products.map((product) => [product.spuCode, product.skus.map((entry) => entry.row)])).toEqual([['A', [1, 2]]]);
    expect(issues).toEqual([
      { row: 3, column: 'title', code: 'conflicting_value', params: { firstRow: 1 } },
      { row: 4, column: 'skuCode', code: 'duplicate_sku_code', params: { firstRow: 1 } },
    ]);
  });

  it('knows which columns a file sets, so an update leaves the others alone', () => {
    const base = { spuCode: 'A', title: '茶', category: '茶叶', supplyPriceFen: 1, minRetailPriceFen: 1, suggestedRetailPriceFen: 1, maxRetailPriceFen: 1, stock: 1 };
    const rows = [
      { row: 1, values: { ...base, skuCode: 'A1' } },
      { row: 2, values: { ...base, skuCode: 'A2', origin: '杭州', specs: '规格:大' } },
    ].map((raw) => parseImportRow(raw).row!);
    const { products, issues } = groupImportRows(rows);
    expect(issues).toEqual([]);
    expect(presentContent(products[0]!)).toEqual({ title: '茶', category: '茶叶', origin: '杭州' });
    expect(products[0]!.skus.map((entry) => [entry.sku.skuCode, entry.hasSpecs, entry.hasWeight])).toEqual([['A1', false, false], ['A2', true, false]]);
  });

  it('describes issues in the caller’s language', () => {
    const issue = { row: 3, column: 'title', code: 'conflicting_value' as const, params: { firstRow: 1 } };
    expect(describeImportIssue(issue, 'zh-CN').message).toBe('与同一 SPU 第 1 行的值不一致');
    expect(describeImportIssue(issue, 'en').message).toBe('Differs from row 1 of the same SPU');
  });
});
