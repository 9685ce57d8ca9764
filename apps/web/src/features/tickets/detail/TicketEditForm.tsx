import { Button, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CHANNELS, LIMITS, PRIORITIES, type Channel, type Priority, type TicketDetail, type TicketUpdate } from '@kefu/shared';
import { isApiError } from '../../../app/api';
import { REQUIRED, REQUIRED_TEXT } from '../../../ui/zodRule';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { CustomFieldInputs } from '../components/CustomFieldInputs';
import { toCustomFormValues, toCustomPayload } from '../components/customValues';
import { ticketsApi } from '../ticketsApi';
import { useTicketMutation } from './useTicketMutation';

interface EditValues {
  type: string;
  subject: string;
  description: string;
  priority: Priority;
  channel: Channel;
  contactName?: string;
  contactPhone?: string;
  eventTime?: Dayjs | null;
  eventPlace?: string;
  eventPerson?: string;
  tags: string[];
  teamId?: number | null;
  skillGroupId?: number | null;
  custom?: Record<string, string | number | boolean | Dayjs | null>;
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Edits the fields of a work order; the version guards against overwriting someone else's save. */
export function TicketEditForm({ ticket, onDone }: { ticket: TicketDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const { ticketTypeOptions, ticketType, teamOptions, skillGroupOptions } = useDirectoryLookup();
  const type = Form.useWatch('type', form) ?? ticket.type;
  const fields = ticketType(type)?.fields ?? [];

  const save = useTicketMutation((input: TicketUpdate) => ticketsApi.update(ticket.id, input), t('common.saved'));

  const onFinish = async (values: EditValues) => {
    const input: TicketUpdate = {
      version: ticket.version,
      type: values.type,
      subject: values.subject,
      description: values.description ?? '',
      priority: values.priority,
      channel: values.channel,
      contactName: blankToNull(values.contactName),
      eventTime: values.eventTime ? values.eventTime.toISOString() : null,
      eventPlace: blankToNull(values.eventPlace),
      eventPerson: blankToNull(values.eventPerson),
      tags: values.tags ?? [],
      teamId: values.teamId ?? null,
      skillGroupId: values.skillGroupId ?? null,
      custom: toCustomPayload(fields, values.custom),
    };
    // A masked number is not the real one: never send it back.
    if (!ticket.contactPhoneMasked) input.contactPhone = blankToNull(values.contactPhone);
    try {
      await save.mutateAsync(input);
      onDone();
    } catch (error) {
      // Reported by the mutation cache. On a version conflict the work order reloads: leave the
      // form so the user sees what the other person saved before editing again.
      if (isApiError(error, 'VERSION_CONFLICT')) onDone();
    }
  };

  return (
    <Form<EditValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{
        type: ticket.type,
        subject: ticket.subject,
        description: ticket.description,
        priority: ticket.priority,
        channel: ticket.channel,
        contactName: ticket.contactName ?? undefined,
        contactPhone: ticket.contactPhone ?? undefined,
        eventTime: ticket.eventTime ? dayjs(ticket.eventTime) : null,
        eventPlace: ticket.eventPlace ?? undefined,
        eventPerson: ticket.eventPerson ?? undefined,
        tags: ticket.tags,
        teamId: ticket.teamId,
        skillGroupId: ticket.skillGroupId,
        custom: toCustomFormValues(ticketType(ticket.type)?.fields ?? [], ticket.custom),
      }}
    >
      <Form.Item name="subject" label={t('ticket.field.subject')} rules={[REQUIRED_TEXT, { max: LIMITS.subjectMax }]}>
        <Input data-testid="ticket-edit-subject" />
      </Form.Item>
      <Form.Item name="description" label={t('ticket.field.description')} rules={[{ max: LIMITS.descriptionMax }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="type" label={t('ticket.field.type')} rules={[REQUIRED]}>
            <Select options={ticketTypeOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="priority" label={t('ticket.field.priority')} rules={[REQUIRED]}>
            <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="channel" label={t('ticket.field.channel')} rules={[REQUIRED]}>
            <Select options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label={t('ticket.field.contactName')} rules={[{ max: LIMITS.nameMax }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            label={t('ticket.field.contactPhone')}
            rules={[{ max: LIMITS.phoneMax }]}
            extra={ticket.contactPhoneMasked ? t('ticket.maskedPhoneHint') : undefined}
          >
            <Input disabled={ticket.contactPhoneMasked} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="eventTime" label={t('ticket.field.eventTime')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="eventPlace" label={t('ticket.field.eventPlace')} rules={[{ max: LIMITS.addressMax }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="eventPerson" label={t('ticket.field.eventPerson')} rules={[{ max: LIMITS.nameMax }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="teamId" label={t('ticket.field.team')}>
            <Select allowClear options={teamOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="skillGroupId" label={t('ticket.field.skillGroup')}>
            <Select allowClear options={skillGroupOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="tags" label={t('ticket.field.tags')} rules={[{ type: 'array', max: LIMITS.tagsPerTicket }]}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} placeholder={t('ticket.tagsPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <CustomFieldInputs fields={fields} />
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="ticket-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
