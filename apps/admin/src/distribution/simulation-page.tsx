import { ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Input, InputNumber, List, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { BarChart } from '../components/bar-chart';
import { PageHeader } from '../components/page-header';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import { parseYuanToFen } from '../money';
import type { Paged } from '../types';
import { formatBps } from './member-name';
import type { DistributionProfile, MemberRole } from './types';

type Json = Record<string, unknown>;

interface SimulationSummary {
  members: number;
  roles: Record<string, number>;
  salesFen: number;
  payoutFen: number;
  payoutRatioBps: number;
  earners: number;
  top10PercentShareBps: number;
  incomeBands: { fromFen: number; toFen: number | null; members: number }[];
  topEarners: { memberId: string; role: string; incomeFen: number }[];
}

interface SimulationResponse {
  summary: SimulationSummary;
  scenarioEvents: number;
}

interface SyntheticValues {
  members: number;
  branching: number;
  refundRatePercent: number;
  joinsPerDay: number;
  repurchasesPerMember: number;
  repurchaseYuan: string;
  seed: number;
}

interface ProfileViolation {
  code: string;
  message: string;
  messages?: Record<string, string>;
  path?: string;
}

const ROLES: readonly MemberRole[] = ['BOSS', 'AGENT', 'MEMBER'];
const ROLE_COLORS: Record<string, string> = { BOSS: 'gold', AGENT: 'blue', MEMBER: 'default' };
const DEFAULT_SYNTHETIC: SyntheticValues = { members: 200, branching: 3, refundRatePercent: 5, joinsPerDay: 20, repurchasesPerMember: 0, repurchaseYuan: '0', seed: 1 };
/** The value of the profile picker that means "whatever profile is in force now". */
const ACTIVE = 'active';
const SHIPPED = 'shipped';

/** The simulator reports an invalid profile or a malformed scenario inside the 400's details. */
function simulationProblems(error: ApiError | null): { violations: ProfileViolation[]; issues: { path: string; message: string }[] } {
  const simulation = (error?.details as { simulation?: Json } | undefined)?.simulation;
  const profile = simulation?.profile as { violations?: ProfileViolation[] } | undefined;
  const malformed = simulation?.error as { issues?: { path: string; message: string }[] } | undefined;
  return { violations: profile?.violations ?? [], issues: malformed?.issues ?? [] };
}

/**
 * 方案模拟: before a profile goes live the operator replays a synthetic fission (or a scenario file)
 * through the same rules engine in memory and reads where the money would go. Nothing is written.
 */
export function DistributionSimulationPage() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<SyntheticValues>();
  const [profiles, setProfiles] = useState<DistributionProfile[]>([]);
  const [profileChoice, setProfileChoice] = useState<string>(ACTIVE);
  const [mode, setMode] = useState<'synthetic' | 'scenario'>('synthetic');
  const [scenarioText, setScenarioText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<SimulationResponse | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Paged<DistributionProfile>>('/admin/distribution/profiles', { query: { page: 1, pageSize: 100 }, signal: controller.signal, silent: true })
      .then((page) => setProfiles(page.items))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  const active = profiles.find((profile) => profile.status === 'active') ?? null;
  const profileOptions = [
    { value: ACTIVE, label: active ? t('simulation.profileActive', { name: `${active.name} ${active.version}` }) : t('simulation.profileShipped') },
    ...profiles
      .filter((profile) => profile.status !== 'active')
      .map((profile) => ({ value: profile.id, label: `${profile.name} · ${profile.version} (${t(`dist.profileStatus.${profile.status}`)})` })),
  ];

  /** The chosen definition; none means the server's shipped compliant profile. */
  const chosenProfile = (): Json | undefined => {
    if (profileChoice === ACTIVE) return active?.definition;
    if (profileChoice === SHIPPED) return undefined;
    return profiles.find((profile) => profile.id === profileChoice)?.definition;
  };

  const run = async () => {
    setInputError(null);
    let body: Json;
    const profile = chosenProfile();
    if (mode === 'synthetic') {
      let values: SyntheticValues;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      const repurchaseFen = parseYuanToFen(values.repurchaseYuan || '0');
      if (repurchaseFen === null) {
        setInputError(t('simulation.repurchaseInvalid'));
        return;
      }
      const { repurchaseYuan: _ignored, ...synthetic } = values;
      body = { ...(profile ? { profile } : {}), synthetic: { ...synthetic, repurchaseFen } };
    } else {
      let scenario: Json;
      try {
        scenario = JSON.parse(scenarioText) as Json;
      } catch (cause) {
        setInputError(t('profiles.jsonInvalid', { message: cause instanceof Error ? cause.message : String(cause) }));
        return;
      }
      if (typeof scenario !== 'object' || scenario === null || !Array.isArray(scenario.events)) {
        setInputError(t('simulation.scenarioNoEvents'));
        return;
      }
      // A picked profile overrides the one written in the file; "shipped" keeps the file's own.
      body = { ...(profile ? { profile } : {}), scenario };
    }
    setRunning(true);
    setError(null);
    try {
      setResult(await api.post<SimulationResponse>('/admin/distribution/simulate', body, { silent: true }));
    } catch (cause) {
      setResult(null);
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'error', String(cause)));
    } finally {
      setRunning(false);
    }
  };

  const problems = simulationProblems(error);
  const violationText = (violation: ProfileViolation) => violation.messages?.[locale] ?? violation.messages?.['zh-CN'] ?? violation.message;

  return (
    <>
      <PageHeader title={t('simulation.title')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Typography.Paragraph type="secondary">{t('simulation.intro')}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            <Typography.Text strong>{t('simulation.profile')}</Typography.Text>
            <Select
              value={profileChoice}
              onChange={setProfileChoice}
              options={[...profileOptions, ...(active || mode === 'scenario' ? [{ value: SHIPPED, label: mode === 'scenario' ? t('simulation.profileFromFile') : t('simulation.profileShipped') }] : [])]}
              style={{ minWidth: 420 }}
              data-testid="simulation-profile"
            />
            <Segmented
              value={mode}
              onChange={(value) => setMode(value as 'synthetic' | 'scenario')}
              options={[
                { value: 'synthetic', label: t('simulation.modeSynthetic') },
                { value: 'scenario', label: t('simulation.modeScenario') },
              ]}
              data-testid="simulation-mode"
            />
          </Space>
          {mode === 'synthetic' ? (
            <Form form={form} layout="vertical" initialValues={DEFAULT_SYNTHETIC} data-testid="simulation-form">
              <Row gutter={16}>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="members" label={t('simulation.members')} rules={[{ required: true, message: t('simulation.required') }]} extra={t('simulation.membersHint')}>
                    <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} data-testid="simulation-members" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="branching" label={t('simulation.branching')} rules={[{ required: true, message: t('simulation.required') }]} extra={t('simulation.branchingHint')}>
                    <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} data-testid="simulation-branching" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="refundRatePercent" label={t('simulation.refundRate')} rules={[{ required: true, message: t('simulation.required') }]}>
                    <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="simulation-refund" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="joinsPerDay" label={t('simulation.joinsPerDay')} rules={[{ required: true, message: t('simulation.required') }]}>
                    <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="repurchasesPerMember" label={t('simulation.repurchasesPerMember')} rules={[{ required: true, message: t('simulation.required') }]}>
                    <InputNumber min={0} max={10} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="repurchaseYuan" label={t('simulation.repurchaseAmount')}>
                    <Input prefix="¥" inputMode="decimal" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="seed" label={t('simulation.seed')} rules={[{ required: true, message: t('simulation.required') }]} extra={t('simulation.seedHint')}>
                    <InputNumber min={0} max={2147483647} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text type="secondary">{t('simulation.scenarioHint')}</Typography.Text>
                <Upload
                  accept=".json,application/json"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void file.text().then(setScenarioText);
                    // The file is read in the browser; nothing is uploaded anywhere.
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />}>{t('simulation.scenarioUpload')}</Button>
                </Upload>
              </Space>
              <Input.TextArea
                value={scenarioText}
                onChange={(event) => setScenarioText(event.target.value)}
                placeholder={'{ "events": [ { "id": "e1", "day": 0, "type": "PACKAGE_PAID", ... } ] }'}
                autoSize={{ minRows: 8, maxRows: 20 }}
                style={{ fontFamily: 'monospace', fontSize: 12 }}
                data-testid="simulation-scenario"
              />
            </Space>
          )}
          {inputError ? <Alert type="error" showIcon title={inputError} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={() => void run()} data-testid="simulation-run">
            {t('simulation.run')}
          </Button>
        </Card>

        {error ? (
          problems.violations.length || problems.issues.length ? (
            <Alert
              type="error"
              showIcon
              data-testid="simulation-violations"
              title={problems.violations.length ? t('simulation.profileInvalid') : t('simulation.scenarioInvalid')}
              description={
                <List
                  size="small"
                  dataSource={[
                    ...problems.violations.map((violation) => ({ key: violation.code + (violation.path ?? ''), path: violation.path, text: violationText(violation) })),
                    ...problems.issues.map((issue) => ({ key: `${issue.path}:${issue.message}`, path: issue.path, text: issue.message })),
                  ]}
                  renderItem={(item) => (
                    <List.Item key={item.key}>
                      <span>
                        {item.path && !item.text.startsWith(item.path) ? <Typography.Text code>{item.path}</Typography.Text> : null} {item.text}
                      </span>
                    </List.Item>
                  )}
                />
              }
            />
          ) : (
            <ApiErrorAlert error={error} testId="simulation-error" />
          )
        ) : null}

        {result ? <SimulationSummaryView response={result} /> : error ? null : (
          <Card>
            <Empty description={t('simulation.empty')} />
          </Card>
        )}
      </Space>
    </>
  );
}

