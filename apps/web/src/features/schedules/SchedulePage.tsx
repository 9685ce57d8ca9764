import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, InputNumber, Modal, Popconfirm, Select, Space } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ScheduleFigures } from './ScheduleFigures';
import { ScheduleGrid, type GridEdit } from './ScheduleGrid';
import { schedulesApi } from './schedulesApi';
import { useDraftSelection } from './useDraft';

/** 排班表: generate a draft from a forecast, edit it cell by cell or by drag and drop, publish it. */
export function SchedulePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { list, id, setId, detail } = useDraftSelection();
  const forecasts = useQuery({ queryKey: ['schedules', 'forecasts'], queryFn: schedulesApi.forecasts });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const refresh = (d: { id: number }) => {
    client.setQueryData(['schedules', 'draft', d.id], d);
    void client.invalidateQueries({ queryKey: ['schedules', 'drafts'] });
  };
  const generate = useMutation({
    mutationFn: (v: Record<string, number>) =>
      schedulesApi.generate({
        forecastId: v.forecastId,
        requirement: { aht: v.aht, targetSl: v.targetSl, targetT: v.targetT, shrinkage: v.shrinkage },
        rules: { minRestHours: v.minRestHours, minDaysOffPerWeek: v.minDaysOffPerWeek, maxConsecutiveDays: v.maxConsecutiveDays, morningBeforeHour: 12 },
      }),
    onSuccess: (d) => {
      setOpen(false);
      refresh(d);
      setId(d.id);
    },
  });
  const edit = useMutation({
    mutationFn: (e: GridEdit) => schedulesApi.edit(detail.data!.id, { ...e, version: detail.data!.version }),
    onSuccess: (d) => {
      refresh(d);
      message.success(t('schedules.grid.saved'));
    },
  });
  const publish = useMutation({ mutationFn: () => schedulesApi.publish(detail.data!.id, detail.data!.version), onSuccess: refresh });
  const d = detail.data;
  return (
    <>
      <PageHeader
        title={t('schedules.grid.title')}
        subtitle={t('schedules.grid.subtitle')}
        extra={
          <Space>
            <Select style={{ width: 260 }} placeholder={t('schedules.grid.pick')} value={id} onChange={setId} options={(list.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            <Button icon={<ThunderboltOutlined />} onClick={() => setOpen(true)}>{t('schedules.grid.generate')}</Button>
            {d?.status === 'draft' && (
              <Popconfirm title={t('schedules.grid.publishConfirm')} onConfirm={() => publish.mutate()}>
                <Button type="primary" loading={publish.isPending} data-testid="publish">{t('schedules.grid.publish')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Card>
        {!d ? (
          <Empty />
        ) : (
          <Flex vertical gap={16}>
            <ScheduleFigures draft={d} />
            <ScheduleGrid draft={d} onEdit={(e) => edit.mutate(e)} />
          </Flex>
        )}
      </Card>
      <Modal open={open} title={t('schedules.grid.generate')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={generate.isPending} okText={t('schedules.grid.generate')} destroyOnHidden>
        {generate.isPending && <p>{t('schedules.grid.generating')}</p>}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ forecastId: forecasts.data?.[0]?.id, aht: 240, targetSl: 0.9, targetT: 15, shrinkage: 0.3, minRestHours: 11, minDaysOffPerWeek: 2, maxConsecutiveDays: 6 }}
          onFinish={(v) => generate.mutate(v)}
        >
          <Form.Item name="forecastId" label={t('schedules.grid.forecast')} rules={[{ required: true }]}>
            <Select options={(forecasts.data ?? []).map((f) => ({ value: f.id, label: f.name }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="aht" label={t('schedules.grid.aht')}><InputNumber min={10} max={3600} /></Form.Item>
            <Form.Item name="targetSl" label={t('schedules.grid.targetSl')}><InputNumber min={0} max={0.99} step={0.05} /></Form.Item>
            <Form.Item name="targetT" label={t('schedules.grid.targetT')}><InputNumber min={0} max={600} /></Form.Item>
            <Form.Item name="shrinkage" label={t('schedules.grid.shrinkage')}><InputNumber min={0} max={0.9} step={0.05} /></Form.Item>
            <Form.Item name="minRestHours" label={t('schedules.grid.minRestHours')}><InputNumber min={0} max={24} /></Form.Item>
            <Form.Item name="minDaysOffPerWeek" label={t('schedules.grid.minDaysOff')}><InputNumber min={0} max={6} /></Form.Item>
            <Form.Item name="maxConsecutiveDays" label={t('schedules.grid.maxConsecutive')}><InputNumber min={1} max={14} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
