import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { useModalAction } from '../use-modal-action';
import { bpsToPercent, percentToBps, type Level, type LevelInput } from './types';

type LevelValues = Omit<LevelInput, 'extraCommissionBps'> & { extraCommission: string };

/** Levels from the lowest: thresholds on points and qualified invites, and the privileges each gives. */
export function LevelsTab() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [levels, setLevels] = useState<Level[]>([]);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<Level | 'new' | null>(null);
  const [form] = Form.useForm<LevelValues>();
  const { submitting, error, run } = useModalAction();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setLevels((await api.get<{ items: Level[] }>('/admin/growth/levels')).items);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function save() {
    const { extraCommission, ...values } = await form.validateFields();
    const body: LevelInput = { ...values, extraCommissionBps: percentToBps(extraCommission) ?? 0 };
    await run(
      () => (editing && editing !== 'new' ? api.put(`/admin/growth/levels/${editing.id}`, body, { silent: true }) : api.post('/admin/growth/levels', body, { silent: true })),
      () => {
        void message.success(t('growth.level.saved'));
        setEditing(null);
        void load();
      },
    );
  }

  const columns: TableColumnsType<Level> = [
    { title: t('growth.level.name'), key: 'name', render: (_, row) => <strong>{locale === 'en' ? row.nameEn : row.nameZh}</strong> },
    { title: t('growth.level.threshold'), key: 'threshold', render: (_, row) => t('growth.level.thresholdText', { points: row.minPoints.toLocaleString(), invites: row.minInvites }) },
    {
      title: t('growth.level.privileges'),
      key: 'privileges',
      render: (_, row) => (
        <Space size={[4, 4]} wrap data-testid="growth-level-privileges">
          {row.extraCommissionBps > 0 && <Tag color="gold">{t('growth.level.extraCommissionText', { rate: bpsToPercent(row.extraCommissionBps) })}</Tag>}
          {row.priorityShipping && <Tag color="blue">{t('growth.level.priorityShipping')}</Tag>}
          {row.hotProductAccess && <Tag color="red">{t('growth.level.hotProductAccess')}</Tag>}
          {row.extraCommissionBps === 0 && !row.priorityShipping && !row.hotProductAccess && <span>{t('growth.level.none')}</span>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, row) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => { form.setFieldsValue({ ...row, extraCommission: bpsToPercent(row.extraCommissionBps).replace('%', '') }); setEditing(row); }}>{t('growth.level.edit')}</Button>
          <Popconfirm title={t('growth.level.deleteConfirm')} onConfirm={async () => { await api.delete(`/admin/growth/levels/${row.id}`); void message.success(t('growth.level.deleted')); await load(); }}>
            <Button size="small" type="link" danger>{t('growth.level.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing('new'); }} data-testid="growth-level-new">{t('growth.level.new')}</Button>
      </Flex>
      <Table<Level> rowKey="id" columns={columns} dataSource={levels} loading={loading} pagination={false} data-testid="growth-levels-table" />
      <Modal open={editing !== null} title={t(editing === 'new' ? 'growth.level.new' : 'growth.level.edit')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={submitting} onOk={() => void save().catch(() => undefined)} onCancel={() => setEditing(null)} okButtonProps={{ 'data-testid': 'growth-level-submit' } as Record<string, string>} forceRender>
        <ApiErrorAlert error={error} testId="growth-level-error" />
        <Form form={form} layout="vertical" initialValues={{ minPoints: 0, minInvites: 0, extraCommission: '0', priorityShipping: false, hotProductAccess: false }}>
          <Flex gap={16}>
            <Form.Item name="nameZh" label={t('growth.campaign.nameZh')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, max: 40 }]}><Input data-testid="growth-level-name-zh" /></Form.Item>
            <Form.Item name="nameEn" label={t('growth.campaign.nameEn')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, max: 60 }]}><Input data-testid="growth-level-name-en" /></Form.Item>
          </Flex>
          <Flex gap={16}>
            <Form.Item name="minPoints" label={t('growth.level.minPoints')} style={{ flex: 1 }} rules={[{ required: true }]}><InputNumber min={0} max={1_000_000_000} precision={0} style={{ width: '100%' }} data-testid="growth-level-points" /></Form.Item>
            <Form.Item name="minInvites" label={t('growth.level.minInvites')} style={{ flex: 1 }} rules={[{ required: true }]}><InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} data-testid="growth-level-invites" /></Form.Item>
          </Flex>
          <Form.Item name="extraCommission" label={t('growth.level.extraCommission')} extra={t('growth.level.extraCommissionHint')} rules={[{ validator: (_, value) => (percentToBps(value) === null ? Promise.reject(new Error(t('growth.level.extraCommission'))) : Promise.resolve()) }]}>
            <Input suffix="%" inputMode="decimal" style={{ width: 160 }} data-testid="growth-level-extra" />
          </Form.Item>
          <Flex gap={32}>
            <Form.Item name="priorityShipping" label={t('growth.level.priorityShipping')} valuePropName="checked"><Switch data-testid="growth-level-priority" /></Form.Item>
            <Form.Item name="hotProductAccess" label={t('growth.level.hotProductAccess')} valuePropName="checked"><Switch data-testid="growth-level-hot" /></Form.Item>
          </Flex>
        </Form>
      </Modal>
    </>
  );
}
