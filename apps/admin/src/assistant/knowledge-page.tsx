import { App, Alert, Button, Card, Flex, Input, Popconfirm, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n, type Translate } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { KnowledgeFormModal } from './knowledge-form-modal';
import { TestQuestionCard } from './test-question-card';
import type { KnowledgeEntry } from './types';

/** The console's assistant knowledge base: FAQs and company documents the card assistant answers from, and a box to test a question. */
export function AssistantKnowledgePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<'all' | 'faq' | 'doc'>('all');
  const [query, setQuery] = useState('');
  const list = usePagedList<KnowledgeEntry>('/admin/assistant/knowledge', { kind: kind === 'all' ? undefined : kind, q: query || undefined });
  const [editing, setEditing] = useState<KnowledgeEntry | 'new' | null>(null);

  async function remove(entry: KnowledgeEntry) {
    await api.delete(`/admin/assistant/knowledge/${entry.id}`);
    message.success(t('assistant.deleted'));
    list.reload();
  }

  const columns = knowledgeColumns(t, setEditing, (entry) => void remove(entry));

  return (
    <>
      <PageHeader
        title={t('assistant.title')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="assistant-add">
            {t('assistant.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon message={t('assistant.intro')} style={{ marginBottom: 16 }} />
      <TestQuestionCard />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={kind}
            onChange={(value) => setKind(value as typeof kind)}
            options={[
              { value: 'all', label: t('assistant.all') },
              { value: 'faq', label: t('assistant.kind.faq') },
              { value: 'doc', label: t('assistant.kind.doc') },
            ]}
          />
          <Input.Search allowClear placeholder={t('assistant.search')} style={{ width: 260 }} onSearch={(value) => setQuery(value.trim())} />
        </Flex>
        <Table<KnowledgeEntry> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="assistant-knowledge-table" />
      </Card>
      <KnowledgeFormModal
        entry={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('assistant.saved'));
          list.reload();
        }}
      />
    </>
  );
}

/** The table's columns; editing and deleting are the page's. */
function knowledgeColumns(t: Translate, onEdit: (entry: KnowledgeEntry) => void, onRemove: (entry: KnowledgeEntry) => void): TableColumnsType<KnowledgeEntry> {
  return [
    { title: t('assistant.kind'), dataIndex: 'kind', width: 110, render: (value: KnowledgeEntry['kind']) => <Tag color={value === 'faq' ? 'blue' : 'green'}>{t(`assistant.kind.${value}`)}</Tag> },
    {
      title: t('assistant.titleLabel'),
      dataIndex: 'title',
      render: (title: string, entry) => (
        <>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
            {entry.body}
          </Typography.Paragraph>
        </>
      ),
    },
    { title: t('assistant.scope'), dataIndex: 'organizationId', width: 120, render: (value: string | null) => t(value ? 'assistant.scope.own' : 'assistant.scope.platform') },
    { title: t('assistant.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, entry) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => onEdit(entry)}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('assistant.deleteConfirm')} onConfirm={() => onRemove(entry)}>
            <Button size="small" type="link" danger>
              {t('assistant.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
}
