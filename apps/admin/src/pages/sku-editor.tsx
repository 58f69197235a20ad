import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n, type Translate } from '../i18n';
import { fenToYuanInput, parseYuanToFen } from '../money';
import type { Sku, SkuInput } from '../types';

/** One editable SKU row; prices stay strings (yuan) until they are converted to fen exactly. */
export interface SkuRow {
  key: string;
  skuCode: string;
  /** Values in the order of the product's spec names. */
  specValues: string[];
  supply: string;
  min: string;
  suggested: string;
  max: string;
  stock: number | null;
  weight: number | null;
}

export const MAX_SPEC_NAMES = 5;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PRICE_FIELDS = ['supply', 'min', 'suggested', 'max'] as const;
type PriceField = (typeof PRICE_FIELDS)[number];
const PRICE_LABELS: Record<PriceField, 'sku.supplyPrice' | 'sku.minRetail' | 'sku.suggestedRetail' | 'sku.maxRetail'> = {
  supply: 'sku.supplyPrice',
  min: 'sku.minRetail',
  suggested: 'sku.suggestedRetail',
  max: 'sku.maxRetail',
};

let rowCounter = 0;
export function newSkuRow(specCount: number): SkuRow {
  rowCounter += 1;
  return {
    key: `row-${Date.now()}-${rowCounter}`,
    skuCode: '',
    specValues: Array.from({ length: specCount }, () => ''),
    supply: '',
    min: '',
    suggested: '',
    max: '',
    stock: 0,
    weight: 0,
  };
}

/** Spec names come from the first SKU: the API requires every SKU to use the same names in the same order. */
export function rowsFromSkus(skus: readonly Sku[]): { specNames: string[]; rows: SkuRow[] } {
  const specNames = skus[0]?.specs.map((spec) => spec.name) ?? [];
  const rows = skus.map((sku) => ({
    ...newSkuRow(0),
    skuCode: sku.skuCode,
    specValues: specNames.map((name) => sku.specs.find((spec) => spec.name === name)?.value ?? ''),
    supply: fenToYuanInput(sku.supplyPriceFen),
    min: fenToYuanInput(sku.minRetailPriceFen),
    suggested: fenToYuanInput(sku.suggestedRetailPriceFen),
    max: fenToYuanInput(sku.maxRetailPriceFen),
    stock: sku.stock,
    weight: sku.weightGrams,
  }));
  return { specNames, rows };
}

export interface SkuProblem {
  rowKey: string;
  field: string;
  message: string;
}

/** Checks every row the way the server will, with messages that name the row and the field. */
export function validateSkuRows(rows: readonly SkuRow[], specNames: readonly string[], t: Translate): { problems: SkuProblem[]; skus: SkuInput[] } {
  const problems: SkuProblem[] = [];
  const skus: SkuInput[] = [];
  const seenCodes = new Map<string, number>();
  const seenSpecs = new Map<string, number>();
  if (rows.length === 0) problems.push({ rowKey: '', field: 'rows', message: t('sku.errorNoRows') });
  rows.forEach((row, index) => {
    const n = index + 1;
    const add = (field: string, message: string) => problems.push({ rowKey: row.key, field, message: t('sku.rowPrefix', { row: n }) + message });
    const code = row.skuCode.trim();
    if (!code) add('skuCode', t('sku.errorCodeRequired'));
    else if (!CODE_PATTERN.test(code)) add('skuCode', t('sku.errorCodeFormat'));
    else if (seenCodes.has(code)) add('skuCode', t('sku.errorCodeDuplicate', { other: seenCodes.get(code)! }));
    else seenCodes.set(code, n);

    specNames.forEach((name, specIndex) => {
      const value = (row.specValues[specIndex] ?? '').trim();
      if (!value) add(`spec${specIndex}`, t('sku.errorSpecRequired', { name }));
      else if (value.length > 50) add(`spec${specIndex}`, t('sku.errorSpecTooLong', { name }));
    });
    if (specNames.length) {
      const combination = specNames.map((_, specIndex) => (row.specValues[specIndex] ?? '').trim()).join('\u0000');
      if (seenSpecs.has(combination)) add('spec0', t('sku.errorSpecDuplicate', { other: seenSpecs.get(combination)! }));
      else seenSpecs.set(combination, n);
    }

    const fen: Partial<Record<PriceField, number>> = {};
    for (const field of PRICE_FIELDS) {
      const raw = row[field].trim();
      if (!raw) {
        add(field, t('sku.errorPriceRequired', { field: t(PRICE_LABELS[field]) }));
        continue;
      }
      const parsed = parseYuanToFen(raw);
      if (parsed === null) add(field, t('sku.errorPriceFormat', { field: t(PRICE_LABELS[field]) }));
      else fen[field] = parsed;
    }
    // supply ≤ min ≤ suggested ≤ max, reported at the first pair out of order.
    for (let i = 1; i < PRICE_FIELDS.length; i++) {
      const lower = PRICE_FIELDS[i - 1]!;
      const upper = PRICE_FIELDS[i]!;
      const low = fen[lower];
      const high = fen[upper];
      if (low !== undefined && high !== undefined && low > high) {
        add(upper, t('sku.errorPriceOrder', { upper: t(PRICE_LABELS[upper]), lower: t(PRICE_LABELS[lower]) }));
      }
    }
    if (row.stock === null || !Number.isInteger(row.stock) || row.stock < 0 || row.stock > 1_000_000_000) add('stock', t('sku.errorStock'));
    if (row.weight !== null && (!Number.isInteger(row.weight) || row.weight < 0 || row.weight > 1_000_000)) add('weight', t('sku.errorWeight'));

    skus.push({
      skuCode: code,
      specs: specNames.map((name, specIndex) => ({ name, value: (row.specValues[specIndex] ?? '').trim() })),
      supplyPriceFen: fen.supply ?? 0,
      minRetailPriceFen: fen.min ?? 0,
      suggestedRetailPriceFen: fen.suggested ?? 0,
      maxRetailPriceFen: fen.max ?? 0,
      stock: row.stock ?? 0,
      weightGrams: row.weight ?? 0,
    });
  });
  return { problems, skus };
}

