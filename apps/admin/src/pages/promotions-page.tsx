import { PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { PageHeader } from '../components/page-header';
import { formatFen } from '../format';
import { useI18n, type Translate } from '../i18n';
import type { CouponTemplate, FlashSale, GroupBuyActivity } from '../promotion-types';
import { describeSku, useProducts } from '../use-product-lookup';
import { tablePagination, usePagedList, type PagedListState } from '../use-paged-list';
import { CouponFormModal } from './coupon-form-modal';
import { FlashSaleFormModal } from './flash-sale-form-modal';
import { GroupBuyFormModal } from './group-buy-form-modal';
import { describeCouponRule, WindowText } from './promotion-fields';

type Tab = 'coupons' | 'flash-sales' | 'group-buys';

/** Active or ended; an active promotion whose window has passed shows as finished, one not begun as upcoming. */
function PromotionStatus({ status, startsAt, endsAt, t }: { status: 'active' | 'ended'; startsAt?: string | null; endsAt?: string | null; t: Translate }) {
  const now = Date.now();
  if (status === 'ended') return <Tag data-status="ended">{t('promotions.status.ended')}</Tag>;
  if (endsAt && Date.parse(endsAt) <= now) return <Tag data-status="expired">{t('promotions.status.expired')}</Tag>;
  if (startsAt && Date.parse(startsAt) > now) return <Tag color="blue" data-status="upcoming">{t('promotions.status.upcoming')}</Tag>;
  return <Tag color="green" data-status="active">{t('promotions.status.active')}</Tag>;
}

/** The end button with its confirmation; the list reloads whatever the server answered. */
function EndButton({ path, title, onDone, t }: { path: string; title: string; onDone: () => void; t: Translate }) {
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={title}
      description={t('promotions.endHint')}
      okText={t('promotions.end')}
      okButtonProps={{ danger: true, 'data-testid': 'promotion-end-confirm' }}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await api.post(path);
          void message.success(t('promotions.ended'));
        } finally {
          onDone();
        }
      }}
    >
      <Button size="small" danger icon={<StopOutlined />} data-testid="promotion-end">
        {t('promotions.end')}
      </Button>
    </Popconfirm>
  );
}

const scopeTag = (merchantId: string | null, t: Translate) => (
  <Tag color={merchantId ? 'purple' : 'geekblue'}>{merchantId ? t('promotions.scope.merchant') : t('promotions.scope.platform')}</Tag>
);

/**
 * The frame every promotion tab shares: refresh and create buttons (with an optional filter on the
 * left), the paged table, and the create form that reloads the list once it saved.
 */
