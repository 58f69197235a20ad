import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api } from '../api';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import type { Category, CategoryNode } from '../promotion-types';
import { useModalAction } from '../use-modal-action';

interface CategoryValues {
  parentId?: string | null;
  nameZh: string;
  nameEn: string;
  sortOrder?: number;
  iconUrl?: string;
}

interface Props {
  /** The category to edit, or null to create one. */
  category: Category | null;
  /** For a new category: its parent (null for a top-level one). */
  parentId?: string | null;
  tree: CategoryNode[];
  onClose: () => void;
  onSaved: () => void;
}

const HTTP_URL = /^https?:\/\/\S+$/;

/**
 * Creates or edits a category of the two-level tree. A top-level category with children stays
 * top-level (the API refuses a third level), so only childless ones may move under a parent.
 */
export function CategoryFormModal({ category, parentId, tree, onClose, onSaved }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryValues>();
  const { submitting, error, run } = useModalAction();
  const hasChildren = category ? (tree.find((node) => node.id === category.id)?.children.length ?? 0) > 0 : false;
  const parents = tree.filter((node) => node.id !== category?.id);
  const nameOf = (node: Category) => (locale === 'zh-CN' ? node.nameZh : node.nameEn);

  const handleOk = async () => {
    const values = await form.validateFields();
    const body = {
      parentId: values.parentId ?? null,
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
      iconUrl: values.iconUrl?.trim() ? values.iconUrl.trim() : null,
    };
    await run(
      () =>
        category
          ? api.patch<Category>(`/admin/categories/${encodeURIComponent(category.id)}`, body, { silent: true })
          : api.post<Category>('/admin/categories', body, { silent: true }),
      () => {
        void message.success(t('categories.saved'));
        onSaved();
      },
    );
  };

  return (
    <Modal
      open
      title={category ? t('categories.editTitle') : t('categories.newTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'category-submit' }}
      confirmLoading={submitting}
      onOk={() => void handleOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} testId="category-error" showDetails={false} />
      <Form
        form={form}
        layout="vertical"
        data-testid="category-form"
        initialValues={
          category
            ? { parentId: category.parentId, nameZh: category.nameZh, nameEn: category.nameEn, sortOrder: category.sortOrder, iconUrl: category.iconUrl ?? '' }
            : { parentId: parentId ?? null }
        }
      >
        <Form.Item name="parentId" label={t('categories.parent')} extra={hasChildren ? t('categories.hasChildrenHint') : undefined}>
          <Select
            disabled={hasChildren}
            data-testid="category-parent"
            options={[{ value: null, label: t('categories.topLevel') }, ...parents.map((node) => ({ value: node.id, label: nameOf(node) }))]}
          />
        </Form.Item>
        <Form.Item name="nameZh" label={t('categories.nameZh')} rules={[{ required: true, whitespace: true, message: t('categories.nameRequired') }, { max: 20, message: t('categories.nameZhLength') }]}>
          <Input maxLength={20} showCount data-testid="category-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('categories.nameEn')} rules={[{ required: true, whitespace: true, message: t('categories.nameRequired') }, { max: 50, message: t('categories.nameEnLength') }]}>
          <Input maxLength={50} data-testid="category-name-en" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('categories.sortOrder')} extra={t('categories.sortOrderHint')}>
          <InputNumber min={0} max={10_000} precision={0} style={{ width: 160 }} data-testid="category-sort" />
        </Form.Item>
        <Form.Item
          name="iconUrl"
          label={t('categories.iconUrl')}
          rules={[{ validator: (_, value: string | undefined) => (!value?.trim() || HTTP_URL.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('categories.urlInvalid')))) }]}
        >
          <Input maxLength={500} placeholder="https://" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
