import { Alert, Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { CampaignsTab } from './campaigns-tab';
import { LevelsTab } from './levels-tab';
import { PointsTab } from './points-tab';
import { RewardsTab } from './rewards-tab';

type Tab = 'campaigns' | 'rewards' | 'levels' | 'points';

/** 增长活动: invite campaigns with budgets, their reward decisions, levels with privileges, and points rules. */
export function GrowthPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('campaigns');
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const label = (key: Tab) => <span data-testid={`growth-tab-${key}`}>{t(`growth.tab.${key}`)}</span>;
  return (
    <>
      <PageHeader title={t('growth.title')} />
      <Alert type="info" showIcon message={t('growth.intro')} style={{ marginBottom: 16 }} data-testid="growth-intro" />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        destroyOnHidden
        items={[
          { key: 'campaigns', label: label('campaigns'), children: <CampaignsTab onShowRewards={(id) => { setCampaignId(id); setTab('rewards'); }} /> },
          { key: 'rewards', label: label('rewards'), children: <RewardsTab campaignId={campaignId} onCampaignChange={setCampaignId} /> },
          { key: 'levels', label: label('levels'), children: <LevelsTab /> },
          { key: 'points', label: label('points'), children: <PointsTab /> },
        ]}
      />
    </>
  );
}
