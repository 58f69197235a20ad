import { CheckCircleOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Result, Row, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { Paged, PickupResult, Store } from '../types';
import { useModalAction } from '../use-modal-action';

const CODE_PATTERN = /^\d{6}$/;
const LAST_STORE_KEY = 'linkmall.admin.pickupStore';

interface Handover extends PickupResult {
  at: string;
  storeName: string;
  code: string;
}

interface PickupValues {
  storeId: string;
  code: string;
}

function rememberedStoreId(): string | null {
  try {
    return window.localStorage.getItem(LAST_STORE_KEY);
  } catch {
    return null;
  }
}

/** The stores this account may hand over at: its merchant's open stores. */
function usePickupStores() {
  const { locale } = useI18n();
  const [stores, setStores] = useState<Store[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Paged<Store>>('/admin/stores', { query: { page: 1, pageSize: 100 }, signal: controller.signal })
      .then((page) => setStores(page.items.filter((store) => store.status === 'open')))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setStores([]);
      });
    return () => controller.abort();
  }, [locale]);
  return stores;
}

/** 自提核销: staff type the buyer's code, confirm the handover, and the order becomes received. */
export function PickupPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const stores = usePickupStores();
  const [form] = Form.useForm<PickupValues>();
  const [confirming, setConfirming] = useState<PickupValues | null>(null);
  const [history, setHistory] = useState<Handover[]>([]);
  const { submitting, error, run } = useModalAction();

  // Start on the store used last time at this desk, else the first one.
  useEffect(() => {
    if (!stores || stores.length === 0 || form.getFieldValue('storeId')) return;
    const remembered = rememberedStoreId();
    form.setFieldValue('storeId', stores.find((store) => store.id === remembered)?.id ?? stores[0]!.id);
  }, [stores, form]);

  const storeName = (storeId: string) => stores?.find((store) => store.id === storeId)?.name ?? storeId;

  const ask = async () => {
    const values = await form.validateFields();
    setConfirming({ storeId: values.storeId, code: values.code.trim() });
  };

  const handOver = async () => {
    if (!confirming) return;
    const { storeId, code } = confirming;
    await run(
      () => api.post<PickupResult>('/admin/pickups/verify', { storeId, code }, { silent: true }),
      (result) => {
        try {
          window.localStorage.setItem(LAST_STORE_KEY, storeId);
        } catch {
          // Remembering the store is a convenience only.
        }
        void message.success(t('pickup.success'));
        setHistory((previous) => [{ ...result, at: new Date().toISOString(), storeName: storeName(storeId), code }, ...previous]);
        form.setFieldValue('code', '');
      },
    );
    setConfirming(null);
  };

  const latest = history[0];

  return (
    <>
      <PageHeader title={t('pickup.title')} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card>
            <Typography.Paragraph type="secondary">{t('pickup.intro')}</Typography.Paragraph>
            {stores && stores.length === 0 ? (
              <Empty description={t('pickup.noStores')} />
            ) : (
              <Form<PickupValues> form={form} layout="vertical" onFinish={() => void ask().catch(() => undefined)} data-testid="pickup-form">
                <Form.Item name="storeId" label={t('pickup.store')} rules={[{ required: true, message: t('pickup.storeRequired') }]}>
                  <Select
                    loading={stores === null}
                    placeholder={t('pickup.storePlaceholder')}
                    options={(stores ?? []).map((store) => ({ value: store.id, label: store.name }))}
                    data-testid="pickup-store"
                  />
                </Form.Item>
                <Form.Item
                  name="code"
                  label={t('pickup.code')}
                  rules={[
                    { required: true, whitespace: true, message: t('pickup.codeRequired') },
                    {
                      validator: (_, value: string | undefined) =>
                        !value || !value.trim() || CODE_PATTERN.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('pickup.codeFormat'))),
                    },
                  ]}
                >
                  <Input
                    size="large"
                    maxLength={6}
                    inputMode="numeric"
                    autoComplete="off"
                    placeholder="000000"
                    aria-label={t('pickup.codePlaceholder')}
                    style={{ fontFamily: 'monospace', fontSize: 28, letterSpacing: 12, textAlign: 'center' }}
                    data-testid="pickup-code"
                  />
                </Form.Item>
                <Button type="primary" size="large" block htmlType="submit" icon={<ScanOutlined />} data-testid="pickup-verify">
                  {t('pickup.verify')}
                </Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {error ? (
            <Card style={{ marginBottom: 16 }}>
              <ApiErrorAlert error={error} testId="pickup-error" />
            </Card>
          ) : latest ? (
            <Card style={{ marginBottom: 16 }} data-testid="pickup-result">
              <Result
                status="success"
                icon={<CheckCircleOutlined />}
                title={t('pickup.success')}
                subTitle={t('pickup.successDetail', { orderId: latest.orderId, count: latest.collected })}
                style={{ padding: '16px 0' }}
              />
            </Card>
          ) : null}
          <Card title={t('pickup.historyTitle')}>
            <Table<Handover>
              rowKey={(row) => `${row.orderId}-${row.at}`}
              size="small"
              pagination={false}
              dataSource={history}
              locale={{ emptyText: t('pickup.historyEmpty') }}
              data-testid="pickup-history"
              columns={[
                { title: t('pickup.time'), dataIndex: 'at', width: 150, render: (value: string) => formatDateTime(value) },
                { title: t('pickup.store'), dataIndex: 'storeName', ellipsis: true },
                {
                  title: t('pickup.orderId'),
                  dataIndex: 'orderId',
                  width: 270,
                  render: (value: string) => (
                    <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {value}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={confirming !== null}
        title={t('pickup.confirmTitle')}
        okText={t('pickup.confirmOk')}
        okButtonProps={{ 'data-testid': 'pickup-confirm' } as Record<string, string>}
        cancelText={t('common.cancel')}
        confirmLoading={submitting}
        onOk={() => void handOver()}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        {confirming ? (
          <>
            <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }} data-testid="pickup-confirm-details">
              <Descriptions.Item label={t('pickup.confirmStore')}>{storeName(confirming.storeId)}</Descriptions.Item>
              <Descriptions.Item label={t('pickup.confirmCode')}>
                <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 18, letterSpacing: 4 }}>
                  {confirming.code}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Alert type="warning" showIcon title={t('pickup.confirmNote')} />
          </>
        ) : null}
      </Modal>
    </>
  );
}
