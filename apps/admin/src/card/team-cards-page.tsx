import { App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { tablePagination, usePagedList } from '../use-paged-list';
import type { CardTemplate, TeamCard } from './types';

/** The shop's public page of a card, as a share link opens it (the console is served by the same API). */
const publicCardUrl = (cardId: string) => `/h5/#/pages/card/index?id=${encodeURIComponent(cardId)}`;

/** 团队名片: the company's cards with owner and status; disable or enable one, put it under a template. */
export function TeamCardsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const list = usePagedList<TeamCard>('/admin/cards', { q: query || undefined });
  const [templates, setTemplates] = useState<CardTemplate[]>([]);
  const [busyId, setBusyId] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<Paged<CardTemplate>>('/admin/card-templates', { query: { page: 1, pageSize: 100 } })
      .then((page) => setTemplates(page.items.filter((template) => template.status === 'active')))
      .catch(() => undefined);
  }, []);

  async function change(card: TeamCard, path: 'status' | 'template', body: object) {
    setBusyId(card.id);
    try {
      await api.put(`/admin/cards/${card.id}/${path}`, body);
      message.success(t('card.team.updated'));
      list.reload();
    } catch {
      // The API layer already showed the server's message.
    } finally {
      setBusyId(null);
    }
  }

  const columns: TableColumnsType<TeamCard> = [
    { title: t('card.team.owner'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('card.team.company'), key: 'company', render: (_, card) => [card.company, card.title].filter(Boolean).join(' · ') || t('common.none') },
    { title: t('card.team.phone'), dataIndex: 'phoneMasked', width: 130, render: (value: string | null) => value ?? t('common.none') },
    {
      title: t('card.team.template'),
      dataIndex: 'templateId',
      width: 220,
      render: (templateId: string | null, card) => (
        <Select
          size="small"
          style={{ width: 200 }}
          value={templateId ?? ''}
          disabled={busyId === card.id}
          data-testid={`team-card-template-${card.id}`}
          options={[{ value: '', label: t('card.team.noTemplate') }, ...templates.map((template) => ({ value: template.id, label: template.name }))]}
          onChange={(value: string) => void change(card, 'template', { templateId: value === '' ? null : value })}
        />
      ),
    },
    {
      title: t('card.team.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: TeamCard['status']) => <Tag color={status === 'active' ? 'green' : 'red'}>{t(`card.team.status.${status}`)}</Tag>,
    },
    { title: t('card.team.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, card) => (
        <Flex gap={4}>
          <Button size="small" type="link" href={publicCardUrl(card.id)} target="_blank" disabled={card.status !== 'active'}>
            {t('card.team.open')}
          </Button>
          {card.status === 'active' ? (
            <Popconfirm title={t('card.team.disableConfirm')} onConfirm={() => change(card, 'status', { status: 'hidden' })}>
              <Button size="small" type="link" danger loading={busyId === card.id} data-testid={`team-card-disable-${card.id}`}>
                {t('card.team.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" type="link" loading={busyId === card.id} onClick={() => void change(card, 'status', { status: 'active' })} data-testid={`team-card-enable-${card.id}`}>
              {t('card.team.enable')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('card.team.title')} />
      <Card>
        <Input.Search allowClear placeholder={t('card.team.search')} style={{ width: 260, marginBottom: 16 }} onSearch={(value) => setQuery(value.trim())} />
        <Table<TeamCard> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="team-cards-table" />
      </Card>
    </>
  );
}
