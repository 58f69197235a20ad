import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, downloadFile } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { ForecastChart } from './forecast-chart';
import { ForecastDrawer } from './forecast-drawer';
import { StatusTag, percentOf } from './status-tag';
import { SupplierSettingsModal } from './supplier-settings-modal';
import { SUGGESTION_STATUSES, type ForecastDetail, type Suggestion, type SuggestionStatus } from './types';

/** The chart of the SKU picked in the table (the most urgent one to start with). */
function ForecastPanel({ skuId, onOpen }: { skuId: string | null; onOpen: (skuId: string) => void }) {
  const { t, locale } = useI18n();
  const [detail, setDetail] = useState<ForecastDetail | null>(null);
  useEffect(() => {
    setDetail(null);
    if (!skuId) return;
    const controller = new AbortController();
    api
      .get<ForecastDetail>(`/admin/replenishment/skus/${skuId}/forecast`, { query: { historyDays: 56, horizonDays: 28 }, signal: controller.signal, silent: true })
      .then(setDetail)
      .catch(() => undefined);
    return () => controller.abort();
  }, [skuId, locale]);
  if (!skuId) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  if (!detail) return <Spin />;
  return (
    <Flex vertical gap={8} data-testid="replenishment-panel">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Text strong>{detail.sku.skuCode}</Typography.Text>
          <Typography.Text>{`${detail.sku.title} ${detail.sku.specs}`}</Typography.Text>
          <StatusTag status={detail.suggestion.status} />
          <Tag color="blue">{t(`replenishment.method.${detail.model.method}`)}</Tag>
          <Typography.Text type="secondary">{t('replenishment.historyEnd', { day: detail.model.historyEnd })}</Typography.Text>
        </Space>
        <Button onClick={() => onOpen(skuId)} data-testid="replenishment-open-detail">
          {t('replenishment.reasoning')}
        </Button>
      </Flex>
      <ForecastChart detail={detail} height={300} />
    </Flex>
  );
}

