import { useEffect } from 'react';
import { Button, DatePicker, Divider, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DEAL_STATUSES, DEMANDS, FOLLOW_UP_CHANNELS, IMPORTANCES, URGENCIES, followUpInputSchema, type FollowUpInput, type GradingAxes } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../ui/zodRule';
import { gradingApi, gradingKeys } from './gradingApi';

interface Values extends GradingAxes {
  channel: FollowUpInput['channel'];
  summary: string;
  at: Dayjs;
}

/** Records a follow-up with the four axes of seed 003; the server re-grades and schedules the next one. */
export function FollowUpDrawer({ customer, onClose }: { customer: { id: number; name: string; axes: GradingAxes | null } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Values) => {
      const { channel, summary, at, ...axes } = values;
      return gradingApi.recordFollowUp(customer!.id, { channel, summary, at: at.toISOString(), axes });
    },
    onSuccess: (followUp) => {
      notifySuccess(t('grading.drawer.saved', { grade: t(`grading.grade.${followUp.gradeAfter}`), date: followUp.nextFollowUpOn }));
      void queryClient.invalidateQueries({ queryKey: gradingKeys.all });
      onClose();
    },
  });
  useEffect(() => {
    if (!customer) return;
    form.resetFields();
    form.setFieldsValue({ channel: 'phone', summary: '', at: dayjs(), ...(customer.axes ?? { dealStatus: 'prospect', importance: 'ordinary', urgency: 'later', demand: 'potential' }) });
  }, [customer, form]);

  const radio = <K extends keyof GradingAxes>(axis: K, values: readonly GradingAxes[K][]) => (
    <Form.Item name={axis as string} label={t(`grading.axis.${axis}`)} rules={[REQUIRED]}>
      <Radio.Group optionType="button" buttonStyle="solid" options={values.map((v) => ({ value: v, label: t(`grading.${axis}.${v}` as 'grading.demand.target') }))} />
    </Form.Item>
  );

  return (
    <Drawer
      open={customer !== null}
      width={560}
      title={customer ? t('grading.drawer.title', { name: customer.name }) : ''}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="follow-up-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Flex gap={12}>
          <Form.Item name="channel" label={t('grading.drawer.channel')} rules={[REQUIRED]} style={{ flex: 1 }}>
            <Select options={FOLLOW_UP_CHANNELS.map((c) => ({ value: c, label: t(`grading.channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="at" label={t('grading.drawer.at')} rules={[REQUIRED]} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="summary" label={t('grading.drawer.summary')} rules={[REQUIRED_TEXT, zodRule(followUpInputSchema.shape.summary)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('grading.drawer.summaryPlaceholder')} />
        </Form.Item>
        <Divider titlePlacement="start" plain>{t('grading.drawer.axesTitle')}</Divider>
        {radio('dealStatus', DEAL_STATUSES)}
        {radio('importance', IMPORTANCES)}
        {radio('urgency', URGENCIES)}
        {radio('demand', DEMANDS)}
      </Form>
    </Drawer>
  );
}
