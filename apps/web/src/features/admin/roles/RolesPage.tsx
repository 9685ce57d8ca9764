import { Button, Card, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Role } from '@kefu/shared';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminDelete, useAdminList } from '../useAdminResource';
import { useEditing } from '../useEditing';
import { RoleFormModal } from './RoleFormModal';

export function RolesPage() {
  const { t, i18n } = useTranslation();
  const roles = useAdminList<Role>('roles');
  const remove = useAdminDelete('roles');
  const dialog = useEditing<Role>();

  const columns: ColumnsType<Role> = [
    {
      title: t('admin.roles.name'),
      key: 'name',
      render: (_, r) => (
        <Space>
          {i18n.language === 'en' ? r.nameEn : r.nameZh}
          {r.builtin && <Tag>{t('admin.builtin')}</Tag>}
        </Space>
      ),
    },
    { title: t('admin.roles.key'), dataIndex: 'key', width: 160, render: (k: string) => <code>{k}</code> },
    { title: t('admin.roles.permissionCount'), key: 'perms', width: 120, align: 'right', render: (_, r) => r.permissions.length },
    { title: t('admin.roles.userCount'), dataIndex: 'userCount', width: 100, align: 'right' },
    {
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space>
          <Button type="link" icon={<EditOutlined />} onClick={() => dialog.openEdit(r)}>
            {t('common.edit')}
          </Button>
          {!r.builtin && (
            <Tooltip title={r.userCount > 0 ? t('admin.roles.inUse') : undefined}>
              <Popconfirm title={t('admin.roles.deleteConfirm')} onConfirm={() => remove.mutate(r.id)} disabled={r.userCount > 0}>
                <Button type="link" danger icon={<DeleteOutlined />} disabled={r.userCount > 0}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('admin.roles.title')}
        subtitle={t('admin.roles.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew}>
            {t('admin.roles.create')}
          </Button>
        }
      />
      <Card>
        <Table<Role> rowKey="id" columns={columns} dataSource={roles.data} loading={roles.isLoading} pagination={false} />
      </Card>
      {dialog.isOpen && <RoleFormModal role={dialog.row} onClose={dialog.close} />}
    </>
  );
}
