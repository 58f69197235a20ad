import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { formatDateTime, formatFen } from '../format';
import { useI18n, type Translate } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { CampaignFormModal } from './campaign-form-modal';
import { bpsToPercent, type BudgetUnit, type Campaign, type CampaignAction, type LadderStep } from './types';

const STATUS_COLOR: Record<Campaign['status'], string> = { draft: 'default', active: 'green', paused: 'orange', ended: 'default' };
const ACTIONS: Record<Campaign['status'], CampaignAction[]> = { draft: ['activate', 'end'], active: ['pause', 'end'], paused: ['resume', 'end'], ended: [] };

/** A budget amount in its unit: yuan for cash, plain points otherwise. */
export function formatBudget(amount: number, unit: BudgetUnit, t: Translate): string {
  return unit === 'fen' ? formatFen(amount) : `${amount.toLocaleString()} ${t('growth.campaign.unit.points')}`;
}

export function describeStep(step: LadderStep, t: Translate, locale: string): string {
  const reward = step.reward;
  const what =
    reward.kind === 'gift'
      ? `${t('growth.campaign.step.gift')} ${locale === 'en' ? reward.nameEn : reward.nameZh}`
      : reward.kind === 'coupon'
        ? t('growth.campaign.step.coupon')
        : `${reward.points} ${t('growth.campaign.step.points')}`;
  return t('growth.campaign.stepText', { invites: step.invites, reward: what });
}

function Rules({ campaign }: { campaign: Campaign }) {
  const { t, locale } = useI18n();
  return (
    <Flex vertical gap={2} data-testid="growth-campaign-rules">
      {campaign.tiers.map((tier) => (
        <Typography.Text key={`tier-${tier.fromInvite}`} style={{ fontSize: 12 }}>
          {tier.toInvite === null ? t('growth.campaign.tierOpen', { from: tier.fromInvite, rate: bpsToPercent(tier.rateBps) }) : t('growth.campaign.tierText', { from: tier.fromInvite, to: tier.toInvite, rate: bpsToPercent(tier.rateBps) })}
        </Typography.Text>
      ))}
      {campaign.ladder.map((step) => (
        <Typography.Text key={`step-${step.invites}`} type="secondary" style={{ fontSize: 12 }}>
          {describeStep(step, t, locale)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** Campaigns with their budget use, rules and lifecycle buttons; a draft can be edited. */
export function CampaignsTab({ onShowRewards }: { onShowRewards: (campaignId: string) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const list = usePagedList<Campaign>('/admin/growth/campaigns', {});
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);

  async function act(campaign: Campaign, action: CampaignAction) {
    await api.post(`/admin/growth/campaigns/${campaign.id}/status`, { action });
    void message.success(t(`growth.campaign.status.${action === 'pause' ? 'paused' : action === 'end' ? 'ended' : 'active'}`));
    list.reload();
  }

  const columns: TableColumnsType<Campaign> = [
    {
      title: t('growth.campaign.name'),
      key: 'name',
      render: (_, row) => (
        <Flex vertical>
          <Typography.Text strong>{locale === 'en' ? row.nameEn : row.nameZh}</Typography.Text>
          <Space size={4}>
            <Tag color={STATUS_COLOR[row.status]} data-testid="growth-campaign-status">{t(`growth.campaign.status.${row.status}`)}</Tag>
            {row.endedReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`growth.campaign.ended.${row.endedReason}`)}</Typography.Text>}
          </Space>
        </Flex>
      ),
    },
    { title: t('growth.campaign.window'), key: 'window', width: 170, render: (_, row) => <Flex vertical style={{ fontSize: 12 }}><span>{formatDateTime(row.startsAt, false)}</span><span>{formatDateTime(row.endsAt, false)}</span></Flex> },
    {
      title: t('growth.campaign.budget'),
      key: 'budget',
      width: 220,
      render: (_, row) => (
        <Flex vertical data-testid="growth-campaign-budget-cell">
          <Progress percent={Math.round((row.budgetSpent * 100) / row.budgetTotal)} size="small" status={row.budgetRemaining === 0 ? 'exception' : 'normal'} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('growth.campaign.spent', { spent: formatBudget(row.budgetSpent, row.budgetUnit, t), total: formatBudget(row.budgetTotal, row.budgetUnit, t) })}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('growth.campaign.rules'), key: 'rules', render: (_, row) => <Rules campaign={row} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, row) => (
        <Space size={0} wrap>
          {row.status === 'draft' && <Button size="small" type="link" onClick={() => setEditing(row)}>{t('growth.campaign.edit')}</Button>}
          {ACTIONS[row.status].map((action) =>
            action === 'end' ? (
              <Popconfirm key={action} title={t('growth.campaign.endConfirm')} onConfirm={() => void act(row, action)}>
                <Button size="small" type="link" danger data-testid={`growth-campaign-${action}`}>{t(`growth.campaign.action.${action}`)}</Button>
              </Popconfirm>
            ) : (
              <Button key={action} size="small" type="link" onClick={() => void act(row, action)} data-testid={`growth-campaign-${action}`}>{t(`growth.campaign.action.${action}`)}</Button>
            ),
          )}
          <Button size="small" type="link" onClick={() => onShowRewards(row.id)} data-testid="growth-campaign-rewards">{t('growth.campaign.rewards')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="growth-campaign-new">{t('growth.campaign.new')}</Button>
      </Flex>
      <Table<Campaign> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="growth-campaigns-table" />
      {editing && (
        <CampaignFormModal
          campaign={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
