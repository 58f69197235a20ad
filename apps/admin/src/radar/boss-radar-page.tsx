import { App, Badge, Card, Col, DatePicker, Empty, List, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useLiveRadar, type LiveRadarEvent } from './live-radar';

interface TeamRow {
  ownerUserId: string;
  ownerName: string | null;
  views: number;
  visitors: number;
  dwellSeconds: number;
  shares: number;
  forwards: number;
  productClicks: number;
  leads: number;
}

const MAX_FEED = 50;

/** 老板雷达: live activity on the team's cards (with a pop-up per event) and per-owner totals over a period. */
export function BossRadarPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { notification } = App.useApp();
  const [feed, setFeed] = useState<LiveRadarEvent[]>([]);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const [team, setTeam] = useState<{ loading: boolean; owners: TeamRow[] }>({ loading: true, owners: [] });
  const seesTeam = can('radar.team');

  const onEvent = useCallback(
    (event: LiveRadarEvent) => {
      // The feed lists what happened; a pop-up comes with each notification (a visit, a first click, a message:
      // already throttled by the server) and with anonymous visits, which have no notification of their own.
      if (event.type === 'activity') setFeed((current) => [event, ...current].slice(0, MAX_FEED));
      if (event.type === 'notification' || (event.kind === 'view' && !event.visitorId)) {
        notification.info({ message: t('radar.boss.newVisit'), description: event.text, placement: 'bottomRight', duration: 4 });
      }
    },
    [notification, t],
  );
  const { connected } = useLiveRadar(onEvent);

  useEffect(() => {
    if (!seesTeam) return;
    setTeam((current) => ({ ...current, loading: true }));
    api
      .get<{ owners: TeamRow[] }>('/admin/radar/team', { query: { from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD') } })
      .then((answer) => setTeam({ loading: false, owners: answer.owners }))
      .catch(() => setTeam({ loading: false, owners: [] }));
    // A live event changes the totals too: refresh them with the feed.
  }, [seesTeam, period, feed.length]);

  const columns: TableColumnsType<TeamRow> = [
    { title: t('radar.boss.owner'), key: 'owner', render: (_, row) => <Typography.Text strong>{row.ownerName ?? row.ownerUserId}</Typography.Text> },
    { title: t('radar.boss.views'), dataIndex: 'views', align: 'right' },
    { title: t('radar.boss.visitors'), dataIndex: 'visitors', align: 'right' },
    { title: t('radar.boss.dwell'), dataIndex: 'dwellSeconds', align: 'right', render: (seconds: number) => t('radar.boss.minutes', { minutes: Math.round(seconds / 60) }) },
    { title: t('radar.boss.shares'), dataIndex: 'shares', align: 'right' },
    { title: t('radar.boss.forwards'), dataIndex: 'forwards', align: 'right' },
    { title: t('radar.boss.clicks'), dataIndex: 'productClicks', align: 'right' },
    { title: t('radar.boss.leads'), dataIndex: 'leads', align: 'right' },
  ];

  return (
    <>
      <PageHeader title={t('radar.boss.title')} />
      <Row gutter={16}>
        <Col xs={24} lg={seesTeam ? 9 : 24}>
          <Card
            title={t('radar.boss.live')}
            extra={<Badge status={connected ? 'success' : 'processing'} text={connected ? t('radar.boss.connected') : t('radar.boss.connecting')} data-testid="radar-connection" />}
          >
            <Typography.Paragraph type="secondary">{t('radar.boss.liveHint')}</Typography.Paragraph>
            {feed.length === 0 ? (
              <Empty description={t('radar.boss.noActivity')} />
            ) : (
              <List
                size="small"
                dataSource={feed}
                data-testid="radar-feed"
                renderItem={(event, index) => (
                  <List.Item key={`${event.occurredAt}-${index}`}>
                    <List.Item.Meta title={event.text} description={formatDateTime(event.occurredAt)} />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        {seesTeam && (
          <Col xs={24} lg={15}>
            <Card
              title={t('radar.boss.team')}
              extra={<DatePicker.RangePicker allowClear={false} value={period} onChange={(value) => value?.[0] && value[1] && setPeriod([value[0], value[1]])} aria-label={t('radar.boss.period')} />}
            >
              <Table<TeamRow> rowKey="ownerUserId" size="small" columns={columns} dataSource={team.owners} loading={team.loading} pagination={false} data-testid="radar-team-table" />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('radar.boss.visitorsHint')}</Typography.Paragraph>
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
