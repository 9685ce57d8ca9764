import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, Radio, Row, Segmented, Select, type InputRef } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, PhoneOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CHANNELS, LIMITS, PRIORITIES, type Ticket, type TicketCreate } from '@kefu/shared';
import { isApiError } from '../../app/api';
import { notifyError, notifySuccess } from '../../app/notify';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';
import { useDirectoryLookup } from '../directory/useDirectory';
import { MacroPicker } from '../macros/MacroPicker';
import { CustomFieldInputs } from '../tickets/components/CustomFieldInputs';
import { ticketsApi } from '../tickets/ticketsApi';
import { useInvalidateTickets } from '../tickets/useTickets';
import { TicketTypePicker } from './TicketTypePicker';
import { FollowUpFields } from './FollowUpFields';
import { MISSING_FIELD_INPUTS, toTicketCreate, type QuickTicketValues } from './quickTicketPayload';
import type { LookupState } from './usePhoneLookup';

interface QuickTicketFormProps {
  lookup: LookupState;
  onLookup: (phone: string) => Promise<LookupState>;
  onReset: () => void;
}

export function QuickTicketForm({ lookup, onLookup, onReset }: QuickTicketFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QuickTicketValues>();
  const phoneRef = useRef<InputRef>(null);
  const { ticketTypeOptions, ticketType } = useDirectoryLookup();
  const invalidateTickets = useInvalidateTickets();
  const [lastCreated, setLastCreated] = useState<Ticket | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'spot';
  const type = Form.useWatch('type', form);
  const customFields = (type ? ticketType(type)?.fields : undefined) ?? [];
  const isUnknownCaller = lookup.status === 'unknown';
  const customerId = lookup.status === 'found' ? lookup.customerId : undefined;

  // Arriving from a screen pop (/workspace?phone=…): the caller's number is filled in and looked up.
  const [searchParams, setSearchParams] = useSearchParams();
  const poppedPhone = searchParams.get('phone');
  const poppedCall = searchParams.get('callId');
  // The popped call, kept until the order is created so that the call record lists it. A call record opened by
  // someone who may not see the full number sends the callId alone: the server fills the number and customer.
  const [poppedCallId, setPoppedCallId] = useState<string | null>(null);
  useEffect(() => {
    if (!poppedPhone && !poppedCall) return;
    setPoppedCallId(poppedCall);
    if (poppedPhone) {
      form.setFieldValue('phone', poppedPhone);
      void onLookup(poppedPhone).then(fillFromLookup);
    }
    setSearchParams({}, { replace: true });
  }, [poppedPhone, poppedCall]);
  const phoneValue = Form.useWatch('phone', form);
  const phoneFromCall = Boolean(poppedCallId) && !phoneValue?.trim();

  // The first active type is the default once the directory has loaded.
  useEffect(() => {
    if (!form.getFieldValue('type') && ticketTypeOptions[0]) form.setFieldValue('type', ticketTypeOptions[0].value);
  }, [form, ticketTypeOptions]);

  const fillFromLookup = (result: LookupState) => {
    if (result.status === 'found') {
      const match = result.matches.find((c) => c.id === result.customerId);
      if (match && !form.getFieldValue('contactName')) form.setFieldValue('contactName', match.name);
    }
    if (result.status !== 'idle' && !form.getFieldValue('contactPhone')) form.setFieldValue('contactPhone', result.phone);
  };

  const runLookup = async () => {
    const phone: string = form.getFieldValue('phone') ?? '';
    fillFromLookup(await onLookup(phone));
  };

  const onPhoneKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      // Enter on the number looks the caller up instead of submitting the half-filled form.
      event.preventDefault();
      void runLookup();
    }
  };

  const create = useMutation({
    mutationFn: (input: TicketCreate) => ticketsApi.create(input),
    meta: { handlesErrors: true },
    onSuccess: (ticket) => {
      notifySuccess(t('workspace.created', { number: ticket.number }));
      setLastCreated(ticket);
      setPoppedCallId(null);
      invalidateTickets();
      resetForNextCall();
    },
    onError: (error) => {
      notifyError(error);
      if (isApiError(error, 'MISSING_REQUIRED_FIELDS')) {
        const fields = ((error.details as { fields?: string[] } | undefined)?.fields ?? []).map((f) => MISSING_FIELD_INPUTS[f]).filter(Boolean);
        form.setFields(fields.map((name) => ({ name: name as keyof QuickTicketValues, errors: [error.message] })));
      }
    },
  });

  const resetForNextCall = () => {
    form.resetFields();
    if (ticketTypeOptions[0]) form.setFieldValue('type', ticketTypeOptions[0].value);
    onReset();
    phoneRef.current?.focus();
  };

  const onFinish = (values: QuickTicketValues) => {
    create.mutate({ ...toTicketCreate(values, { customerId, isUnknownCaller, customFields }), ...(poppedCallId ? { callId: poppedCallId } : {}) });
  };

  const onValuesChange = (changed: Partial<QuickTicketValues>) => {
    if (changed.mode === 'followUp') {
      const current = form.getFieldsValue();
      form.setFieldsValue({
        eventTime: current.eventTime ?? dayjs(),
        contactPhone: current.contactPhone || current.phone,
        eventPerson: current.eventPerson || current.contactName,
      });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    }
  };

  const followUp = mode === 'followUp';

  return (
    <Card
      title={t('workspace.formTitle')}
      extra={
        <span className="kefu-muted" style={{ fontSize: 12 }}>
          <span className="kefu-kbd">Ctrl</span> + <span className="kefu-kbd">Enter</span> {t('workspace.submitHint')}
        </span>
      }
      onKeyDown={onKeyDown}
    >
      {lastCreated && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setLastCreated(null) }}
          style={{ marginBottom: 16 }}
          data-testid="ws-last-created"
          title={
            <span>
              {t('workspace.lastCreated')}{' '}
              <Link to={`/tickets/${lastCreated.id}`} className="kefu-ticket-number">
                {lastCreated.number}
              </Link>{' '}
              · {lastCreated.subject}
            </span>
          }
        />
      )}
      <Form<QuickTicketValues>
        form={form}
        name="quickTicket"
        layout="vertical"
        initialValues={{ priority: 'normal', channel: 'phone', mode: 'spot', createCustomer: true }}
        onFinish={onFinish}
        onFinishFailed={() => notifyError(new Error(t('workspace.fixErrors')))}
        onValuesChange={onValuesChange}
        scrollToFirstError
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('workspace.phone')} rules={[{ max: LIMITS.phoneMax }]}>
              <Input
                ref={phoneRef}
                autoFocus
                size="large"
                prefix={<PhoneOutlined className="kefu-muted" />}
                placeholder={t('workspace.phonePlaceholder')}
                onBlur={() => void runLookup()}
                onKeyDown={onPhoneKeyDown}
                allowClear
                inputMode="tel"
                autoComplete="off"
                data-testid="ws-phone"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactName"
              label={t('workspace.contactName')}
              dependencies={['createCustomer']}
              rules={[
                { max: LIMITS.nameMax },
                ({ getFieldValue }) => ({ required: isUnknownCaller && Boolean(getFieldValue('createCustomer')), whitespace: true }),
              ]}
            >
              <Input size="large" placeholder={t('workspace.contactNamePlaceholder')} autoComplete="off" data-testid="ws-contact-name" />
            </Form.Item>
          </Col>
        </Row>
        {phoneFromCall && (
          <Alert type="info" showIcon style={{ marginTop: -8, marginBottom: 16 }} title={t('callRecords.ticketFromCall')} data-testid="ws-from-call" />
        )}
        {isUnknownCaller && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: -8, marginBottom: 16 }}
            title={t('workspace.unknownCaller')}
            description={
              <Form.Item name="createCustomer" valuePropName="checked" noStyle>
                <Checkbox data-testid="ws-create-customer">{t('workspace.createCustomer')}</Checkbox>
              </Form.Item>
            }
          />
        )}
        <Form.Item name="type" label={t('workspace.type')} rules={[REQUIRED]}>
          <TicketTypePicker />
        </Form.Item>
        <Form.Item name="subject" label={t('workspace.subject')} rules={[REQUIRED_TEXT, { max: LIMITS.subjectMax }]}>
          <Input placeholder={t('workspace.subjectPlaceholder')} maxLength={LIMITS.subjectMax} data-testid="ws-subject" />
        </Form.Item>
        <Form.Item
          name="description"
          label={followUp ? t('workspace.event') : t('workspace.description')}
          rules={followUp ? [REQUIRED_TEXT] : undefined}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={followUp ? t('workspace.eventPlaceholder') : t('workspace.descriptionPlaceholder')}
            maxLength={LIMITS.descriptionMax}
            data-testid="ws-description"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="priority" label={t('workspace.priority')}>
              <Radio.Group optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} data-testid="ws-priority" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="channel" label={t('workspace.channel')}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <CustomFieldInputs fields={customFields} />
        <Form.Item name="mode" label={t('workspace.handling')}>
          <Segmented
            block
            options={[
              { value: 'spot', icon: <CheckCircleOutlined />, label: <span data-testid="ws-mode-spot">{t('workspace.modeSpot')}</span> },
              { value: 'followUp', icon: <ClockCircleOutlined />, label: <span data-testid="ws-mode-followup">{t('workspace.modeFollowUp')}</span> },
            ]}
          />
        </Form.Item>
        {followUp ? (
          <FollowUpFields contactPhoneOptional={phoneFromCall} />
        ) : (
          <Form.Item
            name="answer"
            label={t('workspace.answer')}
            rules={[REQUIRED_TEXT]}
            extra={
              <Flex justify="flex-end" style={{ marginTop: 6 }}>
                <MacroPicker onInsert={(text) => form.setFieldValue('answer', [form.getFieldValue('answer'), text].filter(Boolean).join('\n'))} />
              </Flex>
            }
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('workspace.answerPlaceholder')} maxLength={LIMITS.descriptionMax} data-testid="ws-answer" />
          </Form.Item>
        )}
        <Flex gap={8} justify="flex-end">
          <Button onClick={resetForNextCall} data-testid="ws-reset">
            {t('workspace.reset')}
          </Button>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="ws-submit">
            {followUp ? t('workspace.submitFollowUp') : t('workspace.submitSpot')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
