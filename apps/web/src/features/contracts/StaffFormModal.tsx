import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { STAFF_GENDERS, staffInputSchema, type Staff } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../ui/zodRule';
import { archiveKeys, staffApi } from './archiveApi';
import { useArchiveMutation } from './useArchiveMutation';

interface FormValues {
  name: string;
  gender: Staff['gender'];
  birthYear: number | null;
  phone: string | null;
  idCard: string | null;
  skills: string[];
  level: string | null;
  note: string | null;
  joinedOn?: Dayjs;
}
const shape = staffInputSchema.shape;

/**
 * Add a staff member, or edit a profile. Editing shows phone and ID card as the server presented them: a masked value
 * left untouched is not sent back, so it is never overwritten with stars.
 */
export function StaffFormModal({ open, staff, onClose }: { open: boolean; staff: Staff | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const save = useArchiveMutation(archiveKeys.staff, (v: FormValues) => {
    const base = { name: v.name, gender: v.gender, birthYear: v.birthYear ?? null, skills: v.skills ?? [], level: v.level || null, note: v.note || null };
    const phone = v.phone || null;
    const idCard = v.idCard || null;
    if (!staff) return staffApi.create({ ...base, phone, idCard, joinedOn: v.joinedOn?.format('YYYY-MM-DD') });
    const changedPii = {
      ...(phone !== staff.phone ? { phone } : {}),
      ...(idCard !== staff.idCard ? { idCard } : {}),
    };
    return staffApi.update(staff.id, { ...base, ...changedPii, version: staff.version });
  }, onClose);
  const initial: Partial<FormValues> = staff
    ? { name: staff.name, gender: staff.gender, birthYear: staff.birthYear, phone: staff.phone, idCard: staff.idCard, skills: staff.skills, level: staff.level, note: staff.note }
    : { gender: 'female', skills: [] };

  return (
    <Modal open={open} title={staff ? t('contracts.staff.edit') : t('contracts.staff.create')} width={600} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'staff-form-save' }}>
      <Form<FormValues> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="staff-form">
        <Form.Item name="name" label={t('contracts.staff.name')} rules={[REQUIRED_TEXT, zodRule(shape.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="gender" label={t('contracts.staff.gender')} rules={[REQUIRED]}>
          <Radio.Group options={STAFF_GENDERS.map((g) => ({ value: g, label: t(`contracts.gender.${g}`) }))} />
        </Form.Item>
        <Form.Item name="birthYear" label={t('contracts.staff.birthYear')}>
          <InputNumber min={1930} max={2020} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('contracts.staff.phone')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="idCard" label={t('contracts.staff.idCard')} rules={staff?.piiMasked ? [] : [zodRule(shape.idCard)]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="skills" label={t('contracts.staff.skills')}>
          <Select mode="tags" placeholder={t('contracts.staff.skillsPlaceholder')} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="level" label={t('contracts.staff.level')}>
          <Input maxLength={30} />
        </Form.Item>
        {!staff && (
          <Form.Item name="joinedOn" label={t('contracts.staff.joinedOn')}>
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('contracts.staff.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
