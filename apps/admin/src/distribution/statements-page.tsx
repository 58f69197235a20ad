import { Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { PageHeader } from '../components/page-header';
import { formatDateTime, formatFen } from '../format';
import { isMessageKey, useI18n } from '../i18n';
import { isUserId, MemberName, shortId } from './member-name';
import type { CommissionStatement, LineStatus, PayoutStatement } from './types';

type Line = CommissionStatement['lines'][number];

/** 会员对账单: one member's month — how 可提现 moved (payouts) and which commission lines made it (engine). */
export function MemberStatementsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const memberId = params.get('memberId') ?? '';
  const monthKey = params.get('month') ?? dayjs().format('YYYY-MM');
  const [form] = Form.useForm<{ memberId: string; month: Dayjs }>();
  const [payout, setPayout] = useState<PayoutStatement | null>(null);
  const [commission, setCommission] = useState<CommissionStatement | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!isUserId(memberId)) return;
    let live = true;
    setLoading(true);
    Promise.all([
      api.get<PayoutStatement>('/admin/payouts/statements', { query: { memberId, month: monthKey } }).catch(() => null),
      api.get<CommissionStatement>(`/admin/distribution/members/${memberId}/statement`, { query: { month: monthKey } }).catch(() => null),
    ]).then(([payoutStatement, commissionStatement]) => {
      if (!live) return;
      setPayout(payoutStatement);
      setCommission(commissionStatement);
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, [memberId, monthKey]);

  const kindLabel = (kind: string) => {
    const key = `dist.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  const statusLabel = (status: string) => {
    const key = `dist.lineStatus.${status}`;
    return isMessageKey(key) ? t(key) : status;
  };

  const lineColumns: TableColumnsType<Line> = [
    { title: t('rewardLines.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value, false) },
    { title: t('rewardLines.kind'), dataIndex: 'kind', width: 150, render: kindLabel },
    { title: t('rewardLines.amount'), dataIndex: 'amountFen', width: 120, align: 'right', render: (value: number) => formatFen(value) },
    { title: t('rewardLines.status'), dataIndex: 'status', width: 100, render: (value: LineStatus) => <Tag>{statusLabel(value)}</Tag> },
    { title: t('rewardLines.source'), dataIndex: 'sourceUserId', width: 150, render: (id: string, row) => <MemberName id={id} name={row.sourceUserName} /> },
    { title: t('rewardLines.orderId'), dataIndex: 'orderId', render: (id: string) => <Typography.Text copyable={{ text: id }}>{shortId(id)}</Typography.Text> },
  ];

  const ready = isUserId(memberId);
  return (
    <>
      <PageHeader title={t('statements.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ memberId, month: dayjs(`${monthKey}-01`) }}
          onFinish={(values) => setParams({ memberId: values.memberId.trim(), month: values.month.format('YYYY-MM') })}
        >
          <Form.Item
            name="memberId"
            rules={[{ validator: (_r, value?: string) => (value && isUserId(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('dist.memberIdInvalid')))) }]}
          >
            <Input placeholder={t('dist.memberIdPlaceholder')} style={{ width: 280 }} data-testid="statement-member" />
          </Form.Item>
          <Form.Item name="month" label={t('statements.month')}>
            <DatePicker picker="month" allowClear={false} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="statement-query">
            {t('statements.query')}
          </Button>
        </Form>
      </Card>
      {!ready ? (
        <Card>
          <Empty description={t('statements.pickHint')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            <MemberName id={memberId} name={commission?.memberName} /> · {monthKey}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('statements.movement')} size="small" loading={loading} data-testid="statement-movement">
                {payout ? (
                  <Descriptions size="small" column={1} bordered>
                    <Descriptions.Item label={t('statements.opening')}>{formatFen(payout.openingFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.rewards')}>{formatFen(payout.rewardsFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.clawbacks')}>{formatFen(payout.clawbacksFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.withdrawals')}>{formatFen(payout.withdrawalsFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.fees')}>{formatFen(payout.feesFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.other')}>{formatFen(payout.otherFen)}</Descriptions.Item>
                    <Descriptions.Item label={<Typography.Text strong>{t('statements.closing')}</Typography.Text>}>
                      <Typography.Text strong data-testid="statement-closing">{formatFen(payout.closingFen)}</Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('statements.paidOut')}>{formatFen(payout.paidOutFen)}</Descriptions.Item>
                  </Descriptions>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('statements.balances')} size="small" loading={loading} style={{ marginBottom: 16 }}>
                {commission ? (
                  <Descriptions size="small" column={2}>
                    <Descriptions.Item label={t('statements.pending')}>{formatFen(commission.balances.pendingFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.available')}>{formatFen(commission.balances.availableFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.withdrawing')}>{formatFen(commission.balances.withdrawingFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.withdrawn')}>{formatFen(commission.balances.withdrawnFen)}</Descriptions.Item>
                    <Descriptions.Item label={t('statements.receivable')}>{formatFen(commission.balances.clawbackReceivableFen)}</Descriptions.Item>
                  </Descriptions>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
              </Card>
              <Card title={t('statements.byKind')} size="small" loading={loading}>
                <Table
                  size="small"
                  rowKey={(row) => `${row.kind}|${row.status}`}
                  pagination={false}
                  dataSource={commission?.totals ?? []}
                  columns={[
                    { title: t('rewardLines.kind'), dataIndex: 'kind', render: kindLabel },
                    { title: t('rewardLines.status'), dataIndex: 'status', render: statusLabel },
                    { title: t('statements.lineCount'), dataIndex: 'lines', align: 'right' },
                    { title: t('rewardLines.amount'), dataIndex: 'amountFen', align: 'right', render: (value: number) => formatFen(value) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('statements.lines')} size="small">
            <Table<Line> size="small" rowKey="id" columns={lineColumns} dataSource={commission?.lines ?? []} loading={loading} pagination={{ pageSize: 20 }} scroll={{ x: 900 }} />
          </Card>
        </Space>
      )}
    </>
  );
}
