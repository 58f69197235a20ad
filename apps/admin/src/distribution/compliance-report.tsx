import { Alert, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import { formatBps } from './member-name';
import type { ComplianceFinding, ComplianceReport } from './types';

/** The compliance report of a profile: verdict, worst-case figures, then violations and warnings. */
export function ComplianceReportView({ report }: { report: ComplianceReport }) {
  const { t, locale } = useI18n();
  const text = (finding: ComplianceFinding) => finding[locale === 'en' ? 'en' : 'zh-CN'];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="compliance-report">
      <Alert
        type={report.compliant ? 'success' : 'error'}
        showIcon
        title={report.compliant ? t('profiles.compliant') : t('profiles.notCompliant')}
        data-testid={report.compliant ? 'compliance-ok' : 'compliance-failed'}
      />
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('profiles.packagePrice')}>{formatFen(report.packagePriceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('profiles.worstPackagePayout')}>{formatFen(report.worstCasePackagePayoutFen)}</Descriptions.Item>
        <Descriptions.Item label={t('profiles.worstPackageRatio')}>
          <Typography.Text type={report.worstCasePackagePayoutRatioBps > 3000 ? 'danger' : undefined} strong data-testid="compliance-package-ratio">
            {formatBps(report.worstCasePackagePayoutRatioBps)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('profiles.worstRepurchaseRatio')}>
          <Typography.Text type={report.worstCaseRepurchasePayoutRatioBps > 3000 ? 'danger' : undefined} strong>
            {formatBps(report.worstCaseRepurchasePayoutRatioBps)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('profiles.payeesPerOrder')}>{report.payeesPerOrder}</Descriptions.Item>
        <Descriptions.Item label={t('profiles.maxPaidDepth')}>{report.maxPaidReferralDepth ?? t('profiles.unlimited')}</Descriptions.Item>
      </Descriptions>
      {report.violations.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('profiles.violations')}</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={report.violations}
            renderItem={(finding) => (
              <List.Item data-testid="compliance-violation" data-code={finding.code}>
                <Space align="start">
                  <Tag color="red">{t('profiles.violations')}</Tag>
                  <Typography.Text type="danger">{text(finding)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      ) : null}
      <div>
        <Typography.Title level={5}>{t('profiles.warnings')}</Typography.Title>
        {report.warnings.length ? (
          <List
            size="small"
            bordered
            dataSource={report.warnings}
            renderItem={(finding) => (
              <List.Item data-testid="compliance-warning" data-code={finding.code}>
                <Space align="start">
                  <Tag color="orange">{t('profiles.warnings')}</Tag>
                  <Typography.Text>{text(finding)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profiles.noFindings')} />
        )}
      </div>
    </Space>
  );
}
