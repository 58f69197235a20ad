import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { ApiKeysTab } from './api-keys-tab';
import { ExportsTab } from './exports-tab';
import { WebhooksTab } from './webhooks-tab';

const TABS = ['webhooks', 'api-keys', 'exports'] as const;

/** Integrations for platform staff: outbound webhooks, partner API keys and scheduled exports, one tab each. */
export function IntegrationsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active = TABS.find((tab) => tab === requested) ?? 'webhooks';
  return (
    <>
      <PageHeader title={t('integration.title')} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'webhooks', label: <span data-testid="integration-tab-webhooks">{t('integration.tab.webhooks')}</span>, children: <WebhooksTab /> },
          { key: 'api-keys', label: <span data-testid="integration-tab-api-keys">{t('integration.tab.apiKeys')}</span>, children: <ApiKeysTab /> },
          { key: 'exports', label: <span data-testid="integration-tab-exports">{t('integration.tab.exports')}</span>, children: <ExportsTab /> },
        ]}
      />
    </>
  );
}
