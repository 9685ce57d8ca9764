import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { userCreateSchema, type Role, type User, type UserCreate, type UserUpdate } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminSave } from '../useAdminResource';

interface UserValues {
  username: string;
  displayName: string;
  password?: string;
  roleId: number;
  teamId?: number | null;
  employeeNo?: string;
  email?: string;
  skillGroupIds: number[];
  locale: 'zh-CN' | 'en';
  active: boolean;
}

const shape = userCreateSchema.shape;
const blank = (v?: string) => (v?.trim() ? v.trim() : undefined);

export function UserFormModal({ user, roles, onClose }: { user: User | null; roles: Role[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<UserValues>();
  const { teamOptions, skillGroupOptions } = useDirectoryLookup();
  const save = useAdminSave<UserCreate | UserUpdate>('users');

  const onFinish = async (v: UserValues) => {
    const input: UserCreate | UserUpdate = user
      ? {
          version: user.version,
          displayName: v.displayName,
          password: blank(v.password),
          roleId: v.roleId,
          teamId: v.teamId ?? null,
          employeeNo: blank(v.employeeNo) ?? null,
          email: blank(v.email) ?? null,
          skillGroupIds: v.skillGroupIds ?? [],
          active: v.active,
        }
      : {
          username: v.username,
          displayName: v.displayName,
          password: v.password ?? '',
          roleId: v.roleId,
          teamId: v.teamId ?? null,
          employeeNo: blank(v.employeeNo),
          email: blank(v.email),
          skillGroupIds: v.skillGroupIds ?? [],
          locale: v.locale,
        };
    try {
      await save.mutateAsync({ id: user?.id, input });
      onClose();
    } catch {
      // Reported by the mutation cache.
    }
  };

  return (
    <AdminFormModal<UserValues>
      open
      title={user ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.create')}
      form={form}
      loading={save.isPending}
      onCancel={onClose}
      onFinish={onFinish}
      width={640}
      testId="user-form"
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              roleId: user.role.id,
              teamId: user.teamId,
              employeeNo: user.employeeNo ?? undefined,
              email: user.email ?? undefined,
              skillGroupIds: user.skillGroupIds,
              active: user.active,
            }
          : { skillGroupIds: [], locale: 'zh-CN', active: true }
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="username" label={t('admin.users.username')} rules={user ? [] : [REQUIRED_TEXT, zodRule(shape.username)]} extra={user ? undefined : t('admin.users.usernameHint')}>
            <Input disabled={Boolean(user)} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="displayName" label={t('admin.users.name')} rules={[REQUIRED_TEXT, zodRule(shape.displayName)]}>
            <Input data-testid="user-display-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="password"
            label={user ? t('admin.users.newPassword') : t('admin.users.password')}
            rules={user ? [zodRule(shape.password)] : [REQUIRED, zodRule(shape.password)]}
            extra={user ? t('admin.users.passwordKeep') : undefined}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="employeeNo" label={t('admin.users.employeeNo')} rules={[zodRule(shape.employeeNo)]}>
            <Input data-testid="user-employee-no" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="roleId" label={t('admin.users.role')} rules={[REQUIRED]}>
            <Select options={roles.map((r) => ({ value: r.id, label: i18n.language === 'en' ? r.nameEn : r.nameZh }))} data-testid="user-role" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="teamId" label={t('admin.users.team')}>
            <Select allowClear options={teamOptions} data-testid="user-team" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="skillGroupIds" label={t('admin.users.skillGroups')}>
            <Select mode="multiple" allowClear options={skillGroupOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('admin.users.email')} rules={[zodRule(shape.email)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {user ? (
            <Form.Item name="active" label={t('admin.users.status')} valuePropName="checked">
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
            </Form.Item>
          ) : (
            <Form.Item name="locale" label={t('admin.users.locale')}>
              <Select options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]} />
            </Form.Item>
          )}
        </Col>
      </Row>
    </AdminFormModal>
  );
}
