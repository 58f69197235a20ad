import { AimOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { Translate } from '../i18n';
import type { NearbyStore } from '../types';

interface NearbyQuery {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/** The People's Square in Shanghai: a start point when the account has no store of its own. */
const FALLBACK_POINT = { latitude: 31.2304, longitude: 121.4737 };

export function formatDistance(t: Translate, meters: number): string {
  if (meters < 1000) return t('stores.meters', { value: meters });
  // One decimal from integer arithmetic: 1234 m → "1.2".
  const tenths = Math.round(meters / 100);
  return t('stores.kilometers', { value: `${Math.floor(tenths / 10)}.${tenths % 10}` });
}

/**
 * The consumer's "nearest store" search from the console, without a map: a point and a radius in,
 * open stores by distance out. Starts from the given point (the account's first store).
 */
export function NearbyStoresCard({ start, merchantNames }: { start?: { latitude: number; longitude: number }; merchantNames: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NearbyQuery>();
  const [results, setResults] = useState<NearbyStore[] | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!start || form.isFieldsTouched()) return;
    form.setFieldsValue({ latitude: start.latitude, longitude: start.longitude });
  }, [start, form]);

  const search = async () => {
    const values = await form.validateFields();
    setLoading(true);
    try {
      const response = await api.get<{ items: NearbyStore[] }>('/shop/stores/nearby', { query: { ...values } });
      setResults(response.items);
    } catch {
      // Reported by the API client.
    } finally {
      setLoading(false);
    }
  };

  const locateMe = () => {
    if (!navigator.geolocation) {
      void message.warning(t('stores.locationUnavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.setFieldsValue({
          latitude: Number(position.coords.latitude.toFixed(6)),
          longitude: Number(position.coords.longitude.toFixed(6)),
        });
        void search().catch(() => undefined);
      },
      () => void message.warning(t('stores.locationUnavailable')),
      { timeout: 10_000 },
    );
  };

  return (
    <Card title={t('stores.nearbyTitle')} style={{ marginTop: 16 }} data-testid="nearby-stores">
      <Typography.Paragraph type="secondary">{t('stores.nearbyHint')}</Typography.Paragraph>
      <Form<NearbyQuery>
        form={form}
        layout="inline"
        initialValues={{ ...FALLBACK_POINT, radiusKm: 3 }}
        onFinish={() => void search().catch(() => undefined)}
        style={{ rowGap: 8, marginBottom: 16 }}
      >
        <Form.Item name="latitude" label={t('stores.latitude')} rules={[{ required: true, type: 'number', min: -90, max: 90 }]}>
          <InputNumber step={0.001} precision={6} style={{ width: 150 }} data-testid="nearby-latitude" />
        </Form.Item>
        <Form.Item name="longitude" label={t('stores.longitude')} rules={[{ required: true, type: 'number', min: -180, max: 180 }]}>
          <InputNumber step={0.001} precision={6} style={{ width: 150 }} data-testid="nearby-longitude" />
        </Form.Item>
        <Form.Item name="radiusKm" label={t('stores.radiusKm')} rules={[{ required: true, type: 'number', min: 0.1, max: 50 }]}>
          <InputNumber min={0.1} max={50} step={1} style={{ width: 100 }} data-testid="nearby-radius" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} data-testid="nearby-search">
            {t('stores.search')}
          </Button>
          <Button icon={<AimOutlined />} onClick={locateMe}>
            {t('stores.useMyLocation')}
          </Button>
        </Space>
      </Form>
      {results ? (
        <Table<NearbyStore>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={results}
          locale={{ emptyText: t('stores.nearbyEmpty') }}
          data-testid="nearby-table"
          columns={[
            {
              title: t('stores.name'),
              dataIndex: 'name',
              render: (name: string, store) => (
                <>
                  <Typography.Text strong>{name}</Typography.Text>
                  {merchantNames.get(store.merchantId) ? (
                    <>
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {merchantNames.get(store.merchantId)}
                      </Typography.Text>
                    </>
                  ) : null}
                </>
              ),
            },
            { title: t('stores.address'), key: 'address', render: (_, store) => `${store.city}${store.district} ${store.address}` },
            { title: t('stores.phone'), dataIndex: 'phone', width: 140, render: (value: string | null) => value ?? t('common.none') },
            {
              title: t('stores.distance'),
              dataIndex: 'distanceMeters',
              width: 110,
              align: 'right',
              render: (value: number) => <span data-testid="nearby-distance">{formatDistance(t, value)}</span>,
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
