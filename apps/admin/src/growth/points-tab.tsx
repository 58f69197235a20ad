import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { tablePagination, usePagedList } from '../use-paged-list';
import { Person } from './rewards-tab';
import type { PointLine, PointsRule } from './types';

interface RuleValues {
  enabled: boolean;
  points: number;
  pointsPerYuan: number;
  dailyCap: number | null;
}

/** Points per action with their daily caps, and the points ledger (append-only lines), by member. */
export function PointsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [rules, setRules] = useState<PointsRule[]>([]);
  const [editing, setEditing] = useState<PointsRule | null>(null);
  const [memberId, setMemberId] = useState<string | undefined>();
  const [form] = Form.useForm<RuleValues>();
  const ledger = usePagedList<PointLine>('/admin/growth/points', { memberId });

  const load = useCallback(async () => setRules((await api.get<{ items: PointsRule[] }>('/admin/growth/point-rules')).items), []);
  useEffect(() => void load(), [load]);

  async function save() {
    const values = await form.validateFields();
    await api.put(`/admin/growth/point-rules/${editing!.action}`, { ...values, dailyCap: values.dailyCap ?? null });
    void message.success(t('growth.points.saved'));
    setEditing(null);
    await load();
  }

  const ruleColumns: TableColumnsType<PointsRule> = [
    { title: t('growth.points.action'), dataIndex: 'action', render: (action: string) => <strong>{t(`growth.points.action.${action}` as MessageKey)}</strong> },
    { title: t('growth.points.enabled'), dataIndex: 'enabled', width: 90, render: (enabled: boolean) => <Tag color={enabled ? 'green' : 'default'}>{enabled ? '✓' : '—'}</Tag> },
    { title: t('growth.points.points'), dataIndex: 'points', width: 120 },
    { title: t('growth.points.perYuan'), dataIndex: 'pointsPerYuan', width: 120, render: (value: number, row) => (row.action === 'order' ? value : '—') },
    { title: t('growth.points.dailyCap'), dataIndex: 'dailyCap', width: 120, render: (value: number | null) => value ?? t('growth.points.noCap') },
    { title: t('common.actions'), key: 'actions', width: 100, render: (_, row) => <Button size="small" type="link" data-testid={`growth-rule-edit-${row.action}`} onClick={() => { form.setFieldsValue(row); setEditing(row); }}>{t('growth.points.edit')}</Button> },
  ];

  const lineColumns: TableColumnsType<PointLine> = [
    { title: t('growth.points.time'), dataIndex: 'createdAt', width: 160, render: (value: string) => formatDateTime(value) },
    { title: t('growth.points.member'), key: 'member', width: 180, render: (_, row) => <Person name={row.memberName} id={row.memberId} /> },
    { title: t('growth.points.action'), dataIndex: 'action', width: 120, render: (action: string) => t(`growth.points.action.${action}` as MessageKey) },
    { title: t('growth.points.change'), dataIndex: 'points', width: 100, align: 'right', render: (points: number) => <Typography.Text type={points < 0 ? 'danger' : 'success'}>{points > 0 ? `+${points}` : points}</Typography.Text> },
    { title: t('growth.points.cause'), dataIndex: 'causeId', render: (value: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{value}</Typography.Text> },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={t('growth.points.rules')} size="small">
        <Table<PointsRule> rowKey="action" size="small" columns={ruleColumns} dataSource={rules} pagination={false} data-testid="growth-rules-table" />
      </Card>
      <Card title={t('growth.points.ledger')} size="small" extra={<Input.Search allowClear placeholder={t('growth.points.memberFilter')} style={{ width: 320 }} onSearch={(value) => setMemberId(/^usr_[0-9a-z]{26}$/.test(value.trim()) ? value.trim() : undefined)} />}>
        <Table<PointLine> rowKey="id" size="small" columns={lineColumns} dataSource={ledger.items} loading={ledger.loading} pagination={tablePagination(ledger, t)} data-testid="growth-points-table" />
      </Card>
      <Modal open={editing !== null} title={editing ? t(`growth.points.action.${editing.action}`) : ''} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => void save().catch(() => undefined)} onCancel={() => setEditing(null)} okButtonProps={{ 'data-testid': 'growth-rule-submit' } as Record<string, string>} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="enabled" label={t('growth.points.enabled')} valuePropName="checked"><Switch /></Form.Item>
          <Flex gap={16}>
            <Form.Item name="points" label={t('growth.points.points')} rules={[{ required: true }]}><InputNumber min={0} max={100_000} precision={0} data-testid="growth-rule-points" /></Form.Item>
            {editing?.action === 'order' && <Form.Item name="pointsPerYuan" label={t('growth.points.perYuan')} rules={[{ required: true }]}><InputNumber min={0} max={1_000} precision={0} /></Form.Item>}
            <Form.Item name="dailyCap" label={t('growth.points.dailyCap')} extra={t('growth.points.noCap')}><InputNumber min={1} max={10_000_000} precision={0} data-testid="growth-rule-cap" /></Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Flex>
  );
}
