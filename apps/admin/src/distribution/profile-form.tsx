import { Col, Divider, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import type { FormInstance, Rule } from 'antd/es/form';
import { useI18n, type Translate } from '../i18n';
import { fenToYuanInput, parseYuanToFen } from '../money';

/**
 * The profile editor's form: money in yuan and rates in percent for people, converted to the
 * engine's fen and basis points only here. Fields the form does not show (peer basis, recipient,
 * generations, placement) pass through from the profile it started from.
 */
export interface ProfileFormValues {
  name: string;
  profileKey: string;
  version?: string;
  packagePriceYuan: string;
  upgradeThreshold: number;
  noReferrerRole: 'BOSS' | 'AGENT';
  teamRewardTiming: 'ON_PURCHASE' | 'ON_SLIDE';
  rewardMode: 'rate' | 'fixed';
  directRatePct?: number | null;
  teamRatePct?: number | null;
  directYuan?: string;
  teamYuan?: string;
  peerEnabled: boolean;
  peerRatePct: number;
  repurchaseEnabled: boolean;
  repurchaseDirectPct: number;
  repurchaseTeamPct: number;
  maxPayoutRatioPct?: number | null;
  maxDepth?: number | null;
  maxPayees?: number | null;
  dailyCapYuan?: string;
  monthlyCapYuan?: string;
  freezeDays: number;
  refundWindowDays: number;
  afterSettlement: 'CLAWBACK' | 'KEEP';
  upgradeRollback: 'REVERT_IF_NO_DEPENDENTS' | 'STICKY';
}

type Json = Record<string, unknown>;

/** A compliant starting point for a new profile: shares of the order, two payees, a 30 % cap. */
export const TEMPLATE_DEFINITION: Json = {
  id: 'default',
  name: '链动2+1 合规方案',
  packagePriceFen: 39_900,
  upgradeThreshold: 2,
  noReferrerRole: 'BOSS',
  placement: 'REFERRER_TEAM_BOSS',
  teamRewardTiming: 'ON_PURCHASE',
  rewards: {
    directFen: 0,
    teamFen: 0,
    directRateBps: 1_500,
    teamRateBps: 1_000,
    peer: { enabled: false, rateBps: 0, basis: ['DIRECT', 'TEAM'], recipient: 'LEFT_TEAM_BOSS', generations: 1 },
    repurchase: { enabled: true, directRateBps: 1_000, teamRateBps: 500 },
  },
  limits: { maxReferralDepthForTeamReward: 2, maxPayeesPerOrder: 2, maxPayoutRatioBps: 3_000, dailyIncomeCapFen: 500_000, monthlyIncomeCapFen: 5_000_000 },
  settlement: { freezeDays: 7 },
  refund: { windowDays: 7, afterSettlement: 'CLAWBACK', upgradeRollback: 'REVERT_IF_NO_DEPENDENTS' },
};

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : fallback);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : num(value));
const pct = (bps: unknown): number | null => (bps === null || bps === undefined ? null : num(bps) / 100);
const bps = (percent: number | null | undefined): number | null => (percent === null || percent === undefined ? null : Math.round(percent * 100));
const yuan = (fen: unknown): string => (fen === null || fen === undefined ? '' : fenToYuanInput(num(fen)));
const fen = (text: string | undefined): number | null => (text === undefined || text.trim() === '' ? null : parseYuanToFen(text));

