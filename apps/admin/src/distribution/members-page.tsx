import { AccountBookOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { MemberName } from './member-name';
import { MemberTree, RoleTag } from './member-tree';
import type { DistributionMember, MemberDetail } from './types';

/** 会员关系: find a member by phone or name, then their referral tree and team tree side by side. */
export function DistributionMembersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [results, setResults] = useState<DistributionMember[] | null>(null);
  const [searching, setSearching] = useState(false);
  const selectedId = params.get('member');
  const [detail, setDetail] = useState<MemberDetail | null>(null);

  const search = async (text: string) => {
    const q = text.trim();
    if (!q) return;
    setSearching(true);
    try {
      const found = await api.get<{ items: DistributionMember[] }>('/admin/distribution/members', { query: { q } });
      setResults(found.items);
      if (found.items.length === 1) setParams({ q, member: found.items[0]!.memberId });
      else setParams({ q });
    } catch {
      setResults([]);
    } finally {
      setSearching(false);
    }
  };

  useEffect(() => {
    const q = params.get('q');
    if (q && results === null) void search(q);
    // Only the first render restores a search from the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!selectedId) {
      setDetail(null);
      return;
    }
    let live = true;
    api
      .get<MemberDetail>(`/admin/distribution/members/${selectedId}`)
      .then((value) => live && setDetail(value))
      .catch(() => live && setDetail(null));
    return () => {
      live = false;
    };
  }, [selectedId]);

  const columns: TableColumnsType<DistributionMember> = [
    { title: t('dist.member'), dataIndex: 'displayName', render: (name: string | null, row) => <MemberName id={row.memberId} name={name ?? t('dist.unknownMember')} phone={row.phoneMasked} /> },
    { title: t('members.role'), dataIndex: 'role', width: 100, render: (role: DistributionMember['role']) => <RoleTag role={role} /> },
    { title: t('members.activeReferrals'), dataIndex: 'activeReferralCount', width: 110, align: 'right' },
    { title: t('members.referrer'), dataIndex: 'referrerId', width: 160, render: (id: string | null) => <MemberName id={id} /> },
  ];

  const member = detail?.member;
  const person = (id: string | null) => (id ? detail?.people?.[id] : undefined);
  const displayName = person(selectedId)?.displayName ?? results?.find((row) => row.memberId === selectedId)?.displayName;

  return (
    <>
      <PageHeader title={t('members.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t('members.search')}
          enterButton={t('members.searchButton')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onSearch={(value) => void search(value)}
          loading={searching}
          allowClear
          style={{ maxWidth: 480 }}
          data-testid="members-search"
        />
        {results !== null ? (
          <Table<DistributionMember>
            style={{ marginTop: 16 }}
            size="small"
            rowKey="memberId"
            columns={columns}
            dataSource={results}
            pagination={false}
            data-testid="members-results"
            onRow={(row) => ({
              onClick: () => setParams({ q: query, member: row.memberId }),
              style: { cursor: 'pointer', background: row.memberId === selectedId ? '#e6f4ff' : undefined },
            })}
            locale={{ emptyText: <Empty description={t('members.noResults')} /> }}
          />
        ) : null}
      </Card>
      {member && detail ? (
        <>
          <Card
            style={{ marginBottom: 16 }}
            title={
              <Space>
                <MemberName id={member.memberId} name={displayName ?? undefined} phone={person(member.memberId)?.phoneMasked} testId="member-detail-name" />
                <RoleTag role={member.role} />
              </Space>
            }
            extra={
              can('commission.read') ? (
                <Space>
                  <Button icon={<UnorderedListOutlined />} onClick={() => navigate(`/distribution/reward-lines?memberId=${member.memberId}`)}>
                    {t('members.rewardLines')}
                  </Button>
                  <Button icon={<AccountBookOutlined />} onClick={() => navigate(`/distribution/statements?memberId=${member.memberId}`)}>
                    {t('members.statement')}
                  </Button>
                </Space>
              ) : null
            }
            data-testid="member-detail"
          >
            <Descriptions size="small" column={{ xs: 1, md: 3, xl: 4 }}>
              <Descriptions.Item label={t('members.referrals')}>
                <span data-testid="member-referral-count">{detail.referralCount}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('members.team')}>
                <span data-testid="member-team-count">{detail.teamCount}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('members.brokeAway')}>{detail.brokeAwayCount}</Descriptions.Item>
              <Descriptions.Item label={t('members.activeReferrals')}>{member.activeReferralCount}</Descriptions.Item>
              <Descriptions.Item label={t('members.referrer')}>
                <MemberName id={member.referrerId} name={person(member.referrerId)?.displayName} phone={person(member.referrerId)?.phoneMasked} />
              </Descriptions.Item>
              <Descriptions.Item label={t('members.teamBoss')}>
                <MemberName id={member.teamBossId} name={person(member.teamBossId)?.displayName} />
              </Descriptions.Item>
              <Descriptions.Item label={t('members.slots')}>
                {member.contributionSlots.length ? (
                  <Space size={4} wrap>
                    {member.contributionSlots.map((slot) => (
                      <MemberName key={slot} id={slot} name={person(slot)?.displayName} />
                    ))}
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('members.flags')}>
                {member.flags.length ? member.flags.map((flag) => <Tag key={flag} color="orange">{flag}</Tag>) : '—'}
              </Descriptions.Item>
            </Descriptions>
            {detail.reviewFlags.length ? (
              <List
                size="small"
                header={<Typography.Text strong>{t('members.reviewFlags')}</Typography.Text>}
                dataSource={detail.reviewFlags}
                renderItem={(flag) => (
                  <List.Item>
                    <Space>
                      <Tag color="orange">{flag.reason}</Tag>
                      <Typography.Text type="secondary">{formatDateTime(flag.createdAt, false)}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : null}
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={`${t('members.referralTree')} · ${detail.referralCount}`} size="small">
                <MemberTree rootId={member.memberId} tree="referral" testId="referral-tree" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={`${t('members.teamTree')} · ${detail.teamCount}`} size="small">
                <MemberTree rootId={member.memberId} tree="team" testId="team-tree" />
              </Card>
            </Col>
          </Row>
        </>
      ) : (
        <Card>
          <Empty description={t('members.pickHint')} />
        </Card>
      )}
    </>
  );
}
