import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Input, Select, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '@kefu/shared';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { useAdminList } from '../useAdminResource';
import { useEditing } from '../useEditing';
import { UserFormModal } from './UserFormModal';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const users = useAdminList<User>('users');
  const roles = useAdminList<Role>('roles');
  const { teamName, skillGroupName } = useDirectoryLookup();
  const dialog = useEditing<User>();
  const [search, setSearch] = useState('');
  const [roleId, setRoleId] = useState<number | undefined>();

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (users.data ?? []).filter(
      (u) =>
        (!roleId || u.role.id === roleId) &&
        (!needle || [u.username, u.displayName, u.employeeNo ?? ''].some((v) => v.toLowerCase().includes(needle))),
    );
  }, [users.data, search, roleId]);

  const columns: ColumnsType<User> = [
    {
      title: t('admin.users.name'),
      key: 'name',
      render: (_, u) => (
        <div>
          <div>{u.displayName}</div>
          <div className="kefu-muted" style={{ fontSize: 12 }}>
            {u.username}
          </div>
        </div>
      ),
    },
    { title: t('admin.users.employeeNo'), dataIndex: 'employeeNo', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('admin.users.role'), key: 'role', width: 130, render: (_, u) => <Tag color="blue">{u.role.name}</Tag> },
    { title: t('admin.users.team'), dataIndex: 'teamId', width: 120, render: (v: number | null) => teamName(v) || '—' },
    {
      title: t('admin.users.skillGroups'),
      dataIndex: 'skillGroupIds',
      width: 200,
      render: (ids: number[]) => (ids.length ? ids.map((id) => <Tag key={id}>{skillGroupName(id)}</Tag>) : <span className="kefu-muted">—</span>),
    },
    { title: t('admin.users.openTickets'), dataIndex: 'openTickets', width: 90, align: 'right' },
    {
      title: t('admin.users.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? t('common.active') : t('common.inactive')} />,
    },
    { title: t('admin.users.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
    {
      key: 'actions',
      width: 80,
      render: (_, u) => (
        <Button type="link" icon={<EditOutlined />} onClick={() => dialog.openEdit(u)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        subtitle={t('admin.users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew} data-testid="user-create">
            {t('admin.users.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} className="kefu-filter-bar" wrap>
          <Input.Search allowClear placeholder={t('admin.users.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} data-testid="user-search" />
          <Select
            allowClear
            placeholder={t('admin.users.role')}
            value={roleId}
            onChange={setRoleId}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: i18n.language === 'en' ? r.nameEn : r.nameZh }))}
            style={{ width: 180 }}
          />
        </Flex>
        <Table<User> rowKey="id" columns={columns} dataSource={rows} loading={users.isLoading} scroll={{ x: 1000 }} pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: false }} data-testid="user-table" />
      </Card>
      {dialog.isOpen && <UserFormModal user={dialog.row} roles={roles.data ?? []} onClose={dialog.close} />}
    </>
  );
}