export function formFromDefinition(definition: Json): ProfileFormValues {
  const rewards = obj(definition.rewards);
  const peer = obj(rewards.peer);
  const repurchase = obj(rewards.repurchase);
  const limits = obj(definition.limits);
  const refund = obj(definition.refund);
  const rateMode = rewards.directRateBps !== null && rewards.directRateBps !== undefined;
  return {
    name: String(definition.name ?? ''),
    profileKey: String(definition.id ?? 'custom'),
    version: definition.version === undefined ? undefined : String(definition.version),
    packagePriceYuan: yuan(definition.packagePriceFen),
    upgradeThreshold: num(definition.upgradeThreshold, 2),
    noReferrerRole: definition.noReferrerRole === 'AGENT' ? 'AGENT' : 'BOSS',
    teamRewardTiming: definition.teamRewardTiming === 'ON_SLIDE' ? 'ON_SLIDE' : 'ON_PURCHASE',
    rewardMode: rateMode ? 'rate' : 'fixed',
    directRatePct: pct(rewards.directRateBps),
    teamRatePct: pct(rewards.teamRateBps),
    directYuan: yuan(rewards.directFen ?? 0),
    teamYuan: yuan(rewards.teamFen ?? 0),
    peerEnabled: peer.enabled === true,
    peerRatePct: pct(peer.rateBps) ?? 0,
    repurchaseEnabled: repurchase.enabled === true,
    repurchaseDirectPct: pct(repurchase.directRateBps) ?? 0,
    repurchaseTeamPct: pct(repurchase.teamRateBps) ?? 0,
    maxPayoutRatioPct: pct(limits.maxPayoutRatioBps),
    maxDepth: numOrNull(limits.maxReferralDepthForTeamReward),
    maxPayees: numOrNull(limits.maxPayeesPerOrder),
    dailyCapYuan: yuan(limits.dailyIncomeCapFen),
    monthlyCapYuan: yuan(limits.monthlyIncomeCapFen),
    freezeDays: num(obj(definition.settlement).freezeDays, 7),
    refundWindowDays: num(refund.windowDays, 7),
    afterSettlement: refund.afterSettlement === 'KEEP' ? 'KEEP' : 'CLAWBACK',
    upgradeRollback: refund.upgradeRollback === 'STICKY' ? 'STICKY' : 'REVERT_IF_NO_DEPENDENTS',
  };
}

export function definitionFromForm(values: ProfileFormValues, base: Json): Json {
  const rewards = obj(base.rewards);
  const rate = values.rewardMode === 'rate';
  const definition: Json = {
    ...base,
    id: values.profileKey.trim(),
    name: values.name.trim(),
    packagePriceFen: fen(values.packagePriceYuan) ?? 0,
    upgradeThreshold: values.upgradeThreshold,
    noReferrerRole: values.noReferrerRole,
    placement: base.placement ?? 'REFERRER_TEAM_BOSS',
    teamRewardTiming: values.teamRewardTiming,
    rewards: {
      ...rewards,
      directFen: rate ? 0 : (fen(values.directYuan) ?? 0),
      teamFen: rate ? 0 : (fen(values.teamYuan) ?? 0),
      directRateBps: rate ? (bps(values.directRatePct) ?? 0) : null,
      teamRateBps: rate ? (bps(values.teamRatePct) ?? 0) : null,
      peer: { basis: ['DIRECT', 'TEAM'], recipient: 'LEFT_TEAM_BOSS', generations: 1, ...obj(rewards.peer), enabled: values.peerEnabled, rateBps: bps(values.peerRatePct) ?? 0 },
      repurchase: { enabled: values.repurchaseEnabled, directRateBps: bps(values.repurchaseDirectPct) ?? 0, teamRateBps: bps(values.repurchaseTeamPct) ?? 0 },
    },
    limits: {
      maxReferralDepthForTeamReward: values.maxDepth ?? null,
      maxPayeesPerOrder: values.maxPayees ?? null,
      maxPayoutRatioBps: bps(values.maxPayoutRatioPct),
      dailyIncomeCapFen: fen(values.dailyCapYuan),
      monthlyIncomeCapFen: fen(values.monthlyCapYuan),
    },
    settlement: { freezeDays: values.freezeDays },
    refund: { windowDays: values.refundWindowDays, afterSettlement: values.afterSettlement, upgradeRollback: values.upgradeRollback },
  };
  if (values.version && values.version.trim()) definition.version = values.version.trim();
  else delete definition.version;
  return definition;
}

function yuanRule(t: Translate, required: boolean): Rule {
  return {
    validator: (_rule, value: string | undefined) => {
      if (value === undefined || value.trim() === '') return required ? Promise.reject(new Error(t('profiles.required'))) : Promise.resolve();
      return parseYuanToFen(value) === null ? Promise.reject(new Error(t('profiles.yuanInvalid'))) : Promise.resolve();
    },
  };
}

const percentInput = (testId: string) => <InputNumber min={0} max={100} precision={2} step={0.5} suffix="%" style={{ width: '100%' }} data-testid={testId} />;