function PromotionTable<T extends { id: string; status: string }>(props: {
  list: PagedListState<T>;
  columns: TableColumnsType<T>;
  scrollX: number;
  tableTestId: string;
  /** The row's id attribute for tests and scripts, e.g. `data-coupon-id`. */
  rowIdAttribute: string;
  newLabel: string;
  newTestId: string;
  filter?: React.ReactNode;
  Form: (props: { onClose: () => void; onCreated: () => void }) => React.ReactNode;
}) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const { list, Form } = props;
  return (
    <>
      <Flex justify={props.filter ? 'space-between' : 'flex-end'} align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        {props.filter}
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={props.newTestId}>
            {props.newLabel}
          </Button>
        </Flex>
      </Flex>
      <Table<T>
        rowKey="id"
        columns={props.columns}
        dataSource={list.items}
        loading={list.loading}
        scroll={{ x: props.scrollX }}
        pagination={tablePagination(list, t)}
        data-testid={props.tableTestId}
        onRow={(row) => ({ [props.rowIdAttribute]: row.id, 'data-status': row.status }) as React.HTMLAttributes<HTMLElement>}
      />
      {creating ? (
        <Form
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

function CouponsPanel() {
  const { t } = useI18n();
  const [status, setStatus] = useState<'all' | 'active' | 'ended'>('all');
  const list = usePagedList<CouponTemplate>('/admin/promotions/coupons', { status: status === 'all' ? undefined : status });
  const products = useProducts(list.items.flatMap((template) => template.productIds));

  const columns: TableColumnsType<CouponTemplate> = [
    {
      title: t('promotions.name'),
      dataIndex: 'name',
      width: 190,
      render: (name: string, template) => (
        <div>
          <Typography.Text strong data-testid="coupon-row-name">{name}</Typography.Text> {scopeTag(template.merchantId, t)}
        </div>
      ),
    },
    {
      title: t('promotions.couponRule'),
      key: 'rule',
      render: (_, template) => (
        <div style={{ lineHeight: 1.6 }}>
          <Tag>{t(`promotions.kind.${template.rule.kind}`)}</Tag>
          <div data-testid="coupon-row-rule">{describeCouponRule(template.rule, t)}</div>
        </div>
      ),
    },
    {
      title: t('promotions.remainingOfTotal'),
      key: 'quantity',
      width: 130,
      render: (_, template) => (
        <div style={{ lineHeight: 1.5 }}>
          <div data-testid="coupon-row-quantity">{`${template.remainingQuantity} / ${template.totalQuantity}`}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('promotions.perUserText', { limit: template.perUserLimit })}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('promotions.validity'),
      key: 'validity',
      width: 170,
      render: (_, template) =>
        template.validDays !== null ? t('promotions.validDaysText', { days: template.validDays }) : <WindowText from={template.validFrom} until={template.validUntil} />,
    },
    {
      title: t('promotions.applicableProducts'),
      key: 'products',
      width: 150,
      render: (_, template) =>
        template.productIds.length === 0 ? (
          <Typography.Text type="secondary">{t('promotions.allProducts')}</Typography.Text>
        ) : (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: true }} style={{ margin: 0 }}>
            {template.productIds.map((id) => products[id]?.title ?? t('promotions.productLoading')).join('、')}
          </Typography.Paragraph>
        ),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 90,
      render: (_, template) => <PromotionStatus status={template.status} endsAt={template.validUntil} startsAt={null} t={t} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, template) =>
        template.status === 'active' ? (
          <EndButton path={`/admin/promotions/coupons/${encodeURIComponent(template.id)}/end`} title={t('promotions.endCouponConfirm', { name: template.name })} onDone={list.reload} t={t} />
        ) : null,
    },
  ];

  return (
    <PromotionTable
      list={list}
      columns={columns}
      scrollX={1040}
      tableTestId="coupons-table"
      rowIdAttribute="data-coupon-id"
      newLabel={t('promotions.newCoupon')}
      newTestId="coupon-new"
      Form={CouponFormModal}
      filter={
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          options={[
            { value: 'all', label: t('promotions.filter.all') },
            { value: 'active', label: t('promotions.filter.active') },
            { value: 'ended', label: t('promotions.filter.ended') },
          ]}
        />
      }
    />
  );
}

function FlashSalesPanel() {
  const { t } = useI18n();
  const list = usePagedList<FlashSale>('/admin/promotions/flash-sales', {});
  const products = useProducts(list.items.flatMap((sale) => sale.items.map((item) => item.productId)));

  const columns: TableColumnsType<FlashSale> = [
    {
      title: t('promotions.name'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, sale) => (
        <div>
          <Typography.Text strong data-testid="flash-row-name">{name}</Typography.Text> {scopeTag(sale.merchantId, t)}
        </div>
      ),
    },
    { title: t('promotions.saleWindow'), key: 'window', width: 170, render: (_, sale) => <WindowText from={sale.startsAt} until={sale.endsAt} /> },
    {
      title: t('promotions.flashItems'),
      key: 'items',
      render: (_, sale) => (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {sale.items.map((item) => {
            const sku = describeSku(products, item.productId, item.skuId);
            return (
              <div key={item.skuId} data-testid="flash-row-item" style={{ lineHeight: 1.4 }}>
                <Typography.Text>{sku ? sku.title : t('promotions.productLoading')}</Typography.Text>
                {sku?.specs ? <Typography.Text type="secondary"> · {sku.specs}</Typography.Text> : null}
                <br />
                <Typography.Text type="danger" strong data-testid="flash-row-price">{formatFen(item.flashPriceFen)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="flash-row-quota">
                  {t('promotions.quotaLeft', { remaining: item.remaining, quota: item.quota, limit: item.perUserLimit })}
                </Typography.Text>
              </div>
            );
          })}
        </div>
      ),
    },
    { title: t('common.status'), key: 'status', width: 90, render: (_, sale) => <PromotionStatus status={sale.status} startsAt={sale.startsAt} endsAt={sale.endsAt} t={t} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, sale) =>
        sale.status === 'active' && Date.parse(sale.endsAt) > Date.now() ? (
          <EndButton path={`/admin/promotions/flash-sales/${encodeURIComponent(sale.id)}/end`} title={t('promotions.endFlashConfirm', { name: sale.name })} onDone={list.reload} t={t} />
        ) : null,
    },
  ];

  return (
    <PromotionTable
      list={list}
      columns={columns}
      scrollX={1000}
      tableTestId="flash-sales-table"
      rowIdAttribute="data-flash-sale-id"
      newLabel={t('promotions.newFlashSale')}
      newTestId="flash-new"
      Form={FlashSaleFormModal}
    />
  );
}

