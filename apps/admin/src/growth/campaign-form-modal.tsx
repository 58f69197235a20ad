import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { fenToYuanInput, parseYuanToFen } from '../money';
import { instant, windowRules, yuanRules, type Window } from '../pages/promotion-fields';
import { useModalAction } from '../use-modal-action';
import { bpsToPercent, percentToBps, type BudgetUnit, type Campaign, type CampaignInput, type LadderStep } from './types';

interface TierValues {
  fromInvite: number;
  toInvite?: number | null;
  rate: string;
}
interface StepValues {
  invites: number;
  kind: 'coupon' | 'gift' | 'points';
  couponTemplateId?: string;
  giftZh?: string;
  giftEn?: string;
  cost?: string;
  points?: number;
}
interface CampaignValues {
  nameZh: string;
  nameEn: string;
  window: Window;
  budgetUnit: BudgetUnit;
  budgetTotal: string;
  minOrder: string;
  tiers: TierValues[];
  ladder: StepValues[];
}

function toStep(step: StepValues): LadderStep {
  const costFen = parseYuanToFen(step.cost ?? '0') ?? 0;
  if (step.kind === 'coupon') return { invites: step.invites, reward: { kind: 'coupon', couponTemplateId: (step.couponTemplateId ?? '').trim(), costFen } };
  if (step.kind === 'gift') return { invites: step.invites, reward: { kind: 'gift', nameZh: (step.giftZh ?? '').trim(), nameEn: (step.giftEn ?? '').trim(), costFen } };
  return { invites: step.invites, reward: { kind: 'points', points: step.points ?? 0 } };
}

/** The body the API's GrowthCampaignInput accepts: fen and points as integers, rates in basis points. */
function toRequest(values: CampaignValues): CampaignInput {
  const [from, until] = values.window as [Dayjs, Dayjs];
  return {
    nameZh: values.nameZh.trim(),
    nameEn: values.nameEn.trim(),
    startsAt: instant(from),
    endsAt: instant(until),
    budgetUnit: values.budgetUnit,
    budgetTotal: values.budgetUnit === 'fen' ? (parseYuanToFen(values.budgetTotal) ?? 0) : Number(values.budgetTotal),
    minOrderFen: parseYuanToFen(values.minOrder) ?? 0,
    tiers: (values.tiers ?? []).map((tier) => ({ fromInvite: tier.fromInvite, toInvite: tier.toInvite ?? null, rateBps: percentToBps(tier.rate) ?? 0 })),
    ladder: (values.ladder ?? []).map(toStep),
  };
}

function toValues(campaign: Campaign): CampaignValues {
  return {
    nameZh: campaign.nameZh,
    nameEn: campaign.nameEn,
    window: [dayjs(campaign.startsAt), dayjs(campaign.endsAt)],
    budgetUnit: campaign.budgetUnit,
    budgetTotal: campaign.budgetUnit === 'fen' ? fenToYuanInput(campaign.budgetTotal) : String(campaign.budgetTotal),
    minOrder: fenToYuanInput(campaign.minOrderFen),
    tiers: campaign.tiers.map((tier) => ({ fromInvite: tier.fromInvite, toInvite: tier.toInvite, rate: bpsToPercent(tier.rateBps).replace('%', '') })),
    ladder: campaign.ladder.map((step) => ({
      invites: step.invites,
      kind: step.reward.kind,
      ...(step.reward.kind === 'coupon' ? { couponTemplateId: step.reward.couponTemplateId, cost: fenToYuanInput(step.reward.costFen) } : {}),
      ...(step.reward.kind === 'gift' ? { giftZh: step.reward.nameZh, giftEn: step.reward.nameEn, cost: fenToYuanInput(step.reward.costFen) } : {}),
      ...(step.reward.kind === 'points' ? { points: step.reward.points } : {}),
    })),
  };
}

const DEFAULTS: Partial<CampaignValues> = {
  budgetUnit: 'fen',
  minOrder: '50.00',
  tiers: [
    { fromInvite: 1, toInvite: 3, rate: '8' },
    { fromInvite: 4, toInvite: 10, rate: '5' },
    { fromInvite: 11, toInvite: null, rate: '3' },
  ],
  ladder: [],
};

