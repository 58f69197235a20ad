import { EyeInvisibleOutlined, MessageOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Image, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { Review } from '../promotion-types';
import { useProducts } from '../use-product-lookup';
import { tablePagination, usePagedList } from '../use-paged-list';
import { ReviewTextModal } from './review-text-modal';

/** 评价管理: reviews in the caller's scope; sellers reply once, the platform hides with a reason. */
export function ReviewsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can, user } = useAuth();
  const [rating, setRating] = useState<number | undefined>();
  const [status, setStatus] = useState<'visible' | 'hidden' | undefined>();
  const [replied, setReplied] = useState<'true' | 'false' | undefined>();
  const [acting, setActing] = useState<{ review: Review; mode: 'reply' | 'hide' } | null>(null);
  const list = usePagedList<Review>('/admin/reviews', { rating, status, replied });
  const products = useProducts(list.items.map((review) => review.productId));
  // Sellers (the merchant who sold, the supplier who supplied) reply; platform staff moderate.
  const kind = user?.organization?.kind;
  const canReply = can('after_sales.handle') && (kind === 'merchant' || kind === 'supplier');
  const canHide = can('catalog.review');

  const columns: TableColumnsType<Review> = [
    {
      title: t('reviews.product'),
      key: 'product',
      width: 200,
      render: (_, review) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{products[review.productId]?.title ?? t('promotions.productLoading')}</div>
          {review.specs ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{review.specs}</Typography.Text> : null}
        </div>
      ),
    },
    {
      title: t('reviews.review'),
      key: 'review',
      render: (_, review) => (
        <div style={{ lineHeight: 1.5 }}>
          <Flex gap={8} align="center">
            <Rate disabled value={review.rating} style={{ fontSize: 14 }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {review.buyerName}
              {review.anonymous ? ` · ${t('reviews.anonymous')}` : ''}
            </Typography.Text>
          </Flex>
          <Typography.Paragraph style={{ margin: '4px 0' }} ellipsis={{ rows: 3, expandable: true, symbol: t('reviews.more') }} data-testid="review-content">
            {review.content || <Typography.Text type="secondary">{t('reviews.noContent')}</Typography.Text>}
          </Typography.Paragraph>
          {review.photoUrls.length ? (
            <Image.PreviewGroup>
              <Space size={4} wrap>
                {review.photoUrls.map((url) => (
                  <Image key={url} src={url} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : null}
          {review.reply ? (
            <div style={{ marginTop: 6, padding: '6px 10px', background: '#f5f5f5', borderRadius: 4 }} data-testid="review-reply">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reviews.sellerReply', { at: formatDateTime(review.reply.repliedAt, false) })}
              </Typography.Text>
              <div>{review.reply.content}</div>
            </div>
          ) : null}
          {review.status === 'hidden' && review.hiddenReason ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('reviews.hiddenBecause', { reason: review.hiddenReason })}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t('reviews.createdAt'), dataIndex: 'createdAt', width: 135, render: (value: string) => formatDateTime(value, false) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (value: Review['status']) => <Tag color={value === 'visible' ? 'green' : 'default'}>{t(`reviews.status.${value}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, review) => (
        <Space direction="vertical" size={4}>
          {canReply && !review.reply ? (
            <Button size="small" icon={<MessageOutlined />} onClick={() => setActing({ review, mode: 'reply' })} data-testid="review-reply-open">
              {t('reviews.reply')}
            </Button>
          ) : null}
          {canHide && review.status === 'visible' ? (
            <Button size="small" danger icon={<EyeInvisibleOutlined />} onClick={() => setActing({ review, mode: 'hide' })} data-testid="review-hide-open">
              {t('reviews.hide')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('reviews.title')} />
      <Card>
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('reviews.filterRating')}
              value={rating}
              onChange={setRating}
              options={[5, 4, 3, 2, 1].map((value) => ({ value, label: t('reviews.stars', { count: value }) }))}
            />
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('reviews.filterStatus')}
              value={status}
              onChange={setStatus}
              options={[
                { value: 'visible', label: t('reviews.status.visible') },
                { value: 'hidden', label: t('reviews.status.hidden') },
              ]}
            />
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('reviews.filterReplied')}
              value={replied}
              onChange={setReplied}
              options={[
                { value: 'false', label: t('reviews.notReplied') },
                { value: 'true', label: t('reviews.replied') },
              ]}
            />
          </Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
        </Flex>
        <Table<Review>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 900 }}
          pagination={tablePagination(list, t)}
          data-testid="reviews-table"
          locale={{ emptyText: t('reviews.empty') }}
          onRow={(review) => ({ 'data-review-id': review.id, 'data-status': review.status }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      {acting ? (
        <ReviewTextModal
          review={acting.review}
          mode={acting.mode}
          onClose={() => setActing(null)}
          onStale={list.reload}
          onDone={() => {
            void message.success(acting.mode === 'reply' ? t('reviews.replied') : t('reviews.hiddenDone'));
            setActing(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