function GroupBuysPanel() {
  const { t } = useI18n();
  const list = usePagedList<GroupBuyActivity>('/admin/promotions/group-buys', {});
  const products = useProducts(list.items.map((activity) => activity.productId));

  const columns: TableColumnsType<GroupBuyActivity> = [
    {
      title: t('promotions.name'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, activity) => (
        <div>
          <Typography.Text strong data-testid="group-row-name">{name}</Typography.Text> {scopeTag(activity.merchantId, t)}
        </div>
      ),
    },
    {
      title: t('promotions.sku'),
      key: 'sku',
      render: (_, activity) => {
        const sku = describeSku(products, activity.productId, activity.skuId);
        return sku ? (
          <span>
            {sku.title}
            {sku.specs ? <Typography.Text type="secondary"> · {sku.specs}</Typography.Text> : null}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('promotions.productLoading')}</Typography.Text>
        );
      },
    },
    {
      title: t('promotions.groupPrice'),
      dataIndex: 'groupPriceFen',
      width: 110,
      align: 'right',
      render: (value: string | number) => <Typography.Text type="danger" strong>{formatFen(value)}</Typography.Text>,
    },
    { title: t('promotions.groupSize'), dataIndex: 'groupSize', width: 90, align: 'right', render: (value: number) => t('promotions.people', { count: value }) },
    {
      title: t('promotions.timeLimit'),
      dataIndex: 'timeLimitMinutes',
      width: 110,
      align: 'right',
      render: (minutes: number) => (minutes % 60 === 0 ? t('promotions.hours', { count: minutes / 60 }) : t('promotions.minutes', { count: minutes })),
    },
    { title: t('promotions.offerWindow'), key: 'window', width: 170, render: (_, activity) => <WindowText from={activity.startsAt} until={activity.endsAt} /> },
    { title: t('common.status'), key: 'status', width: 90, render: (_, activity) => <PromotionStatus status={activity.status} startsAt={activity.startsAt} endsAt={activity.endsAt} t={t} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, activity) =>
        activity.status === 'active' && Date.parse(activity.endsAt) > Date.now() ? (
          <EndButton path={`/admin/promotions/group-buys/${encodeURIComponent(activity.id)}/end`} title={t('promotions.endGroupConfirm', { name: activity.name })} onDone={list.reload} t={t} />
        ) : null,
    },
  ];

  return (
    <PromotionTable
      list={list}
      columns={columns}
      scrollX={1060}
      tableTestId="group-buys-table"
      rowIdAttribute="data-group-buy-id"
      newLabel={t('promotions.newGroupBuy')}
      newTestId="group-new"
      Form={GroupBuyFormModal}
    />
  );
}

/** 营销活动: coupon templates, flash sales and group-buy offers of the caller's scope. */
export function PromotionsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('coupons');
  return (
    <>
      <PageHeader title={t('promotions.title')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as Tab)}
          destroyOnHidden
          items={[
            { key: 'coupons', label: <span data-testid="promotions-tab-coupons">{t('promotions.tab.coupons')}</span>, children: <CouponsPanel /> },
            { key: 'flash-sales', label: <span data-testid="promotions-tab-flash">{t('promotions.tab.flashSales')}</span>, children: <FlashSalesPanel /> },
            { key: 'group-buys', label: <span data-testid="promotions-tab-group">{t('promotions.tab.groupBuys')}</span>, children: <GroupBuysPanel /> },
          ]}
        />
      </Card>
    </>
  );
}