interface Props {
  specNames: string[];
  rows: SkuRow[];
  problems: SkuProblem[];
  onSpecNamesChange: (names: string[]) => void;
  onRowsChange: (rows: SkuRow[]) => void;
}

export function SkuEditor({ specNames, rows, problems, onSpecNamesChange, onRowsChange }: Props) {
  const { t } = useI18n();
  const hasProblem = (row: SkuRow, field: string) => problems.some((problem) => problem.rowKey === row.key && problem.field === field);
  const update = (key: string, patch: Partial<SkuRow>) => onRowsChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const changeSpecNames = (names: string[]) => {
    const next = [...new Set(names.map((name) => name.trim()).filter((name) => name && name.length <= 20))].slice(0, MAX_SPEC_NAMES);
    // Keep each row's value under its name when names are added, removed or reordered.
    onRowsChange(
      rows.map((row) => ({
        ...row,
        specValues: next.map((name) => {
          const previous = specNames.indexOf(name);
          return previous >= 0 ? (row.specValues[previous] ?? '') : '';
        }),
      })),
    );
    onSpecNamesChange(next);
  };

  const priceColumn = (field: PriceField): TableColumnsType<SkuRow>[number] => ({
    title: t(PRICE_LABELS[field]),
    key: field,
    width: 118,
    render: (_, row) => (
      <Input
        prefix="¥"
        inputMode="decimal"
        value={row[field]}
        status={hasProblem(row, field) ? 'error' : undefined}
        placeholder="0.00"
        onChange={(event) => update(row.key, { [field]: event.target.value } as Partial<SkuRow>)}
        data-testid={`sku-${field}`}
      />
    ),
  });

  const columns: TableColumnsType<SkuRow> = [
    {
      title: t('sku.code'),
      key: 'skuCode',
      width: 150,
      fixed: 'left',
      render: (_, row) => (
        <Input
          value={row.skuCode}
          maxLength={64}
          status={hasProblem(row, 'skuCode') ? 'error' : undefined}
          onChange={(event) => update(row.key, { skuCode: event.target.value })}
          data-testid="sku-code"
        />
      ),
    },
    ...specNames.map<TableColumnsType<SkuRow>[number]>((name, specIndex) => ({
      title: name,
      key: `spec-${name}`,
      width: 120,
      render: (_, row) => (
        <Input
          value={row.specValues[specIndex] ?? ''}
          maxLength={50}
          status={hasProblem(row, `spec${specIndex}`) ? 'error' : undefined}
          onChange={(event) => {
            const specValues = [...row.specValues];
            specValues[specIndex] = event.target.value;
            update(row.key, { specValues });
          }}
          data-testid={`sku-spec-${specIndex}`}
        />
      ),
    })),
    priceColumn('supply'),
    priceColumn('min'),
    priceColumn('suggested'),
    priceColumn('max'),
    {
      title: t('sku.stock'),
      key: 'stock',
      width: 100,
      render: (_, row) => (
        <InputNumber
          min={0}
          max={1_000_000_000}
          precision={0}
          value={row.stock}
          status={hasProblem(row, 'stock') ? 'error' : undefined}
          onChange={(value) => update(row.key, { stock: value })}
          style={{ width: '100%' }}
          data-testid="sku-stock"
        />
      ),
    },
    {
      title: t('sku.weightGrams'),
      key: 'weight',
      width: 100,
      render: (_, row) => (
        <InputNumber
          min={0}
          max={1_000_000}
          precision={0}
          value={row.weight}
          status={hasProblem(row, 'weight') ? 'error' : undefined}
          onChange={(value) => update(row.key, { weight: value })}
          style={{ width: '100%' }}
          data-testid="sku-weight"
        />
      ),
    },
    {
      title: '',
      key: 'remove',
      width: 48,
      fixed: 'right',
      render: (_, row) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          disabled={rows.length <= 1}
          aria-label={t('sku.removeRow')}
          title={t('sku.removeRow')}
          onClick={() => onRowsChange(rows.filter((candidate) => candidate.key !== row.key))}
          data-testid="sku-remove-row"
        />
      ),
    },
  ];

  return (
    <div data-testid="sku-editor">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('sku.specNames')}</Typography.Text>
        <Select
          mode="tags"
          value={specNames}
          onChange={changeSpecNames}
          placeholder={t('sku.specNamesPlaceholder')}
          style={{ minWidth: 320, flex: 1 }}
          open={false}
          tokenSeparators={[',', '，', ';', '；']}
          data-testid="sku-spec-names"
        />
      </Flex>
      <Table<SkuRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 150 + specNames.length * 120 + 4 * 118 + 200 + 48 }}
        data-testid="sku-table"
      />
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        disabled={rows.length >= 100}
        onClick={() => onRowsChange([...rows, newSkuRow(specNames.length)])}
        data-testid="sku-add-row"
      >
        {t('sku.addRow')}
      </Button>
    </div>
  );
}
