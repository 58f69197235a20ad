import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { PageHeader } from '../components/page-header';
import { StatusTag } from '../components/status-tag';
import { formatCoordinate } from '../format';
import { useI18n } from '../i18n';
import type { Store } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import { NearbyStoresCard } from './nearby-stores-card';

const NO_FILTERS = {};

export function StoresPage() {
  const { t } = useI18n();
  const list = usePagedList<Store>('/admin/stores', NO_FILTERS);
  const merchantNames = useMemo(
    () => new Map(list.items.filter((store) => store.merchantName).map((store) => [store.merchantId, store.merchantName!])),
    [list.items],
  );
  const first = list.items[0];
  const start = useMemo(
    () => (first && first.latitude !== null && first.longitude !== null ? { latitude: Number(first.latitude), longitude: Number(first.longitude) } : undefined),
    [first],
  );

  const columns: TableColumnsType<Store> = [
    {
      title: t('stores.name'),
      dataIndex: 'name',
      render: (name: string, store) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          {store.merchantName ? (
            <>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {store.merchantName}
              </Typography.Text>
            </>
          ) : null}
        </>
      ),
    },
    {
      title: t('stores.region'),
      key: 'region',
      width: 160,
      render: (_, store) => [store.city, store.district].filter(Boolean).join(' / ') || t('common.none'),
    },
    { title: t('stores.address'), dataIndex: 'address', render: (value: string | null) => value ?? t('common.none') },
    {
      title: t('stores.location'),
      key: 'location',
      width: 200,
      render: (_, store) => (
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {formatCoordinate(store.latitude)}, {formatCoordinate(store.longitude)}
        </Typography.Text>
      ),
    },
    { title: t('stores.phone'), dataIndex: 'phone', width: 140, render: (value: string | null) => value ?? t('common.none') },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (status: string) => <StatusTag status={status} /> },
  ];

  return (
    <>
      <PageHeader title={t('stores.title')} />
      <Card>
        <Table<Store>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1000 }}
          data-testid="stores-table"
          pagination={tablePagination(list, t)}
        />
      </Card>
      <NearbyStoresCard start={start} merchantNames={merchantNames} />
    </>
  );
}