export function ProfileFormFields({ form }: { form: FormInstance<ProfileFormValues> }) {
  const { t } = useI18n();
  const mode = Form.useWatch('rewardMode', form);
  const peerEnabled = Form.useWatch('peerEnabled', form);
  const repurchaseEnabled = Form.useWatch('repurchaseEnabled', form);
  const required = [{ required: true, message: t('profiles.required') }];
  return (
    <>
      <Divider titlePlacement="start" plain>{t('profiles.sectionBasic')}</Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t('profiles.name')} rules={[{ required: true, whitespace: true, message: t('profiles.required') }]}>
            <Input maxLength={200} data-testid="profile-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="profileKey" label={t('profiles.key')} rules={required}>
            <Input maxLength={64} data-testid="profile-key" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="version" label={t('profiles.version')}>
            <Input maxLength={64} data-testid="profile-version" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="packagePriceYuan" label={t('profiles.packagePrice')} rules={[yuanRule(t, true)]}>
            <Input prefix="¥" data-testid="profile-package-price" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="upgradeThreshold" label={t('profiles.upgradeThreshold')} rules={required}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="noReferrerRole" label={t('profiles.noReferrerRole')}>
            <Select options={(['BOSS', 'AGENT'] as const).map((role) => ({ value: role, label: t(`dist.role.${role}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>{t('profiles.sectionRewards')}</Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="rewardMode" label={t('profiles.rewardMode')}>
            <Radio.Group
              options={[
                { value: 'rate', label: t('profiles.rewardMode.rate') },
                { value: 'fixed', label: t('profiles.rewardMode.fixed') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="teamRewardTiming" label={t('profiles.teamRewardTiming')}>
            <Select options={(['ON_PURCHASE', 'ON_SLIDE'] as const).map((timing) => ({ value: timing, label: t(`profiles.timing.${timing}`) }))} />
          </Form.Item>
        </Col>
        {mode === 'fixed' ? (
          <>
            <Col span={12}>
              <Form.Item name="directYuan" label={t('profiles.directFixed')} rules={[yuanRule(t, true)]}>
                <Input prefix="¥" data-testid="profile-direct-yuan" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="teamYuan" label={t('profiles.teamFixed')} rules={[yuanRule(t, true)]}>
                <Input prefix="¥" data-testid="profile-team-yuan" />
              </Form.Item>
            </Col>
          </>
        ) : (
          <>
            <Col span={12}>
              <Form.Item name="directRatePct" label={t('profiles.directRate')} rules={required}>
                {percentInput('profile-direct-rate')}
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="teamRatePct" label={t('profiles.teamRate')} rules={required}>
                {percentInput('profile-team-rate')}
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={6}>
          <Form.Item name="peerEnabled" label={t('profiles.peerEnabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="peerRatePct" label={t('profiles.peerRate')}>
            <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} disabled={!peerEnabled} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="repurchaseEnabled" label={t('profiles.repurchaseEnabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="repurchaseDirectPct" label={t('profiles.repurchaseDirectRate')}>
            <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} disabled={!repurchaseEnabled} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="repurchaseTeamPct" label={t('profiles.repurchaseTeamRate')}>
            <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} disabled={!repurchaseEnabled} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>{t('profiles.sectionLimits')}</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="maxPayoutRatioPct" label={t('profiles.maxPayoutRatio')} extra={t('profiles.noLimit')}>
            {percentInput('profile-max-ratio')}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="maxDepth" label={t('profiles.maxDepth')} extra={t('profiles.noLimit')}>
            <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="maxPayees" label={t('profiles.maxPayees')} extra={t('profiles.noLimit')}>
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="dailyCapYuan" label={t('profiles.dailyCap')} rules={[yuanRule(t, false)]} extra={t('profiles.noLimit')}>
            <Input prefix="¥" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="monthlyCapYuan" label={t('profiles.monthlyCap')} rules={[yuanRule(t, false)]} extra={t('profiles.noLimit')}>
            <Input prefix="¥" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>{t('profiles.sectionSettlement')}</Divider>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="freezeDays" label={t('profiles.freezeDays')} rules={required}>
            <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="refundWindowDays" label={t('profiles.refundWindow')} rules={required}>
            <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="afterSettlement" label={t('profiles.afterSettlement')}>
            <Select options={(['CLAWBACK', 'KEEP'] as const).map((value) => ({ value, label: t(`profiles.afterSettlement.${value}`) }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="upgradeRollback" label={t('profiles.upgradeRollback')}>
            <Select
              options={(['REVERT_IF_NO_DEPENDENTS', 'STICKY'] as const).map((value) => ({ value, label: t(`profiles.upgradeRollback.${value}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
