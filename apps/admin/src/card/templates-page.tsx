import { Alert, App, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { TemplateFormModal } from './template-form-modal';
import type { CardTemplate } from './types';

/** 名片模板: the company's card templates with their locked fields and modules; create and edit. */
export function CardTemplatesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = usePagedList<CardTemplate>('/admin/card-templates', {});
  const [editing, setEditing] = useState<CardTemplate | 'new' | null>(null);

  const columns: TableColumnsType<CardTemplate> = [
    {
      title: t('card.templates.name'),
      dataIndex: 'name',
      render: (name: string, template) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {template.isDefault && <Tag color="gold">{t('card.templates.default')}</Tag>}
        </Flex>
      ),
    },
    { title: t('card.templates.theme'), dataIndex: 'theme', width: 110, render: (theme: CardTemplate['theme']) => t(`card.theme.${theme}`) },
    {
      title: t('card.templates.locked'),
      dataIndex: 'lockedFields',
      render: (fields: CardTemplate['lockedFields']) => (fields.length === 0 ? t('common.none') : fields.map((field) => <Tag key={field}>{t(`card.field.${field}`)}</Tag>)),
    },
    {
      title: t('card.templates.modules'),
      dataIndex: 'modules',
      render: (modules: CardTemplate['modules']) => (
        <Typography.Text type="secondary">
          {t('card.templates.modulesCount', { count: modules.length })}
          {modules.length > 0 ? ` · ${modules.map((module) => module.title ?? module.kind).join('、')}` : ''}
        </Typography.Text>
      ),
    },
    {
      title: t('card.templates.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: CardTemplate['status']) => <Tag color={status === 'active' ? 'green' : 'default'}>{t(`card.templates.status.${status}`)}</Tag>,
    },
    { title: t('card.templates.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, template) => (
        <Button size="small" type="link" onClick={() => setEditing(template)} data-testid={`card-template-edit-${template.id}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('card.templates.title')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="card-template-add">
            {t('card.templates.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon message={t('card.templates.intro')} style={{ marginBottom: 16 }} />
      <Card>
        <Table<CardTemplate> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="card-templates-table" />
      </Card>
      <TemplateFormModal
        template={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('card.templates.saved'));
          list.reload();
        }}
      />
    </>
  );
}
