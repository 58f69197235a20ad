import { App, Button, Descriptions, Drawer, Empty, Flex, Input, List, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { formatDateTime, formatFen } from '../format';
import { useI18n } from '../i18n';
import { LEAD_STAGES, type LeadDetail } from './types';

/** One lead: intent with its evidence, RFM-L segment, notes and tasks; managers move stages and add notes. */
export function LeadDrawer({ leadId, onClose, onChanged }: { leadId: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canManage = useAuth().can('lead.manage');
  const [lead, setLead] = useState<LeadDetail | null>(null);
  const [note, setNote] = useState('');

  const load = (id: string) => api.get<LeadDetail>(`/admin/leads/${id}`).then(setLead);
  useEffect(() => {
    setLead(null);
    if (leadId) void load(leadId);
  }, [leadId]);

  async function move(stage: string) {
    await api.post(`/admin/leads/${leadId}/stage`, { stage });
    message.success(t('crm.moved'));
    await load(leadId!);
    onChanged();
  }

  async function addNote() {
    if (!note.trim()) return;
    await api.post(`/admin/leads/${leadId}/notes`, { body: note.trim() });
    setNote('');
    message.success(t('crm.noteAdded'));
    await load(leadId!);
  }

  const { scores } = lead?.segmentation ?? { scores: null };
  return (
    <Drawer open={leadId !== null} onClose={onClose} width={520} title={lead ? (lead.name ?? t('crm.unnamed')) : t('crm.detail')} data-testid="lead-drawer">
      {lead && (
        <Flex vertical gap={16}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('crm.company')}>{lead.company ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('crm.phones')}>{lead.phonesMasked.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('crm.stage')}>
              {canManage ? (
                <Select size="small" value={lead.stage} style={{ width: 140 }} onChange={move} options={LEAD_STAGES.map((stage) => ({ value: stage, label: t(`crm.stage.${stage}`) }))} />
              ) : (
                lead.stageLabel
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('crm.intent')}>
              {lead.intent ? (
                <>
                  <Tag color={lead.intent.score >= 70 ? 'red' : lead.intent.score >= 40 ? 'orange' : 'default'}>{lead.intent.score}</Tag>
                  <Typography.Text type="secondary" data-testid="lead-intent-explanation">{lead.intent.explanation}</Typography.Text>
                </>
              ) : (
                t('crm.noBehaviour')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('crm.segment')}>
              <Tag color="blue">{lead.segmentation.segmentLabel}</Tag>
              <Tag>{`${t('crm.layer')}：${lead.segmentation.layerLabel}`}</Tag>
              {scores && <Typography.Text type="secondary">{t('crm.rfm', scores)}</Typography.Text>}
              <div>{t('crm.paid365', { amount: formatFen(lead.segmentation.paid365Fen), orders: lead.segmentation.orders365 })}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('crm.tags')}>
              {lead.tags.map((tag) => (
                <Tag key={tag.tag} color={tag.kind === 'auto' ? 'purple' : undefined}>
                  {tag.tag}
                </Tag>
              ))}
            </Descriptions.Item>
            {lead.mergedLeadIds.length > 0 && <Descriptions.Item label="">{t('crm.merged', { count: lead.mergedLeadIds.length })}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5}>{t('crm.tasks')}</Typography.Title>
          <List size="small" dataSource={lead.tasks} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }} renderItem={(task) => <List.Item extra={task.doneAt ? <Tag color="green">{t('crm.taskDone')}</Tag> : t('crm.due', { date: formatDateTime(task.dueAt, false) })}>{task.title}</List.Item>} />
          <Typography.Title level={5}>{t('crm.notes')}</Typography.Title>
          {canManage && (
            <Flex gap={8}>
              <Input value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} placeholder={t('crm.notePlaceholder')} />
              <Button onClick={addNote}>{t('crm.addNote')}</Button>
            </Flex>
          )}
          <List size="small" dataSource={lead.notes} renderItem={(entry) => <List.Item extra={formatDateTime(entry.createdAt, false)}>{entry.body}</List.Item>} />
        </Flex>
      )}
    </Drawer>
  );
}
