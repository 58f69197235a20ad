import { App, Button, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';

interface MySession {
  id: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** 我的登录设备: the user's live sessions on every device, with signing out one or all the others. */
export function MySessionsModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [sessions, setSessions] = useState<MySession[] | null>(null);

  const load = useCallback(async () => {
    setSessions((await api.get<{ items: MySession[] }>('/admin/me/sessions')).items);
  }, []);
  useEffect(() => {
    void load().catch(() => setSessions([]));
  }, [load]);

  const ended = async (call: Promise<{ revoked: number }>) => {
    try {
      const { revoked } = await call;
      void message.success(t('sessions.ended', { n: revoked }));
    } finally {
      await load();
    }
  };

  const columns: TableColumnsType<MySession> = [
    {
      title: t('sessions.device'),
      dataIndex: 'userAgent',
      ellipsis: true,
      render: (userAgent: string | null, session) => (
        <>
          {session.current ? (
            <Tag color="green" data-testid="session-current">
              {t('sessions.current')}
            </Tag>
          ) : null}
          <Typography.Text title={userAgent ?? undefined}>{userAgent ?? t('sessions.unknownDevice')}</Typography.Text>
        </>
      ),
    },
    { title: t('sessions.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? t('common.none') },
    { title: t('sessions.signedInAt'), dataIndex: 'createdAt', width: 160, render: (value: string) => formatDateTime(value, false) },
    { title: t('sessions.expiresAt'), dataIndex: 'expiresAt', width: 160, render: (value: string) => formatDateTime(value, false) },
    {
      key: 'actions',
      width: 90,
      render: (_: unknown, session) =>
        session.current ? null : (
          <Popconfirm title={t('sessions.endConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => ended(api.post(`/admin/me/sessions/${session.id}/end`))}>
            <Button type="link" danger size="small" data-testid="session-end">
              {t('sessions.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const others = (sessions ?? []).filter((session) => !session.current).length;
  return (
    <Modal
      open
      width={860}
      title={t('sessions.title')}
      onCancel={onClose}
      footer={
        <Popconfirm title={t('sessions.endOthersConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => ended(api.post('/admin/me/sessions/end-others'))} disabled={others === 0}>
          <Button danger disabled={others === 0} data-testid="sessions-end-others">
            {t('sessions.endOthers')}
          </Button>
        </Popconfirm>
      }
    >
      <Typography.Paragraph type="secondary">{t('sessions.intro')}</Typography.Paragraph>
      <Table<MySession> rowKey="id" size="small" loading={sessions === null} dataSource={sessions ?? []} columns={columns} pagination={false} data-testid="sessions-table" />
    </Modal>
  );
}