/** Creates a draft campaign, or edits a draft: names, window, budget, tiered rates and ladder steps. */
export function CampaignFormModal({ campaign, onClose, onSaved }: { campaign: Campaign | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignValues>();
  const unit = Form.useWatch('budgetUnit', form) ?? 'fen';
  const { submitting, error, run } = useModalAction();

  const handleOk = async () => {
    const body = toRequest(await form.validateFields());
    await run(
      () => (campaign ? api.patch(`/admin/growth/campaigns/${campaign.id}`, body, { silent: true }) : api.post('/admin/growth/campaigns', body, { silent: true })),
      () => {
        void message.success(t('growth.campaign.saved'));
        onSaved();
      },
    );
  };

  return (
    <Modal
      open
      width={760}
      title={t(campaign ? 'growth.campaign.edit' : 'growth.campaign.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'growth-campaign-submit' } as Record<string, string>}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="growth-campaign-error" />
      <Form form={form} layout="vertical" data-testid="growth-campaign-form" initialValues={campaign ? toValues(campaign) : DEFAULTS}>
        <Flex gap={16}>
          <Form.Item name="nameZh" label={t('growth.campaign.nameZh')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input maxLength={60} data-testid="growth-campaign-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('growth.campaign.nameEn')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} data-testid="growth-campaign-name-en" />
          </Form.Item>
        </Flex>
        <Form.Item name="window" label={t('growth.campaign.window')} rules={windowRules(t)}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="growth-campaign-window" />
        </Form.Item>
        <Flex gap={16} align="flex-start">
          <Form.Item name="budgetUnit" label={t('growth.campaign.budgetUnit')}>
            <Radio.Group optionType="button" options={(['fen', 'points'] as const).map((value) => ({ value, label: t(`growth.campaign.unit.${value}`) }))} />
          </Form.Item>
          <Form.Item name="budgetTotal" label={t('growth.campaign.budgetTotal')} style={{ flex: 1 }} rules={unit === 'fen' ? yuanRules(t) : [{ required: true, pattern: /^[1-9]\d{0,11}$/ }]}>
            <Input prefix={unit === 'fen' ? '¥' : undefined} inputMode="decimal" data-testid="growth-campaign-budget" />
          </Form.Item>
          <Form.Item name="minOrder" label={t('growth.campaign.minOrder')} extra={t('growth.campaign.minOrderHint')} style={{ flex: 1 }} rules={yuanRules(t)}>
            <Input prefix="¥" inputMode="decimal" data-testid="growth-campaign-min-order" />
          </Form.Item>
        </Flex>
        <Divider titlePlacement="start" plain>{t('growth.campaign.tiers')}</Divider>
        <Typography.Paragraph type="secondary">{t('growth.campaign.tiersHint')}</Typography.Paragraph>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="baseline" data-testid={`growth-tier-${index}`}>
                  <Form.Item name={[field.name, 'fromInvite']} label={index === 0 ? t('growth.campaign.tier.from') : undefined} rules={[{ required: true }]} style={{ width: 120 }}>
                    <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'toInvite']} label={index === 0 ? t('growth.campaign.tier.to') : undefined} style={{ width: 180 }}>
                    <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'rate']} label={index === 0 ? t('growth.campaign.tier.rate') : undefined} rules={[{ required: true, validator: (_, value) => (percentToBps(value) === null ? Promise.reject(new Error(t('growth.campaign.tier.rate'))) : Promise.resolve()) }]} style={{ width: 140 }}>
                    <Input suffix="%" inputMode="decimal" data-testid={`growth-tier-rate-${index}`} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ rate: '1' })} data-testid="growth-tier-add">{t('growth.campaign.tier.add')}</Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>{t('growth.campaign.ladder')}</Divider>
        <Typography.Paragraph type="secondary">{t('growth.campaign.ladderHint')}</Typography.Paragraph>
        <Form.List name="ladder">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <LadderStepFields key={field.key} name={field.name} index={index} onRemove={() => remove(field.name)} />
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ invites: (fields.length + 1) * 3, kind: unit === 'points' ? 'points' : 'gift', cost: '0' })} data-testid="growth-step-add">{t('growth.campaign.step.add')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function LadderStepFields({ name, index, onRemove }: { name: number; index: number; onRemove: () => void }) {
  const { t } = useI18n();
  const kind = Form.useWatch(['ladder', name, 'kind']) as StepValues['kind'] | undefined;
  const label = (key: Parameters<typeof t>[0]) => (index === 0 ? t(key) : undefined);
  return (
    <Flex gap={8} align="baseline" wrap data-testid={`growth-step-${index}`}>
      <Form.Item name={[name, 'invites']} label={label('growth.campaign.step.invites')} rules={[{ required: true }]} style={{ width: 100 }}>
        <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} data-testid={`growth-step-invites-${index}`} />
      </Form.Item>
      <Form.Item name={[name, 'kind']} label={label('growth.campaign.step.kind')} style={{ width: 110 }}>
        <Select options={(['gift', 'coupon', 'points'] as const).map((value) => ({ value, label: t(`growth.campaign.step.${value}`) }))} data-testid={`growth-step-kind-${index}`} />
      </Form.Item>
      {kind === 'coupon' && (
        <Form.Item name={[name, 'couponTemplateId']} label={label('growth.campaign.step.couponTemplateId')} rules={[{ required: true, pattern: /^cpt_[0-9a-z]{26}$/ }]} style={{ width: 268 }}>
          <Input placeholder="cpt_…" />
        </Form.Item>
      )}
      {kind === 'gift' && (
        <>
          <Form.Item name={[name, 'giftZh']} label={label('growth.campaign.step.giftZh')} rules={[{ required: true, whitespace: true, max: 40 }]} style={{ width: 130 }}>
            <Input data-testid={`growth-step-gift-${index}`} />
          </Form.Item>
          <Form.Item name={[name, 'giftEn']} label={label('growth.campaign.step.giftEn')} rules={[{ required: true, whitespace: true, max: 60 }]} style={{ width: 130 }}>
            <Input data-testid={`growth-step-gift-en-${index}`} />
          </Form.Item>
        </>
      )}
      {kind === 'points' ? (
        <Form.Item name={[name, 'points']} label={label('growth.campaign.step.points.value')} rules={[{ required: true }]} style={{ width: 140 }}>
          <InputNumber min={1} max={100_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Form.Item name={[name, 'cost']} label={label('growth.campaign.step.cost')} rules={[{ required: true, validator: (_, value) => (parseYuanToFen(value) === null ? Promise.reject(new Error(t('growth.campaign.step.cost'))) : Promise.resolve()) }]} style={{ width: 140 }}>
          <Input prefix="¥" inputMode="decimal" data-testid={`growth-step-cost-${index}`} />
        </Form.Item>
      )}
      <MinusCircleOutlined onClick={onRemove} />
    </Flex>
  );
}
