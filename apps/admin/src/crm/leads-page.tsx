import { Card, Col, Empty, Flex, Input, InputNumber, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { LeadDrawer } from './lead-drawer';
import { LEAD_STAGES, type Lead, type LeadStage } from './types';

const intentColor = (score: number | null) => (score === null ? 'default' : score >= 70 ? 'red' : score >= 40 ? 'orange' : 'default');

/** The console's leads pipeline (线索管道): a board by stage or a table, filtered; a drawer shows one lead. */
export function LeadsPage() {
  const { t } = useI18n();
  const [view, setView] = useState<'board' | 'table'>('board');
  const [stage, setStage] = useState<LeadStage | undefined>();
  const [query, setQuery] = useState('');
  const [minIntent, setMinIntent] = useState<number | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const filters = { stage: view === 'table' ? stage : undefined, q: query || undefined, minIntent: minIntent ?? undefined};
  const list = usePagedList<Lead>('/admin/leads', filters, 100);

  const name = (lead: Lead) => lead.name ?? lead.company ?? t('crm.unnamed');
  const columns: TableColumnsType<Lead> = [
    { title: t('crm.name'), key: 'name', render: (_, lead) => <Typography.Link onClick={() => setOpen(lead.id)}>{name(lead)}</Typography.Link> },
    { title: t('crm.company'), dataIndex: 'company', render: (value: string | null) => value ?? '—' },
    { title: t('crm.stage'), dataIndex: 'stageLabel', width: 100 },
    { title: t('crm.intent'), dataIndex: 'intentScore', width: 90, render: (value: number | null) => <Tag color={intentColor(value)}>{value ?? '—'}</Tag> },
    { title: t('crm.tags'), key: 'tags', render: (_, lead) => lead.tags.map((tag) => <Tag key={tag.tag} color={tag.kind === 'auto' ? 'purple' : undefined}>{tag.tag}</Tag>) },
    { title: t('crm.lastActive'), dataIndex: 'lastActiveAt', width: 150, render: (value: string | null) => formatDateTime(value, false) },
  ];

  return (
    <>
      <PageHeader title={t('crm.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Segmented value={view} onChange={(value) => setView(value as typeof view)} options={[{ value: 'board', label: t('crm.view.board') }, { value: 'table', label: t('crm.view.table') }]} />
          {view === 'table' && <Select allowClear placeholder={t('crm.allStages')} style={{ width: 140 }} value={stage} onChange={setStage} options={LEAD_STAGES.map((value) => ({ value, label: t(`crm.stage.${value}`) }))} />}
          <Input.Search allowClear placeholder={t('crm.search')} style={{ width: 220 }} onSearch={(value) => setQuery(value.trim())} data-testid="leads-search" />
          <InputNumber min={0} max={100} placeholder={t('crm.minIntent')} style={{ width: 140 }} value={minIntent} onChange={(value) => setMinIntent(value)} />
        </Flex>
      </Card>
      {view === 'table' ? (
        <Table<Lead> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="leads-table" />
      ) : (
        <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }} data-testid="leads-board">
          {LEAD_STAGES.map((column) => {
            const leads = list.items.filter((lead) => lead.stage === column);
            return (
              <Col key={column} flex="0 0 220px">
                <Card size="small" title={`${t(`crm.stage.${column}`)} · ${leads.length}`} styles={{ body: { padding: 8, minHeight: 120 } }}>
                  {leads.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.empty')} />}
                  {leads.map((lead) => (
                    <Card key={lead.id} size="small" hoverable style={{ marginBottom: 8 }} onClick={() => setOpen(lead.id)} data-testid="lead-card">
                      <Flex justify="space-between">
                        <Typography.Text strong ellipsis>{name(lead)}</Typography.Text>
                        <Tag color={intentColor(lead.intentScore)}>{lead.intentScore ?? '—'}</Tag>
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{lead.company ?? lead.phonesMasked[0] ?? ''}</Typography.Text>
                      <div>
                        {lead.tags.slice(0, 3).map((tag) => (
                          <Tag key={tag.tag} color={tag.kind === 'auto' ? 'purple' : undefined} style={{ marginTop: 4 }}>
                            {tag.tag}
                          </Tag>
                        ))}
                      </div>
                    </Card>
                  ))}
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      <LeadDrawer leadId={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  );
}
