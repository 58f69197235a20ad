import { App, Button, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { formatBudget } from './campaigns-tab';
import { bpsToPercent, type Campaign, type Reward } from './types';

const STATES = ['pending', 'settled', 'reversed', 'clawed_back', 'refused', 'to_issue', 'issued', 'issue_failed', 'to_ship', 'shipped', 'credited'] as const;
const DECISION_COLOR: Record<Reward['decision'], string> = { granted: 'green', reduced: 'orange', refused: 'red' };
const shortId = (id: string) => `${id.slice(0, 8)}…${id.slice(-4)}`;

/** A member by display name, with the id to copy; the id alone when identity has no such user. */
export function Person({ name, id }: { name: string | null; id: string | null }) {
  if (!id) return <>—</>;
  return (
    <Flex vertical>
      <span>{name ?? shortId(id)}</span>
      <Typography.Text type="secondary" copyable={{ text: id }} style={{ fontSize: 11 }}>{name ? shortId(id) : ''}</Typography.Text>
    </Flex>
  );
}

/** Every reward decision, with what limited it: the audit trail of "never beyond the caps". */
export function RewardsTab({ campaignId, onCampaignChange }: { campaignId: string | undefined; onCampaignChange: (id: string | undefined) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [state, setState] = useState<string | undefined>();
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const list = usePagedList<Reward>('/admin/growth/rewards', { campaignId, state });

  useEffect(() => {
    void api.get<{ items: Campaign[] }>('/admin/growth/campaigns', { query: { pageSize: 100 } }).then((page) => setCampaigns(page.items));
  }, []);

  async function ship(reward: Reward) {
    await api.post(`/admin/growth/rewards/${reward.id}/shipped`);
    void message.success(t('growth.reward.shipped'));
    list.reload();
  }

  const columns: TableColumnsType<Reward> = [
    { title: t('growth.points.time'), dataIndex: 'createdAt', width: 130, render: (value: string) => formatDateTime(value, false) },
    { title: t('growth.reward.member'), key: 'member', width: 130, render: (_, row) => <Person name={row.memberName} id={row.memberId} /> },
    { title: t('growth.reward.invitee'), key: 'invitee', width: 130, render: (_, row) => <Person name={row.inviteeName} id={row.inviteeId} /> },
    {
      title: t('growth.reward.what'),
      key: 'what',
      width: 190,
      render: (_, row) => (
        <Flex vertical>
          <span>{t(`growth.reward.kind.${row.kind}`)}{row.kind === 'ladder_gift' ? ` · ${(locale === 'en' ? row.giftNameEn : row.giftNameZh) ?? ''}` : ''}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.inviteOrdinal !== null ? t('growth.reward.ordinal', { n: row.inviteOrdinal, rate: bpsToPercent(row.rateBps ?? 0) }) : t('growth.reward.step', { n: row.ladderInvites ?? 0 })}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('growth.reward.requested'), key: 'requested', width: 110, align: 'right', render: (_, row) => formatBudget(row.requestedAmount, row.unit, t) },
    { title: t('growth.reward.granted'), key: 'granted', width: 110, align: 'right', render: (_, row) => <strong data-testid="growth-reward-granted">{formatBudget(row.grantedAmount, row.unit, t)}</strong> },
    {
      title: t('growth.reward.decision'),
      key: 'decision',
      render: (_, row) => (
        <Space size={[4, 4]} wrap data-testid="growth-reward-decision">
          <Tag color={DECISION_COLOR[row.decision]}>{t(`growth.reward.decision.${row.decision}`)}</Tag>
          {row.limitedBy.map((reason) => (
            <Tag key={reason}>{t(`growth.reward.limit.${reason}` as MessageKey)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('growth.reward.state'), dataIndex: 'state', width: 120, render: (value: string) => t(`growth.reward.state.${value}` as MessageKey) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, row) => (row.state === 'to_ship' ? <Button size="small" type="link" onClick={() => void ship(row)} data-testid="growth-reward-ship">{t('growth.reward.ship')}</Button> : null),
    },
  ];

  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 280 }}
          placeholder={t('growth.reward.filterCampaign')}
          value={campaignId}
          onChange={(value) => onCampaignChange(value)}
          options={campaigns.map((campaign) => ({ value: campaign.id, label: locale === 'en' ? campaign.nameEn : campaign.nameZh }))}
          data-testid="growth-rewards-campaign"
        />
        <Select allowClear style={{ width: 180 }} placeholder={t('growth.reward.filterState')} value={state} onChange={setState} options={STATES.map((value) => ({ value, label: t(`growth.reward.state.${value}`) }))} />
      </Flex>
      <Table<Reward> rowKey="id" size="small" columns={columns} dataSource={list.items} loading={list.loading} pagination={tablePagination(list, t)} data-testid="growth-rewards-table" />
    </>
  );
}
