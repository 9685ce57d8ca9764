import { Checkbox, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleInputSchema, type Permission, type Role, type RoleInput } from '@kefu/shared';
import { REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminSave } from '../useAdminResource';
import { permissionGroups, permissionKey, type PermissionGroup } from './permissionGroups';

const shape = roleInputSchema.shape;

export function RoleFormModal({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoleInput>();
  const save = useAdminSave<Partial<RoleInput>>('roles');

  const onFinish = async (values: RoleInput) => {
    const input = role ? { nameZh: values.nameZh, nameEn: values.nameEn, permissions: values.permissions ?? [] } : { ...values, permissions: values.permissions ?? [] };
    try {
      await save.mutateAsync({ id: role?.id, input });
      onClose();
    } catch {
      // Reported by the mutation cache.
    }
  };

  return (
    <AdminFormModal<RoleInput>
      open
      width={720}
      title={role ? t('admin.roles.editTitle') : t('admin.roles.create')}
      form={form}
      loading={save.isPending}
      onCancel={onClose}
      onFinish={onFinish}
      initialValues={role ?? { permissions: [] }}
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="key" label={t('admin.roles.key')} rules={role ? [] : [REQUIRED_TEXT, zodRule(shape.key)]} extra={role?.builtin ? t('admin.roles.builtinKey') : undefined}>
            <Input disabled={Boolean(role)} placeholder="night_shift" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="nameZh" label={t('admin.nameZh')} rules={[REQUIRED_TEXT, zodRule(shape.nameZh)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="nameEn" label={t('admin.nameEn')} rules={[REQUIRED_TEXT, zodRule(shape.nameEn)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t('admin.roles.permissions')}
      </Divider>
      <Form.Item name="permissions">
        <Checkbox.Group style={{ width: '100%' }}>
          <Row gutter={[16, 12]}>
            {permissionGroups().map(({ group, permissions }) => (
              <Col xs={24} md={12} key={group}>
                <Typography.Text strong>{t(`admin.roles.group.${group as PermissionGroup}`)}</Typography.Text>
                <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 6 }}>
                  {permissions.map((p: Permission) => (
                    <Checkbox key={p} value={p}>
                      {t(`permission.${permissionKey(p)}`)}
                    </Checkbox>
                  ))}
                </div>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
    </AdminFormModal>
  );
}
