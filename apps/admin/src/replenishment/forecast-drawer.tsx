import { Alert, App, Button, Descriptions, Drawer, Flex, Form, InputNumber, List, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { ForecastChart } from './forecast-chart';
import { StatusTag, percentOf } from './status-tag';
import type { ForecastDetail, ForecastErrors } from './types';

interface SkuSettingsForm {
  leadTimeDays: number | null;
  reviewPeriodDays: number | null;
  serviceLevelPercent: number | null;
  onOrderQuantity: number;
}

const errorText = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/** One SKU: the demand chart, the suggestion with its arithmetic, the backtest, and the SKU's own settings. */
export function ForecastDrawer({ skuId, onClose, onChanged }: { skuId: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canWrite = useAuth().can('product.write');
  const [detail, setDetail] = useState<ForecastDetail | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<SkuSettingsForm>();

  const load = useCallback(async (id: string) => {
    const loaded = await api.get<ForecastDetail>(`/admin/replenishment/skus/${id}/forecast`, { query: { historyDays: 84, horizonDays: 28 } });
    setDetail(loaded);
    const own = <K extends 'leadTimeDays' | 'reviewPeriodDays' | 'serviceLevelBps'>(key: K) => (loaded.settings.sources[key] === 'sku' ? loaded.settings[key] : null);
    const serviceLevelBps = own('serviceLevelBps');
    form.setFieldsValue({ leadTimeDays: own('leadTimeDays'), reviewPeriodDays: own('reviewPeriodDays'), serviceLevelPercent: serviceLevelBps === null ? null : serviceLevelBps / 100, onOrderQuantity: loaded.settings.onOrderQuantity });
  }, [form]);

  useEffect(() => {
    setDetail(null);
    if (skuId) void load(skuId);
  }, [skuId, load]);

  async function save(values: SkuSettingsForm) {
    setSaving(true);
    try {
      await api.put(`/admin/replenishment/skus/${skuId}/settings`, {
        leadTimeDays: values.leadTimeDays ?? null,
        reviewPeriodDays: values.reviewPeriodDays ?? null,
        serviceLevelBps: values.serviceLevelPercent === null || values.serviceLevelPercent === undefined ? null : Math.round(values.serviceLevelPercent * 100),
        onOrderQuantity: values.onOrderQuantity ?? 0,
      });
      message.success(t('replenishment.saved'));
      await load(skuId!);
      onChanged();
    } finally {
      setSaving(false);
    }
  }

  const source = (key: 'leadTimeDays' | 'reviewPeriodDays' | 'serviceLevelBps') => (detail ? t(`replenishment.source.${detail.settings.sources[key]}`) : '');
  const backtestRows = detail?.backtest
    ? [
        { key: 'model', name: t('replenishment.backtestModel'), errors: detail.backtest.holtWinters },
        { key: 'baseline', name: t('replenishment.backtestBaseline'), errors: detail.backtest.seasonalNaive },
      ]
    : [];

  return (
    <Drawer open={skuId !== null} onClose={onClose} width={880} title={detail ? t('replenishment.forecastTitle', { code: detail.sku.skuCode }) : ' '} data-testid="replenishment-drawer">
      {!detail ? (
        <Spin />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            {detail.sku.title} {detail.sku.specs} · {detail.sku.supplierName} · {t('replenishment.historyEnd', { day: detail.model.historyEnd })}
          </Typography.Text>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label={t('replenishment.advice')}>
              <StatusTag status={detail.suggestion.status} /> <Typography.Text strong data-testid="drawer-suggested">{detail.suggestion.suggestedQuantity}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('replenishment.onHand')}>{detail.sku.onHand}</Descriptions.Item>
            <Descriptions.Item label={t('replenishment.onOrder')}>{detail.sku.onOrder}</Descriptions.Item>
            <Descriptions.Item label={t('replenishment.reorderPoint')}>{detail.suggestion.reorderPoint}</Descriptions.Item>
            <Descriptions.Item label={t('replenishment.targetStock')}>{detail.suggestion.targetStock}</Descriptions.Item>
            <Descriptions.Item label={t('replenishment.safetyStock')}>{detail.suggestion.safetyStock}</Descriptions.Item>
            <Descriptions.Item label={t('replenishment.model')}>
              <Tag color="blue">{t(`replenishment.method.${detail.model.method}`)}</Tag>
              {detail.model.alpha !== null && <Typography.Text type="secondary">α={detail.model.alpha}{detail.model.beta !== null ? ` β=${detail.model.beta} γ=${detail.model.gamma}` : ''}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('replenishment.leadTime')}>
              {t('replenishment.days', { days: detail.settings.leadTimeDays })} <Typography.Text type="secondary">({source('leadTimeDays')})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('replenishment.serviceLevel')}>
              {percentOf(detail.settings.serviceLevelBps)} <Typography.Text type="secondary">({source('serviceLevelBps')})</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <ForecastChart detail={detail} />
          <div>
            <Typography.Title level={5}>{t('replenishment.reasoning')}</Typography.Title>
            <List size="small" bordered dataSource={detail.suggestion.reasoning} renderItem={(line) => <List.Item>{line}</List.Item>} data-testid="replenishment-reasoning" />
          </div>
          <div>
            <Typography.Title level={5}>{detail.backtest ? t('replenishment.backtest', { origins: detail.backtest.origins }) : t('replenishment.backtestNone')}</Typography.Title>
            {detail.backtest && (
              <Table<{ key: string; name: string; errors: ForecastErrors }>
                size="small"
                pagination={false}
                dataSource={backtestRows}
                columns={[
                  { title: t('replenishment.model'), dataIndex: 'name' },
                  { title: t('replenishment.wape'), key: 'wape', render: (_, row) => errorText(row.errors.wapePercent) },
                  { title: t('replenishment.mape'), key: 'mape', render: (_, row) => errorText(row.errors.mapePercent) },
                  { title: t('replenishment.smape'), key: 'smape', render: (_, row) => errorText(row.errors.smapePercent) },
                ]}
              />
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('replenishment.skuSettings')}</Typography.Title>
            {canWrite ? (
              <Form form={form} layout="inline" onFinish={save} data-testid="sku-settings-form">
                <Form.Item name="leadTimeDays" label={t('replenishment.leadTime')} tooltip={t('replenishment.inherit')}>
                  <InputNumber min={1} max={120} precision={0} placeholder={String(detail.settings.leadTimeDays)} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="reviewPeriodDays" label={t('replenishment.reviewPeriod')} tooltip={t('replenishment.inherit')}>
                  <InputNumber min={1} max={60} precision={0} placeholder={String(detail.settings.reviewPeriodDays)} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="serviceLevelPercent" label={t('replenishment.serviceLevel')} tooltip={t('replenishment.inherit')}>
                  <InputNumber min={50} max={99.9} step={0.5} precision={1} suffix="%" placeholder={String(detail.settings.serviceLevelBps / 100)} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name="onOrderQuantity" label={t('replenishment.onOrder')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100_000_000} precision={0} style={{ width: 110 }} data-testid="sku-on-order" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="sku-settings-save">
                  {t('replenishment.save')}
                </Button>
              </Form>
            ) : (
              <Alert type="info" showIcon title={t('replenishment.noWrite')} />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
