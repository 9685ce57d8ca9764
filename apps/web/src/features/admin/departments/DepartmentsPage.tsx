import { Badge, Button, Card, Form, Input, Switch, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { departmentInputSchema, type Department } from '@kefu/shared';
import { PageHeader } from '../../../ui/PageHeader';
import { REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminList, useAdminSave } from '../useAdminResource';
import { useEditing } from '../useEditing';

interface DepartmentValues {
  name: string;
  contactName?: string;
  email?: string;
  active: boolean;
}

const shape = departmentInputSchema.shape;

export function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useAdminList<Department>('departments');
  const save = useAdminSave<DepartmentValues>('departments');
  const dialog = useEditing<Department>();
  const [form] = Form.useForm<DepartmentValues>();

  const onFinish = async (values: DepartmentValues) => {
    const input = { name: values.name, contactName: values.contactName?.trim() || undefined, email: values.email?.trim() || undefined, active: values.active };
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
        title={t('admin.departments.title')}
        subtitle={t('admin.departments.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew}>
            {t('admin.departments.create')}
          </Button>
        }
      />
      <Card>
        <Table<Department>
          rowKey="id"
          loading={departments.isLoading}
          dataSource={departments.data}
          pagination={false}
          locale={{ emptyText: t('admin.departments.empty') }}
          columns={[
            { title: t('admin.departments.name'), dataIndex: 'name' },
            { title: t('admin.departments.contactName'), dataIndex: 'contactName', width: 160, render: (v: string | null) => v ?? '—' },
            { title: t('admin.departments.email'), dataIndex: 'email', width: 220, render: (v: string | null) => v ?? '—' },
            {
              title: t('admin.departments.status'),
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
      <AdminFormModal<DepartmentValues>
        open={dialog.isOpen}
        title={dialog.row ? t('admin.departments.editTitle') : t('admin.departments.create')}
        form={form}
        loading={save.isPending}
        onCancel={dialog.close}
        onFinish={onFinish}
        initialValues={
          dialog.row
            ? { name: dialog.row.name, contactName: dialog.row.contactName ?? undefined, email: dialog.row.email ?? undefined, active: dialog.row.active }
            : { active: true }
        }
      >
        <Form.Item name="name" label={t('admin.departments.name')} rules={[REQUIRED_TEXT, zodRule(shape.name)]}>
          <Input placeholder={t('admin.departments.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="contactName" label={t('admin.departments.contactName')} rules={[zodRule(shape.contactName)]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('admin.departments.email')} rules={[zodRule(shape.email)]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('admin.departments.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      </AdminFormModal>
    </>
  );
}
