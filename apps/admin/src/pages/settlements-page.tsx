import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, downloadFile, isAbortError } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { SettlementParty, SettlementRow, SettlementStatement } from '../types';

/** A supplier or merchant sees only its own side; platform staff choose. */
function partiesFor(kind: string | undefined): SettlementParty[] {
  if (kind === 'supplier') return ['supplier'];
  if (kind === 'merchant') return ['merchant'];
  return ['supplier', 'merchant'];
}

/** 结算对账: what the platform owes each supplier or merchant for a month, with a CSV export. */
export function SettlementsPage() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const parties = partiesFor(user?.organization?.kind);
  const [party, setParty] = useState<SettlementParty>(parties[0]!);
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [statement, setStatement] = useState<SettlementStatement | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [version, setVersion] = useState(0);
  const monthKey = month.format('YYYY-MM');

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<SettlementStatement>('/admin/settlements', { query: { month: monthKey, party }, signal: controller.signal })
      .then((result) => {
        setStatement(result);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        setStatement(null);
        setLoading(false);
      });
    return () => controller.abort();
  }, [monthKey, party, locale, version]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const name = await downloadFile('/admin/settlements.csv', { month: monthKey, party }, `settlement-${party}-${monthKey}.csv`);
      void message.success(t('settlements.exported', { name }));
    } catch {
      // Reported by the API client.
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<SettlementRow> = [
    {
      title: party === 'supplier' ? t('settlements.partySupplier') : t('settlements.partyMerchant'),
      dataIndex: 'partyName',
      // The id stays in the tooltip and the CSV; the table shows the name people reconcile by.
      render: (name: string | null, row) => (
        <Typography.Text strong title={row.partyId} data-testid="settlement-party">
          {name ?? t('settlements.unknownParty')}
        </Typography.Text>
      ),
    },
    { title: t('settlements.subOrders'), dataIndex: 'subOrders', width: 110, align: 'right' },
    { title: t('settlements.sales'), dataIndex: 'salesFen', width: 150, align: 'right', render: (value) => formatFen(value) },
    { title: t('settlements.supplyCost'), dataIndex: 'supplyCostFen', width: 150, align: 'right', render: (value) => formatFen(value) },
    {
      title: party === 'supplier' ? t('settlements.payableSupplier') : t('settlements.payableMerchant'),
      dataIndex: 'payableFen',
      width: 160,
      align: 'right',
      render: (value) => (
        <Typography.Text strong data-testid="settlement-payable">
          {formatFen(value)}
        </Typography.Text>
      ),
    },
  ];

  const rows = statement?.rows ?? [];

  return (
    <>
      <PageHeader
        title={t('settlements.title')}
        extra={
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="settlements-export">
            {t('settlements.export')}
          </Button>
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space wrap size={16}>
            <Space>
              <Typography.Text type="secondary">{t('settlements.month')}</Typography.Text>
              <DatePicker
                picker="month"
                allowClear={false}
                value={month}
                onChange={(value) => value && setMonth(value)}
                disabledDate={(value) => value.isAfter(dayjs().add(1, 'month'), 'month')}
                data-testid="settlements-month"
              />
            </Space>
            {parties.length > 1 ? (
              <Space>
                <Typography.Text type="secondary">{t('settlements.party')}</Typography.Text>
                <Segmented<SettlementParty>
                  value={party}
                  onChange={setParty}
                  options={[
                    { value: 'supplier', label: <span data-testid="settlements-party-supplier">{t('settlements.partySupplier')}</span> },
                    { value: 'merchant', label: <span data-testid="settlements-party-merchant">{t('settlements.partyMerchant')}</span> },
                  ]}
                />
              </Space>
            ) : null}
          </Space>
          <Button icon={<ReloadOutlined />} onClick={() => setVersion((value) => value + 1)} data-testid="settlements-reload">
            {t('common.refresh')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('settlements.note')}
        </Typography.Paragraph>
        <Table<SettlementRow>
          rowKey="partyId"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="settlements-table"
          locale={{ emptyText: <Empty description={t('settlements.empty')} /> }}
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('settlements.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {rows.reduce((sum, row) => sum + row.subOrders, 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {formatFen(rows.reduce((sum, row) => sum + BigInt(row.salesFen), 0n).toString())}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatFen(rows.reduce((sum, row) => sum + BigInt(row.supplyCostFen), 0n).toString())}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <Typography.Text strong data-testid="settlements-total">
                    {formatFen(statement?.totalPayableFen)}
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
