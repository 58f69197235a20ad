import { ReloadOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { JsonDiff } from '../components/json-diff';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { AuditEntry } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';

// Suggestions only: the filter accepts any entity type the server records.
const ENTITY_TYPE_SUGGESTIONS = ['user', 'organization', 'store', 'product'];

export function AuditPage() {
  const { t } = useI18n();
  const [entityType, setEntityType] = useState('');
  const [action, setAction] = useState('');
  const list = usePagedList<AuditEntry>('/admin/audit-log', { entityType, action });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.occurredAt'), dataIndex: 'occurredAt', width: 170, render: (value: string) => formatDateTime(value) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 140,
      render: (_, entry) => entry.actorName ?? entry.actorUserId ?? t('audit.system'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 190,
      render: (value: string) => <Tag color="purple">{value}</Tag>,
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 120 },
    {
      title: t('audit.entity'),
      dataIndex: 'entityId',
      width: 280,
      render: (value: string | null) =>
        value ? (
          <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }} copyable>
            {value}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 170,
      ellipsis: true,
      render: (value: string | null) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {value ?? t('common.none')}
        </Typography.Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <AutoComplete
            allowClear
            placeholder={t('audit.filterEntityType')}
            options={ENTITY_TYPE_SUGGESTIONS.map((value) => ({ value }))}
            onChange={(value: string | undefined) => setEntityType((value ?? '').trim())}
            style={{ width: 200 }}
            data-testid="audit-entity-filter"
          />
          <Input.Search
            allowClear
            placeholder={t('audit.filterAction')}
            onSearch={(value) => setAction(value.trim())}
            style={{ width: 260 }}
            data-testid="audit-action-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="audit-reload">
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          data-testid="audit-table"
          expandable={{
            expandedRowRender: (entry) => <JsonDiff before={entry.before} after={entry.after} />,
          }}
          pagination={tablePagination(list, t)}
        />
      </Card>
    </>
  );
}
