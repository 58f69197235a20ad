import { Alert, Drawer, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useAuth } from '../auth';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { filterQuery } from './analytics-filter';
import { ExportButtons } from './export-buttons';
import { VISITOR_STEPS, type AnalyticsFilter, type FunnelStep, type Person } from './types';
import { useAnalyticsQuery } from './use-analytics-query';

const ORDER_STEPS: readonly FunnelStep[] = ['conversion', 'repurchase'];

/** The people (and for the order steps their orders) behind one funnel step, paged and exportable. */
export function PeopleDrawer({
  filter,
  step,
  stepLabel,
  definition,
  onClose,
}: {
  filter: AnalyticsFilter;
  step: FunnelStep | null;
  stepLabel: string;
  definition: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const filterKey = JSON.stringify(filter);
  useEffect(() => setPaging((current) => ({ ...current, page: 1 })), [step, filterKey]);

  // Visitor behaviour is personal data: without `visitor.read` the server refuses, so do not ask.
  const visitorsHidden = step !== null && VISITOR_STEPS.includes(step) && !can('visitor.read');
  const query = step && !visitorsHidden ? { ...filterQuery(filter), ...paging } : null;
  const { data, loading, error } = useAnalyticsQuery<Paged<Person>>(`/admin/analytics/funnel/${step ?? 'exposure'}/people`, query);
  const withOrders = step !== null && ORDER_STEPS.includes(step);

  const columns: TableColumnsType<Person> = [
    {
      title: t('analytics.people.person'),
      key: 'person',
      render: (_, person) => (
        <Flex gap={6} align="center">
          <span data-testid="analytics-person-name">{person.maskedName}</span>
          <Tag color={person.kind === 'member' ? 'blue' : 'default'}>{t(`analytics.people.kind.${person.kind}`)}</Tag>
        </Flex>
      ),
    },
    { title: t('analytics.people.count'), dataIndex: 'count', width: 90, align: 'right' },
    ...(withOrders ? [{ title: t('analytics.people.orders'), dataIndex: 'orderCount', width: 90, align: 'right' as const }] : []),
    { title: t('analytics.people.lastAt'), dataIndex: 'lastAt', width: 150, render: (value: string) => formatDateTime(value, false) },
  ];

  return (
    <Drawer
      open={step !== null}
      onClose={onClose}
      size={640}
      title={t('analytics.people.title', { step: stepLabel })}
      extra={step && !visitorsHidden ? <ExportButtons report="funnel-people" filter={filter} params={{ step }} testId="analytics-people-export" /> : null}
      data-testid="analytics-people-drawer"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {definition} {t('analytics.people.range', { from: filter.from, to: filter.to })}
      </Typography.Paragraph>
      {visitorsHidden ? (
        <Alert type="info" showIcon title={t('analytics.people.visitorsHidden')} data-testid="analytics-people-hidden" />
      ) : (
        <>
          <ApiErrorAlert error={error} testId="analytics-people-error" />
          <Table<Person>
            rowKey="personId"
            size="small"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            expandable={
              withOrders
                ? {
                    rowExpandable: (person) => person.orders.length > 0,
                    expandedRowRender: (person) => (
                      <Table
                        rowKey="orderId"
                        size="small"
                        pagination={false}
                        dataSource={person.orders}
                        columns={[
                          { title: t('analytics.people.orderId'), dataIndex: 'orderId', render: (value: string) => <Typography.Text code>{value}</Typography.Text> },
                          { title: t('analytics.people.amount'), dataIndex: 'amountFen', align: 'right', render: (value: number) => formatFen(value) },
                          { title: t('analytics.people.paidAt'), dataIndex: 'paidAt', render: (value: string) => formatDateTime(value, false) },
                        ]}
                        data-testid="analytics-person-orders"
                      />
                    ),
                  }
                : undefined
            }
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            data-testid="analytics-people-table"
          />
        </>
      )}
    </Drawer>
  );
}
