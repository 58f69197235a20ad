import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, List, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';

interface LedgerCheck {
  name: string;
  description: string;
  ok: boolean;
  violations: string[];
}

interface LedgerVerification {
  ok: boolean;
  checkedAt: string;
  checks: LedgerCheck[];
  counts: { accounts: number; transfers: number; sealed: number; unsealed: number };
  chainHead: { position: string; hash: string };
}

/** Checks the console knows by name get a translated title and description; a newer one shows the server's text. */
const KNOWN_CHECKS = [
  'transfers_balance',
  'debits_equal_credits',
  'balances_equal_entries',
  'limits_hold',
  'pending_resolved_at_most_once',
  'hash_chain_recomputes',
  'every_transfer_chained',
  'append_only_guards',
] as const;
type KnownCheck = (typeof KNOWN_CHECKS)[number];
const isKnown = (name: string): name is KnownCheck => (KNOWN_CHECKS as readonly string[]).includes(name);

/**
 * 账本校验: finance re-runs the commission ledger's invariants (every transfer balances, balances
 * equal their entries, the hash chain recomputes, no guard disabled) and sees where it breaks.
 */
export function LedgerVerificationPage() {
  const { t } = useI18n();
  const [report, setReport] = useState<LedgerVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  const verify = useCallback(() => {
    setLoading(true);
    setError(null);
    api
      .get<LedgerVerification>('/admin/ledger/verification', { silent: true })
      .then(setReport)
      .catch((cause: unknown) => setError(cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause))))
      .finally(() => setLoading(false));
  }, []);
  useEffect(verify, [verify]);

  return (
    <>
      <PageHeader
        title={t('ledger.title')}
        extra={
          <Button type="primary" icon={<ReloadOutlined />} loading={loading} onClick={verify} data-testid="ledger-verify">
            {t('ledger.verify')}
          </Button>
        }
      />
      <ApiErrorAlert error={error} testId="ledger-error" />
      {report ? (
        <Spin spinning={loading}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Alert
              type={report.ok ? 'success' : 'error'}
              showIcon
              title={report.ok ? t('ledger.ok') : t('ledger.failed', { count: report.checks.filter((check) => !check.ok).length })}
              description={t('ledger.checkedAt', { time: formatDateTime(report.checkedAt) })}
              data-testid={report.ok ? 'ledger-ok' : 'ledger-failed'}
            />
            <Card>
              <Row gutter={[16, 16]}>
                <Col xs={12} md={6}>
                  <Statistic title={t('ledger.accounts')} value={report.counts.accounts} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('ledger.transfers')} value={report.counts.transfers} data-testid="ledger-transfers" />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('ledger.sealed')} value={report.counts.sealed} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('ledger.unsealed')} value={report.counts.unsealed} />
                </Col>
              </Row>
              <Descriptions size="small" column={1} bordered style={{ marginTop: 16 }}>
                <Descriptions.Item label={t('ledger.chainPosition')}>
                  <span data-testid="ledger-chain-position">{report.chainHead.position}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('ledger.chainHash')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="ledger-chain-hash">
                    {report.chainHead.hash}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('ledger.checks')}>
              <List
                dataSource={report.checks}
                data-testid="ledger-checks"
                renderItem={(check) => (
                  <List.Item key={check.name} data-testid="ledger-check" data-ok={check.ok ? 'true' : 'false'}>
                    <List.Item.Meta
                      avatar={check.ok ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} /> : <CloseCircleFilled style={{ color: '#cf1322', fontSize: 20 }} />}
                      title={
                        <Space>
                          <span>{isKnown(check.name) ? t(`ledger.check.${check.name}`) : check.name}</span>
                          <Tag color={check.ok ? 'green' : 'red'}>{check.ok ? t('ledger.passed') : t('ledger.violations', { count: check.violations.length })}</Tag>
                        </Space>
                      }
                      description={
                        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                          <Typography.Text type="secondary">{isKnown(check.name) ? t(`ledger.checkDesc.${check.name}`) : check.description}</Typography.Text>
                          {check.violations.length > 0 ? (
                            <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflow: 'auto' }}>
                              {check.violations.map((violation, index) => (
                                <li key={index}>
                                  <Typography.Text type="danger" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                                    {violation}
                                  </Typography.Text>
                                </li>
                              ))}
                            </ul>
                          ) : null}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Spin>
      ) : loading ? (
        <Spin />
      ) : null}
    </>
  );
}
