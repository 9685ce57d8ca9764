import { Button, Card, Form, Input, Select, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { teamInputSchema, type Team } from '@kefu/shared';
import { PageHeader } from '../../../ui/PageHeader';
import { REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminList, useAdminSave } from '../useAdminResource';
import { useEditing } from '../useEditing';

interface TeamValues {
  name: string;
  leaderId?: number | null;
}

export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useAdminList<Team>('teams');
  const save = useAdminSave<TeamValues>('teams');
  const dialog = useEditing<Team>();
  const [form] = Form.useForm<TeamValues>();
  const { userName, userOptions } = useDirectoryLookup();

  const onFinish = async (values: TeamValues) => {
    try {
      await save.mutateAsync({ id: dialog.row?.id, input: { name: values.name, leaderId: values.leaderId ?? null } });
      dialog.close();
    } catch {
      // Reported by the mutation cache.
    }
  };

  return (
    <>
      <PageHeader
        title={t('admin.teams.title')}
        subtitle={t('admin.teams.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew} data-testid="team-create">
            {t('admin.teams.create')}
          </Button>
        }
      />
      <Card>
        <Table<Team>
          rowKey="id"
          loading={teams.isLoading}
          dataSource={teams.data}
          pagination={false}
          locale={{ emptyText: t('admin.teams.empty') }}
          data-testid="team-table"
          columns={[
            { title: t('admin.teams.name'), dataIndex: 'name' },
            { title: t('admin.teams.leader'), dataIndex: 'leaderId', width: 200, render: (id: number | null) => userName(id) || '—' },
            { title: t('admin.teams.memberCount'), dataIndex: 'memberCount', width: 120, align: 'right' },
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
      <AdminFormModal<TeamValues>
        open={dialog.isOpen}
        title={dialog.row ? t('admin.teams.editTitle') : t('admin.teams.create')}
        form={form}
        loading={save.isPending}
        onCancel={dialog.close}
        onFinish={onFinish}
        initialValues={dialog.row ? { name: dialog.row.name, leaderId: dialog.row.leaderId } : {}}
        testId="team-form"
      >
        <Form.Item name="name" label={t('admin.teams.name')} rules={[REQUIRED_TEXT, zodRule(teamInputSchema.shape.name)]}>
          <Input placeholder={t('admin.teams.namePlaceholder')} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="leaderId" label={t('admin.teams.leader')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={userOptions} data-testid="team-leader" />
        </Form.Item>
      </AdminFormModal>
    </>
  );
}
