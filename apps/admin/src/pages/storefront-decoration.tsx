import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, isAbortError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { StorefrontDecoration } from '../promotion-types';
import type { StorefrontItem } from '../types';

const MAX_BANNERS = 5;
const MAX_FEATURED = 20;
const MAX_CATEGORIES = 20;
const HTTP_URL = /^https?:\/\/\S+$/;

interface DecorationValues {
  name: string;
  logoUrl?: string;
  bannerUrls: Array<string | undefined>;
  intro?: string;
  featuredProductIds: string[];
  categories: Array<{ name?: string; productIds?: string[] }>;
}

/**
 * 店铺装修: the storefront's name, logo, banners, intro, featured products and its own categories.
 * Featured and grouped products can only be ones the storefront sells, so the choices come from its items.
 */
export function StorefrontDecorationForm({ items, defaultName, onSaved }: { items: StorefrontItem[]; defaultName: string; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecorationValues>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const productOptions = useMemo(() => {
    const titles = new Map<string, string>();
    for (const item of items) if (!titles.has(item.productId)) titles.set(item.productId, item.title);
    return [...titles].map(([value, label]) => ({ value, label }));
  }, [items]);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<StorefrontDecoration | null>('/admin/storefront', { signal: controller.signal })
      .then((decoration) => {
        form.setFieldsValue(
          decoration
            ? {
                name: decoration.name,
                logoUrl: decoration.logoUrl ?? '',
                bannerUrls: decoration.bannerUrls,
                intro: decoration.intro,
                featuredProductIds: decoration.featuredProductIds,
                categories: decoration.categories.map((category) => ({ name: category.name, productIds: category.productIds })),
              }
            : { name: defaultName, bannerUrls: [], featuredProductIds: [], categories: [] },
        );
        setLoaded(true);
      })
      .catch((cause: unknown) => {
        if (!isAbortError(cause)) setLoaded(true);
      });
    return () => controller.abort();
  }, [form, defaultName]);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.put<StorefrontDecoration>(
        '/admin/storefront',
        {
          name: values.name.trim(),
          logoUrl: values.logoUrl?.trim() ? values.logoUrl.trim() : null,
          bannerUrls: (values.bannerUrls ?? []).map((url) => (url ?? '').trim()).filter(Boolean),
          intro: (values.intro ?? '').trim(),
          featuredProductIds: values.featuredProductIds ?? [],
          categories: (values.categories ?? []).map((category) => ({ name: (category.name ?? '').trim(), productIds: category.productIds ?? [] })),
        },
        { silent: true },
      );
      void message.success(t('decoration.saved'));
      onSaved();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause)));
    } finally {
      setSaving(false);
    }
  };

  const urlRule = {
    validator: (_: unknown, value: string | undefined) =>
      !value?.trim() || HTTP_URL.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('categories.urlInvalid'))),
  };

  if (!loaded) return <Spin />;
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 760 }} data-testid="decoration-form">
      <Alert type="info" showIcon title={t('decoration.note')} style={{ marginBottom: 16 }} />
      <ApiErrorAlert error={error} testId="decoration-error" showDetails={false} />
      <Form.Item name="name" label={t('decoration.name')} rules={[{ required: true, whitespace: true, message: t('decoration.nameRequired') }, { max: 50, message: t('decoration.nameLength') }]}>
        <Input maxLength={50} data-testid="decoration-name" />
      </Form.Item>
      <Form.Item name="logoUrl" label={t('decoration.logoUrl')} rules={[urlRule]}>
        <Input maxLength={500} placeholder="https://" data-testid="decoration-logo" />
      </Form.Item>
      <Form.List name="bannerUrls">
        {(fields, { add, remove }) => (
          <Form.Item label={t('decoration.banners', { max: MAX_BANNERS })}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item name={field.name} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: t('decoration.urlRequired') }, urlRule]}>
                  <Input maxLength={500} placeholder="https://" data-testid="decoration-banner" />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('promotions.removeRow')} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= MAX_BANNERS} onClick={() => add('')} data-testid="decoration-add-banner">
              {t('decoration.addBanner')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="intro" label={t('decoration.intro')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="decoration-intro" />
      </Form.Item>
      <Form.Item
        name="featuredProductIds"
        label={t('decoration.featured')}
        extra={t('decoration.featuredHint', { max: MAX_FEATURED })}
        rules={[{ validator: (_, value: string[] | undefined) => ((value?.length ?? 0) <= MAX_FEATURED ? Promise.resolve() : Promise.reject(new Error(t('decoration.tooMany', { max: MAX_FEATURED })))) }]}
      >
        <Select mode="multiple" allowClear options={productOptions} optionFilterProp="label" notFoundContent={t('decoration.noItems')} data-testid="decoration-featured" />
      </Form.Item>
      <Typography.Text strong>{t('decoration.categories')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('decoration.categoriesHint')}
      </Typography.Paragraph>
      <Form.List name="categories">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid="decoration-category">
                <Form.Item name={[field.name, 'name']} style={{ width: 180 }} rules={[{ required: true, whitespace: true, message: t('decoration.categoryNameRequired') }, { max: 20, message: t('categories.nameZhLength') }]}>
                  <Input maxLength={20} placeholder={t('decoration.categoryName')} data-testid="decoration-category-name" />
                </Form.Item>
                <Form.Item name={[field.name, 'productIds']} style={{ flex: 1, minWidth: 0 }}>
                  <Select mode="multiple" allowClear options={productOptions} optionFilterProp="label" placeholder={t('decoration.categoryProducts')} notFoundContent={t('decoration.noItems')} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('promotions.removeRow')} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= MAX_CATEGORIES} onClick={() => add({ name: '', productIds: [] })} data-testid="decoration-add-category">
              {t('decoration.addCategory')}
            </Button>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 24 }}>
        <Button type="primary" loading={saving} onClick={() => void save().catch(() => undefined)} data-testid="decoration-save">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
