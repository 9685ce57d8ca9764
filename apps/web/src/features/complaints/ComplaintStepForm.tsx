import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, COMPLAINT_GRADES, FOLLOW_UP_RESULTS, PAYOUT_KINDS, type ComplaintDetail, type ComplaintStep } from '@kefu/shared';
import { isApiError } from '../../app/api';
import { notifySuccess } from '../../app/notify';
import { useDirectoryLookup } from '../directory/useDirectory';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';
import { complaintKeys, complaintsApi, toFen } from './complaintsApi';

type Values = Record<string, unknown> & { promisedReplyAt?: Dayjs; repliedAt?: Dayjs; payouts?: Array<{ kind: string; amountYuan: number; note?: string }> };

/** Form values → the step's fields as the API takes them (times as ISO, money in fen). */
function toData(values: Values): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    if (dayjs.isDayjs(value)) data[key] = value.toISOString();
    else if (key === 'payouts') data.payouts = (value as NonNullable<Values['payouts']>).map((p) => ({ kind: p.kind, amountFen: toFen(p.amountYuan), note: p.note || undefined }));
    else data[key] = value;
  }
  return data;
}

/** The server names the missing field; `responsible` means any of the three responsible-party fields. */
const formFieldOf = (field: string) => (field === 'responsible' ? 'responsibleDepartment' : field);

/** The form of the case's current step; what it asks is what the server's step rules require. */
export function ComplaintStepForm({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const lookup = useDirectoryLookup();
  const step = complaint.step as ComplaintStep;
  const justified = Form.useWatch('justified', form);
  const submit = useMutation({
    mutationFn: (values: Values) => complaintsApi.submitStep(complaint.ticketId, step, complaint.version, toData(values)),
    onSuccess: (updated) => {
      queryClient.setQueryData(complaintKeys.detail(complaint.ticketId), updated);
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      notifySuccess(t('complaints.case.submitted'));
    },
    onError: (error) => {
      const field = isApiError(error) ? (error.details as { field?: string } | undefined)?.field : undefined;
      if (field) form.setFields([{ name: formFieldOf(field), errors: [(error as Error).message] }]);
    },
  });
  const f = (key: string) => t(`complaints.field.${key}` as 'complaints.field.content');
  const text = (name: string, required: boolean, rows = 3) => (
    <Form.Item name={name} label={f(name)} rules={required ? [REQUIRED_TEXT] : []}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} data-testid={`complaint-field-${name}`} />
    </Form.Item>
  );
  const time = (name: string) => (
    <Form.Item name={name} label={f(name)} rules={[REQUIRED]}>
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid={`complaint-field-${name}`} />
    </Form.Item>
  );
  const initialByStep: Partial<Record<ComplaintStep, Values>> = {
    accept: { promisedReplyAt: dayjs().add(12, 'hour').startOf('hour') },
    judge: { grade: complaint.grade, justified: true },
    // After a rejection the earlier proposal is the starting point of the next one.
    propose: { resolution: complaint.stepData.propose?.resolution },
    reply: { repliedAt: dayjs() },
  };
  const initial = initialByStep[step] ?? {};

  const fields: Partial<Record<ComplaintStep, React.ReactNode>> = {
    accept: <>{text('content', true)}{time('promisedReplyAt')}</>,
    judge: (
      <>
        <Form.Item name="justified" label={f('justified')} rules={[REQUIRED]}>
          <Radio.Group optionType="button" options={[{ value: true, label: t('complaints.case.justifiedYes') }, { value: false, label: t('complaints.case.justifiedNo') }]} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="grade" label={f('grade')} rules={[REQUIRED]}>
            <Radio.Group options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`complaints.grade.${g}`) }))} />
          </Form.Item>
          <Form.Item name="category" label={f('category')} rules={[REQUIRED]} style={{ minWidth: 180 }}>
            <Select data-testid="complaint-field-category" options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))} />
          </Form.Item>
        </Flex>
        {justified === false ? text('explanation', true) : (
          <Flex gap={16} wrap>
            <Form.Item name="responsibleUserId" label={f('responsibleUserId')} style={{ minWidth: 200 }}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={lookup.userOptions} data-testid="complaint-field-responsibleUserId" />
            </Form.Item>
            <Form.Item name="responsibleTeamId" label={f('responsibleTeamId')} style={{ minWidth: 160 }}>
              <Select allowClear options={lookup.teamOptions} />
            </Form.Item>
            <Form.Item name="responsibleDepartment" label={f('responsibleDepartment')}>
              <Input data-testid="complaint-field-responsibleDepartment" />
            </Form.Item>
          </Flex>
        )}
      </>
    ),
    investigate: (
      <>
        {text('findings', true)}
        <Form.Item name="responsibleUserId" label={f('responsibleUserId')} style={{ maxWidth: 280 }}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={lookup.userOptions} />
        </Form.Item>
      </>
    ),
    propose: (
      <>
        {text('resolution', true)}
        <Form.Item label={f('payouts')}>
          <Form.List name="payouts">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Flex key={item.key} gap={8} align="baseline" wrap>
                    <Form.Item name={[item.name, 'kind']} rules={[REQUIRED]} style={{ width: 120 }}>
                      <Select placeholder={f('kind')} options={PAYOUT_KINDS.map((k) => ({ value: k, label: t(`complaints.payoutKind.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'amountYuan']} rules={[REQUIRED]}>
                      <InputNumber min={0.01} max={1_000_000} precision={2} placeholder={f('amountYuan')} prefix="¥" style={{ width: 160 }} data-testid="complaint-payout-amount" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'note']} style={{ flex: 1, minWidth: 160 }}>
                      <Input placeholder={f('note')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(item.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'compensation' })} data-testid="complaint-add-payout">
                  {t('complaints.case.addPayout')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </>
    ),
    reply: <>{text('replyText', true)}{time('repliedAt')}</>,
    follow_up: (
      <>
        <Form.Item name="result" label={f('result')} rules={[REQUIRED]}>
          <Radio.Group optionType="button" options={FOLLOW_UP_RESULTS.map((r) => ({ value: r, label: t(`complaints.follow.${r}`) }))} data-testid="complaint-field-result" />
        </Form.Item>
        {text('note', false, 2)}
      </>
    ),
    close: <>{text('rootCause', true)}{text('improvement', false)}</>,
  };

  return (
    <Form<Values> key={`${step}-${complaint.version}`} form={form} layout="vertical" initialValues={initial} onFinish={(v) => submit.mutate(v)} data-testid="complaint-step-form">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`complaints.stepHint.${step}`)} />
      {fields[step]}
      <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="complaint-step-submit">
        {t('complaints.case.submit', { step: t(`complaints.step.${step}`) })}
      </Button>
    </Form>
  );
}