/** 补货建议: what each SKU should order, most urgent first, with the forecast behind it. */
export function ReplenishmentPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user, can } = useAuth();
  const isPlatform = user?.organization?.kind === 'platform';
  const ownSupplierId = user?.organization?.kind === 'supplier' ? user.organization.id : null;
  const [status, setStatus] = useState<SuggestionStatus | undefined>();
  const [query, setQuery] = useState('');
  const [supplierId, setSupplierId] = useState<string | undefined>();
  const [suppliers, setSuppliers] = useState<{ value: string; label: string }[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [drawerSku, setDrawerSku] = useState<string | null>(null);
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const filters = useMemo(() => ({ status, q: query || undefined, supplierId }), [status, query, supplierId]);
  const list = usePagedList<Suggestion>('/admin/replenishment/suggestions', filters);

  useEffect(() => {
    if (!isPlatform) return;
    void api
      .get<Paged<{ organizationId: string; companyName: string }>>('/admin/supplier-profiles', { query: { status: 'approved', pageSize: 100 }, silent: true })
      .then((page) => setSuppliers(page.items.map((item) => ({ value: item.organizationId, label: item.companyName }))))
      .catch(() => undefined);
  }, [isPlatform]);

  // The chart follows the table: the first row until the user picks another one on this page.
  const first = list.items[0]?.skuId ?? null;
  const chartSku = selected && list.items.some((item) => item.skuId === selected) ? selected : first;
  const defaultsTarget = ownSupplierId ?? (isPlatform ? (supplierId ?? null) : null);

  async function exportAs(format: 'csv' | 'xlsx') {
    const name = await downloadFile('/admin/replenishment/suggestions/export', { ...filters, format }, `replenishment-suggestions.${format}`);
    message.success(t('replenishment.exported', { name }));
  }

  const columns: TableColumnsType<Suggestion> = [
    {
      title: t('replenishment.sku'),
      key: 'sku',
      render: (_, row) => (
        <Flex vertical>
          <Typography.Link onClick={() => setDrawerSku(row.skuId)} data-testid="replenishment-sku-link">
            {row.skuCode}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${row.title} ${row.specs}`}</Typography.Text>
        </Flex>
      ),
    },
    ...(isPlatform ? [{ title: t('replenishment.supplier'), dataIndex: 'supplierName', ellipsis: true }] : []),
    { title: t('replenishment.advice'), dataIndex: 'status', width: 120, render: (value: SuggestionStatus) => <StatusTag status={value} /> },
    { title: t('replenishment.suggested'), dataIndex: 'suggestedQuantity', width: 90, align: 'right', render: (value: number) => <Typography.Text strong>{value}</Typography.Text> },
    { title: t('replenishment.onHand'), dataIndex: 'onHand', width: 90, align: 'right' },
    { title: t('replenishment.onOrder'), dataIndex: 'onOrder', width: 70, align: 'right' },
    { title: t('replenishment.reorderPoint'), dataIndex: 'reorderPoint', width: 90, align: 'right' },
    { title: t('replenishment.targetStock'), dataIndex: 'targetStock', width: 90, align: 'right' },
    { title: t('replenishment.perDay'), dataIndex: 'averageDailyDemand', width: 90, align: 'right' },
    { title: t('replenishment.leadTime'), dataIndex: 'leadTimeDays', width: 80, render: (value: number) => t('replenishment.days', { days: value }) },
    { title: t('replenishment.serviceLevel'), dataIndex: 'serviceLevelBps', width: 80, render: (value: number) => percentOf(value) },
    { title: t('replenishment.model'), dataIndex: 'method', width: 120, render: (value: Suggestion['method']) => t(`replenishment.method.${value}`) },
  ];

  return (
    <>
      <PageHeader
        title={t('replenishment.title')}
        extra={
          <Space wrap>
            {can('product.write') && (
              <Button icon={<SettingOutlined />} disabled={!defaultsTarget} title={defaultsTarget ? undefined : t('replenishment.chooseSupplier')} onClick={() => setSettingsFor(defaultsTarget)} data-testid="supplier-settings-open">
                {t('replenishment.supplierDefaults')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('csv')} data-testid="replenishment-export-csv">
              {t('replenishment.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')} data-testid="replenishment-export-xlsx">
              {t('replenishment.exportXlsx')}
            </Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('replenishment.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <ForecastPanel skuId={chartSku} onOpen={setDrawerSku} />
      </Card>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 8 } }}>
        <Flex gap={12} wrap>
          <Select allowClear placeholder={t('replenishment.allStatuses')} style={{ width: 160 }} value={status} onChange={setStatus} options={SUGGESTION_STATUSES.map((value) => ({ value, label: t(`replenishment.status.${value}`) }))} data-testid="replenishment-status" />
          <Input.Search allowClear placeholder={t('replenishment.search')} style={{ width: 240 }} onSearch={(value) => setQuery(value.trim())} data-testid="replenishment-search" />
          {isPlatform && <Select allowClear showSearch optionFilterProp="label" placeholder={t('replenishment.allSuppliers')} style={{ width: 240 }} value={supplierId} onChange={setSupplierId} options={suppliers} data-testid="replenishment-supplier" />}
        </Flex>
      </Card>
      <Table<Suggestion>
        rowKey="skuId"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={tablePagination(list, t)}
        onRow={(row) => ({ onClick: () => setSelected(row.skuId), style: { cursor: 'pointer', background: row.skuId === chartSku ? '#e6f4ff' : undefined } })}
        expandable={{ expandedRowRender: (row) => <ol style={{ margin: 0, paddingLeft: 20 }}>{row.reasoning.map((line) => <li key={line}>{line}</li>)}</ol> }}
        scroll={{ x: 1100 }}
        data-testid="replenishment-table"
      />
      <ForecastDrawer skuId={drawerSku} onClose={() => setDrawerSku(null)} onChanged={list.reload} />
      <SupplierSettingsModal supplierId={settingsFor} onClose={() => setSettingsFor(null)} onSaved={list.reload} />
    </>
  );
}
