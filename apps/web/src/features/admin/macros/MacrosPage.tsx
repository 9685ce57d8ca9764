import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MACRO_CATEGORIES, macroInputSchema, type Macro, type MacroInput } from '@kefu/shared';
import { PageHeader } from '../../../ui/PageHeader';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminList, useAdminSave } from '../useAdminResource';
import { useEditing } from '../useEditing';

type Category = (typeof MACRO_CATEGORIES)[number];
const shape = macroInputSchema.shape;

/** 话术库: standard phrases and unified answers agents insert into notes and answers. */
export function MacrosPage() {
  const { t } = useTranslation();
  const macros = useAdminList<Macro>('macros');
  const save = useAdminSave<MacroInput | (Partial<MacroInput> & { version: number })>('macros');
  const dialog = useEditing<Macro>();
  const [form] = Form.useForm<MacroInput>();
  const [category, setCategory] = useState<Category | undefined>();
  const [search, setSearch] = useState('');

  const rows = useMemo(() => {
    const needle = search.trim();
    return (macros.data ?? []).filter((m) => (!category || m.category === category) && (!needle || m.title.includes(needle) || m.body.includes(needle)));
  }, [macros.data, category, search]);

  const onFinish = async (values: MacroInput) => {
    const input = dialog.row ? { ...values, version: dialog.row.version } : values;
    try {
      await save.mutateAsync({ id: dialog.row?.id, input });
      dialog.close();
    } catch {
      // Reported by the mutation cache.
    }
  };

  return (
    <>
      <PageHeader
        title={t('admin.macros.title')}
        subtitle={t('admin.macros.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew}>
            {t('admin.macros.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} wrap className="kefu-filter-bar">
          <Input.Search allowClear placeholder={t('admin.macros.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
          <Select
            allowClear
            placeholder={t('admin.macros.category')}
            value={category}
            onChange={setCategory}
            options={MACRO_CATEGORIES.map((c) => ({ value: c, label: t(`macroCategory.${c}`) }))}
            style={{ width: 180 }}
          />
        </Flex>
        <Table<Macro>
          rowKey="id"
          loading={macros.isLoading}
          dataSource={rows}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('admin.macros.empty') }}
          columns={[
            { title: t('admin.macros.category'), dataIndex: 'category', width: 140, render: (c: Category) => <Tag>{t(`macroCategory.${c}`)}</Tag> },
            { title: t('admin.macros.titleLabel'), dataIndex: 'title', width: 220 },
            {
              title: t('admin.macros.body'),
              dataIndex: 'body',
              render: (body: string) => (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                  {body}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('admin.macros.status'),
              dataIndex: 'active',
              width: 100,
              render: (a: boolean) => <Badge status={a ? 'success' : 'default'} text={a ? t('common.active') : t('common.inactive')} />,
            },
            {
              key: 'actions',
              width: 100,
              render: (_, row) => (
                <Button type="link" icon={<EditOutlined />} onClick={() => dialog.openEdit(row)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <AdminFormModal<MacroInput>
        open={dialog.isOpen}
        width={640}
        title={dialog.row ? t('admin.macros.editTitle') : t('admin.macros.create')}
        form={form}
        loading={save.isPending}
        onCancel={dialog.close}
        onFinish={onFinish}
        initialValues={dialog.row ? { category: dialog.row.category, title: dialog.row.title, body: dialog.row.body, active: dialog.row.active } : { category: 'unified_answer', active: true }}
      >
        <Form.Item name="category" label={t('admin.macros.category')} rules={[REQUIRED]}>
          <Select options={MACRO_CATEGORIES.map((c) => ({ value: c, label: t(`macroCategory.${c}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('admin.macros.titleLabel')} rules={[REQUIRED_TEXT, zodRule(shape.title)]}>
          <Input placeholder={t('admin.macros.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="body" label={t('admin.macros.body')} rules={[REQUIRED_TEXT, zodRule(shape.body)]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t('admin.macros.bodyPlaceholder')} />
        </Form.Item>
        <Form.Item name="active" label={t('admin.macros.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      </AdminFormModal>
    </>
  );
}