function bandLabel(band: { fromFen: number; toFen: number | null }, above: string): string {
  const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN');
  return band.toFen === null ? `≥ ¥${yuan(band.fromFen)}${above}` : `¥${yuan(band.fromFen)}–${yuan(band.toFen)}`;
}

function SimulationSummaryView({ response }: { response: SimulationResponse }) {
  const { t } = useI18n();
  const { summary } = response;
  const bands = useMemo(() => summary.incomeBands.map((band) => ({ label: bandLabel(band, t('simulation.bandAbove')), value: band.members })), [summary, t]);
  const columns: TableColumnsType<SimulationSummary['topEarners'][number]> = [
    { title: '#', key: 'rank', width: 56, render: (_, __, index) => index + 1 },
    { title: t('simulation.memberLabel'), dataIndex: 'memberId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
    {
      title: t('simulation.role'),
      dataIndex: 'role',
      width: 110,
      render: (role: string) => <Tag color={ROLE_COLORS[role]}>{ROLES.includes(role as MemberRole) ? t(`dist.role.${role as MemberRole}`) : role}</Tag>,
    },
    { title: t('simulation.income'), dataIndex: 'incomeFen', align: 'right', width: 160, render: (fen: number) => formatFen(fen) },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="simulation-summary">
      <Card title={t('simulation.summary')} extra={<Typography.Text type="secondary">{t('simulation.events', { count: response.scenarioEvents })}</Typography.Text>}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('simulation.membersTotal')} value={summary.members} data-testid="simulation-members-total" />
            <Space size={4} wrap style={{ marginTop: 8 }} data-testid="simulation-roles">
              {ROLES.map((role) => (
                <Tag key={role} color={ROLE_COLORS[role]}>
                  {t(`dist.role.${role}`)} {summary.roles[role] ?? 0}
                </Tag>
              ))}
            </Space>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('simulation.sales')} value={formatFen(summary.salesFen)} data-testid="simulation-sales" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('simulation.payout')} value={formatFen(summary.payoutFen)} data-testid="simulation-payout" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('simulation.payoutRatio')}
              value={formatBps(summary.payoutRatioBps)}
              styles={summary.payoutRatioBps > 3000 ? { content: { color: '#cf1322' } } : undefined}
              data-testid="simulation-ratio"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('simulation.earners')} value={summary.earners} suffix={`/ ${summary.members}`} data-testid="simulation-earners" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('simulation.top10Share')} value={formatBps(summary.top10PercentShareBps)} data-testid="simulation-top10" />
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('simulation.incomeDistribution')} extra={<Typography.Text type="secondary">{t('simulation.incomeDistributionHint')}</Typography.Text>}>
            <BarChart data={bands} height={300} testId="simulation-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('simulation.topEarners')}>
            <Table
              rowKey="memberId"
              size="small"
              columns={columns}
              dataSource={summary.topEarners}
              pagination={false}
              data-testid="simulation-top-earners"
              locale={{ emptyText: <Empty description={t('simulation.noEarners')} /> }}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
