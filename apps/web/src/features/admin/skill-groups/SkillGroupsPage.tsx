import { Button, Card, Form, Input, Select, Table, Tag, Tooltip } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_STRATEGIES, skillGroupInputSchema, type AssignmentStrategy, type SkillGroup } from '@kefu/shared';
import { PageHeader } from '../../../ui/PageHeader';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminList, useAdminSave } from '../useAdminResource';
import { useEditing } from '../useEditing';

interface SkillGroupValues {
  name: string;
  strategy: AssignmentStrategy;
  memberIds: number[];
}

export function SkillGroupsPage() {
  const { t } = useTranslation();
  const groups = useAdminList<SkillGroup>('skill-groups');
  const save = useAdminSave<SkillGroupValues>('skill-groups');
  const dialog = useEditing<SkillGroup>();
  const [form] = Form.useForm<SkillGroupValues>();
  const { userName, userOptions } = useDirectoryLookup();

  const onFinish = async (values: SkillGroupValues) => {
    try {
      await save.mutateAsync({ id: dialog.row?.id, input: { ...values, memberIds: values.memberIds ?? [] } });
      dialog.close();
    } catch {
      // Reported by the mutation cache.
    }
  };

  return (
    <>
      <PageHeader
        title={t('admin.skillGroups.title')}
        subtitle={t('admin.skillGroups.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew}>
            {t('admin.skillGroups.create')}
          </Button>
        }
      />
      <Card>
        <Table<SkillGroup>
          rowKey="id"
          loading={groups.isLoading}
          dataSource={groups.data}
          pagination={false}
          locale={{ emptyText: t('admin.skillGroups.empty') }}
          columns={[
            { title: t('admin.skillGroups.name'), dataIndex: 'name', width: 200 },
            {
              title: t('admin.skillGroups.strategy'),
              dataIndex: 'strategy',
              width: 150,
              render: (s: AssignmentStrategy) => (
                <Tooltip title={t(`strategyHint.${s}`)}>
                  <Tag color={s === 'manual' ? 'default' : 'blue'}>{t(`strategy.${s}`)}</Tag>
                </Tooltip>
              ),
            },
            {
              title: t('admin.skillGroups.members'),
              dataIndex: 'memberIds',
              render: (ids: number[]) =>
                ids.length ? (
                  <span>
                    {ids.slice(0, 8).map((id) => (
                      <Tag key={id}>{userName(id)}</Tag>
                    ))}
                    {ids.length > 8 && <span className="kefu-muted">{t('admin.skillGroups.more', { count: ids.length - 8 })}</span>}
                  </span>
                ) : (
                  <span className="kefu-muted">{t('admin.skillGroups.noMembers')}</span>
                ),
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
      <AdminFormModal<SkillGroupValues>
        open={dialog.isOpen}
        title={dialog.row ? t('admin.skillGroups.editTitle') : t('admin.skillGroups.create')}
        form={form}
        loading={save.isPending}
        onCancel={dialog.close}
        onFinish={onFinish}
        width={620}
        initialValues={dialog.row ? { name: dialog.row.name, strategy: dialog.row.strategy, memberIds: dialog.row.memberIds } : { strategy: 'round_robin', memberIds: [] }}
      >
        <Form.Item name="name" label={t('admin.skillGroups.name')} rules={[REQUIRED_TEXT, zodRule(skillGroupInputSchema.shape.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="strategy" label={t('admin.skillGroups.strategy')} rules={[REQUIRED]}>
          <Select options={ASSIGNMENT_STRATEGIES.map((s) => ({ value: s, label: `${t(`strategy.${s}`)} — ${t(`strategyHint.${s}`)}` }))} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('admin.skillGroups.members')}>
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={userOptions} />
        </Form.Item>
      </AdminFormModal>
    </>
  );
}
