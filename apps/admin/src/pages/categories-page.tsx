import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, isAbortError } from '../api';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import type { Category, CategoryNode } from '../promotion-types';
import { CategoryFormModal } from './category-form-modal';

type Row = Category & { children?: Row[] };

/** 类目管理: the platform's two-level category tree, in display order. */
export function CategoriesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [tree, setTree] = useState<CategoryNode[]>([]);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<{ category: Category | null; parentId: string | null } | null>(null);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  // Every parent starts expanded, including one that just got its first child; a click folds it.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<CategoryNode[]>('/admin/categories', { signal: controller.signal })
      .then((result) => {
        setTree(result);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setLoading(false);
      });
    return () => controller.abort();
  }, [version]);

  const remove = async (category: Category) => {
    try {
      await api.delete(`/admin/categories/${encodeURIComponent(category.id)}`);
      void message.success(t('categories.deleted'));
    } finally {
      reload();
    }
  };

  // Leaves carry no `children` key at all, or the table would offer to expand them.
  const leaf = ({ id, parentId, nameZh, nameEn, sortOrder, iconUrl }: Category): Row => ({ id, parentId, nameZh, nameEn, sortOrder, iconUrl });
  const rows: Row[] = tree.map((node) => ({ ...leaf(node), ...(node.children.length ? { children: node.children.map(leaf) } : {}) }));
  const columns: TableColumnsType<Row> = [
    {
      title: t('categories.nameZh'),
      dataIndex: 'nameZh',
      render: (name: string, category) => (
        <Typography.Text strong={category.parentId === null} data-testid="category-name">
          {name}
        </Typography.Text>
      ),
    },
    { title: t('categories.nameEn'), dataIndex: 'nameEn' },
    { title: t('categories.sortOrder'), dataIndex: 'sortOrder', width: 100, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_, category) => (
        <Space size={4}>
          {category.parentId === null ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ category: null, parentId: category.id })} data-testid="category-add-child">
              {t('categories.addChild')}
            </Button>
          ) : null}
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ category, parentId: category.parentId })} data-testid="category-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('categories.deleteConfirm', { name: category.nameZh })}
            description={t('categories.deleteHint')}
            okText={t('categories.delete')}
            okButtonProps={{ danger: true, 'data-testid': 'category-delete-confirm' }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(category).catch(() => undefined)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="category-delete">
              {t('categories.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('categories.title')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ category: null, parentId: null })} data-testid="category-new">
              {t('categories.newTopLevel')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('categories.note')}</Typography.Paragraph>
        <Table<Row>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          expandable={{
            expandedRowKeys: rows.filter((row) => row.children && !collapsed.has(row.id)).map((row) => row.id),
            onExpand: (expanded, row) =>
              setCollapsed((previous) => {
                const next = new Set(previous);
                if (expanded) next.delete(row.id);
                else next.add(row.id);
                return next;
              }),
          }}
          data-testid="categories-table"
          onRow={(category) => ({ 'data-category-id': category.id }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      {editing ? (
        <CategoryFormModal
          category={editing.category}
          parentId={editing.parentId}
          tree={tree}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
