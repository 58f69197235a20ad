import { Flex, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, isAbortError } from '../api';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { Paged, Product, ProductDetail } from '../types';
import { loadProduct, skuSpecsText } from '../use-product-lookup';

/** On-sale products matching a search, reloaded as the person types (newest request wins). */
function useProductSearch(): { options: Product[]; loading: boolean; search: (text: string) => void } {
  const { locale } = useI18n();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Product[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    // A short pause so each keystroke does not cost a request.
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Paged<Product>>('/admin/products', { query: { status: 'on_sale', q: query.trim(), pageSize: 20 }, silent: true, signal: controller.signal })
        .then((page) => setOptions(page.items))
        .catch((error: unknown) => {
          if (!isAbortError(error)) setOptions([]);
        })
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, locale]);
  return { options, loading, search: setQuery };
}

interface SkuPickerProps {
  value?: string;
  onChange?: (skuId: string | undefined) => void;
  testId?: string;
}

/** Picks one SKU of an on-sale product: the product by searching its title, then the SKU by its specs. */
export function SkuPicker({ value, onChange, testId }: SkuPickerProps) {
  const { t, locale } = useI18n();
  const { options, loading, search } = useProductSearch();
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const chosen = useRef<string | undefined>(value);
  chosen.current = value;

  const chooseProduct = (productId: string | undefined) => {
    onChange?.(undefined);
    setProduct(null);
    if (!productId) return;
    void loadProduct(productId, locale).then((detail) => {
      setProduct(detail);
      // A product with one SKU needs no second choice.
      if (detail && detail.skus.length === 1 && chosen.current === undefined) onChange?.(detail.skus[0]!.id);
    });
  };

  return (
    <Flex gap={8} style={{ width: '100%' }} data-testid={testId}>
      <Select
        showSearch
        allowClear
        style={{ flex: 3, minWidth: 0 }}
        placeholder={t('promotions.pickProduct')}
        filterOption={false}
        onSearch={search}
        loading={loading}
        value={product?.id}
        onChange={chooseProduct}
        notFoundContent={t('promotions.noProducts')}
        options={options.map((option) => ({ value: option.id, label: option.title }))}
        data-testid={testId ? `${testId}-product` : undefined}
      />
      <Select
        style={{ flex: 2, minWidth: 0 }}
        placeholder={t('promotions.pickSku')}
        disabled={!product}
        value={value}
        onChange={(skuId: string) => onChange?.(skuId)}
        options={(product?.skus ?? []).map((sku) => ({
          value: sku.id,
          label: `${skuSpecsText(sku)} · ${formatFen(sku.suggestedRetailPriceFen)}`,
        }))}
        data-testid={testId ? `${testId}-sku` : undefined}
      />
    </Flex>
  );
}

interface ProductsPickerProps {
  value?: string[];
  onChange?: (productIds: string[]) => void;
  testId?: string;
}

/** Picks any number of on-sale products by title; empty means every product. */
export function ProductsPicker({ value, onChange, testId }: ProductsPickerProps) {
  const { t } = useI18n();
  const { options, loading, search } = useProductSearch();
  // Remember the titles of chosen products so they keep their names when a new search replaces the options.
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    setKnown((previous) => {
      const next = { ...previous };
      for (const option of options) next[option.id] = option.title;
      return next;
    });
  }, [options]);
  const selected = (value ?? []).filter((id) => !options.some((option) => option.id === id));
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={search}
      loading={loading}
      value={value}
      onChange={onChange}
      placeholder={t('promotions.allProducts')}
      notFoundContent={t('promotions.noProducts')}
      options={[
        ...selected.map((id) => ({ value: id, label: known[id] ?? id })),
        ...options.map((option) => ({ value: option.id, label: option.title })),
      ]}
      data-testid={testId}
    />
  );
}
