import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, CONTACT_DIRECTIONS, type ContactInput } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { customerArchiveApi, customerArchiveKeys } from './archiveApi';

interface Values {
  channel: ContactInput['channel'];
  direction: 'in' | 'out';
  at: Dayjs;
  person?: string;
  summary: string;
}

/** 记录联系: a visit, a call from a mobile, a WeChat message — anything the PBX and the order system did not see. */
export function ContactNoteModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) => customerArchiveApi.addContact(customerId, { channel: v.channel, direction: v.direction, at: v.at.toISOString(), person: v.person || null, summary: v.summary }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...customerArchiveKeys.all, 'timeline', customerId] });
      notifySuccess(t('common.saved'));
      onClose();
    },
  });
  return (
    <Modal open title={t('customerArchive.contact.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'visit', direction: 'out', at: dayjs() }}
        onFinish={(v) => save.mutate(v)}
        data-testid="contact-form"
      >
        <Form.Item name="channel" label={t('customerArchive.contact.channelLabel')} rules={[{ required: true }]}>
          <Select options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`customerArchive.contact.channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="direction" label={t('customerArchive.contact.directionLabel')}>
          <Radio.Group options={CONTACT_DIRECTIONS.map((d) => ({ value: d, label: t(`customerArchive.timeline.contactDirection.${d}`) }))} />
        </Form.Item>
        <Form.Item name="at" label={t('customerArchive.contact.at')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="person" label={t('customerArchive.contact.person')}>
          <Input maxLength={100} placeholder={t('customerArchive.contact.personPlaceholder')} />
        </Form.Item>
        <Form.Item name="summary" label={t('customerArchive.contact.summary')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('customerArchive.contact.summaryPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
