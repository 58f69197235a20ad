import { useRef } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { parseYuanToFen } from '../money';
import { useModalAction } from '../use-modal-action';
import { SPEND_CHANNELS, type ScopeChoice, type SpendChannel, type SpendEntry } from './types';

interface SpendValues {
  day: Dayjs;
  channel: SpendChannel;
  amountYuan: string;
  province?: string;
  city?: string;
  teamId?: string;
  merchantId?: string;
  campaign?: string;
  note?: string;
}

// crypto.randomUUID needs a secure context; a console served over plain http on a LAN has only getRandomValues.
const randomKey = () => `spend-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Records one marketing spend entry (per channel, and optionally region, team, merchant, campaign). */
export function SpendFormModal({ teams, merchants, onClose, onSaved }: { teams: ScopeChoice[]; merchants: ScopeChoice[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SpendValues>();
  const action = useModalAction();
  // One key per distinct entry: resubmitting after a lost answer cannot record the spend twice,
  // and an entry edited after a failure gets a key of its own.
  const attempt = useRef<{ body: string; key: string } | null>(null);

  async function submit() {
    const values = await form.validateFields();
    const body = {
      day: values.day.format('YYYY-MM-DD'),
      channel: values.channel,
      amountFen: parseYuanToFen(values.amountYuan),
      province: trimmed(values.province),
      city: trimmed(values.city),
      teamId: values.teamId,
      merchantId: values.merchantId,
      campaign: trimmed(values.campaign),
      note: trimmed(values.note),
    };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: randomKey() };
    const idempotencyKey = attempt.current.key;
    await action.run(
      () => api.post<SpendEntry>('/admin/analytics/spend', body, { silent: true, idempotencyKey }),
      () => {
        message.success(t('spend.saved'));
        onSaved();
      },
    );
  }

  return (
    <Modal
      open
      title={t('spend.record')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={action.submitting}
      okButtonProps={{ 'data-testid': 'spend-submit' }}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <ApiErrorAlert error={action.error} testId="spend-error" />
      <Form<SpendValues> form={form} layout="vertical" initialValues={{ day: dayjs(), channel: 'card' }}>
        <Form.Item name="day" label={t('spend.day')} rules={[{ required: true, message: t('spend.dayRequired') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="spend-day" />
        </Form.Item>
        <Form.Item name="channel" label={t('spend.channel')} rules={[{ required: true }]}>
          <Select options={SPEND_CHANNELS.map((value) => ({ value, label: t(`analytics.channel.${value}`) }))} data-testid="spend-channel" />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t('spend.amount')}
          rules={[
            { required: true, message: t('spend.amountRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const fen = parseYuanToFen(value);
                if (fen === null || fen < 1) throw new Error(t('spend.amountInvalid'));
              },
            },
          ]}
        >
          <Input prefix="¥" placeholder="0.00" data-testid="spend-amount" />
        </Form.Item>
        <Form.Item label={t('spend.region')} style={{ marginBottom: 0 }}>
          <Form.Item name="province" style={{ display: 'inline-block', width: 'calc(50% - 4px)' }} rules={[{ max: 20 }]}>
            <Input placeholder={t('spend.province')} data-testid="spend-province" />
          </Form.Item>
          <Form.Item
            name="city"
            dependencies={['province']}
            style={{ display: 'inline-block', width: 'calc(50% - 4px)', marginInlineStart: 8 }}
            rules={[
              { max: 20 },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value?.trim() && !String(getFieldValue('province') ?? '').trim()) throw new Error(t('spend.cityNeedsProvince'));
                },
              }),
            ]}
          >
            <Input placeholder={t('spend.city')} data-testid="spend-city" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="teamId" label={t('spend.team')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('spend.optional')} options={teams.map((team) => ({ value: team.id, label: team.label }))} />
        </Form.Item>
        <Form.Item name="merchantId" label={t('spend.merchant')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('spend.optional')} options={merchants.map((merchant) => ({ value: merchant.id, label: merchant.label }))} />
        </Form.Item>
        <Form.Item name="campaign" label={t('spend.campaign')} rules={[{ max: 64 }]}>
          <Input placeholder={t('spend.campaignPlaceholder')} data-testid="spend-campaign" />
        </Form.Item>
        <Form.Item name="note" label={t('spend.note')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
