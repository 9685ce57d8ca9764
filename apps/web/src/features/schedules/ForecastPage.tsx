import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, Form, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ForecastAdjustmentDto } from '@kefu/shared';
import { PageHeader } from '../../ui/PageHeader';
import { LineChart, type LineSeries } from './LineChart';
import { addDays, intervalAxis, intervalLabel, schedulesApi } from './schedulesApi';

const METHODS = ['seasonal_naive', 'multi_week_average', 'holt_winters'] as const;
const SHOWN_HISTORY_DAYS = 14;
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/** 话务预测: history, every method's forecast, the adjusted one; the back-test table; hand adjustments. */
export function ForecastPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['schedules', 'forecasts'], queryFn: schedulesApi.forecasts });
  const [id, setId] = useState<number>();
  useEffect(() => {
    if (id === undefined && list.data?.length) setId(list.data[0]!.id);
  }, [list.data, id]);
  const detail = useQuery({ queryKey: ['schedules', 'forecast', id], queryFn: () => schedulesApi.forecast(id!), enabled: id !== undefined });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: schedulesApi.createForecast,
    onSuccess: (f) => {
      setCreating(false);
      setId(f.id);
      void client.invalidateQueries({ queryKey: ['schedules', 'forecasts'] });
    },
  });
  const [adjustments, setAdjustments] = useState<ForecastAdjustmentDto[]>([]);
  useEffect(() => setAdjustments(detail.data?.adjustments ?? []), [detail.data]);
  const save = useMutation({
    mutationFn: () => schedulesApi.adjust(detail.data!.id, detail.data!.version, adjustments),
    onSuccess: (f) => client.setQueryData(['schedules', 'forecast', f.id], f),
  });
  const [adjForm] = Form.useForm();

  const chart = useMemo(() => {
    const f = detail.data;
    if (!f) return null;
    const historyDays = f.history.length / 48;
    const shownFrom = Math.max(0, historyDays - SHOWN_HISTORY_DAYS);
    const axisStart = addDays(f.historyStart, shownFrom);
    const totalDays = Math.round((Date.parse(f.start) - Date.parse(axisStart)) / 86_400_000) + f.horizonDays;
    const offset = (Math.round((Date.parse(f.start) - Date.parse(axisStart)) / 86_400_000)) * 48;
    const pad = (values: number[], at: number) => {
      const out: Array<number | null> = new Array(totalDays * 48).fill(null);
      values.forEach((v, i) => (out[at + i] = v));
      return out;
    };
    const series: LineSeries[] = [
      { name: t('schedules.forecast.history'), data: pad(f.history.slice(shownFrom * 48), 0), area: true },
      ...METHODS.map((m) => ({ name: t(`schedules.forecast.methods.${m}`), data: pad(f.forecasts[m] ?? [], offset), dashed: m !== f.method })),
      { name: t('schedules.forecast.adjusted'), data: pad(f.adjusted, offset) },
    ];
    return { axis: intervalAxis(axisStart, totalDays), series };
  }, [detail.data, t]);

  const f = detail.data;
  return (
    <>
      <PageHeader
        title={t('schedules.forecast.title')}
        subtitle={t('schedules.forecast.subtitle')}
        extra={
          <Space>
            <Select style={{ width: 280 }} placeholder={t('schedules.forecast.pick')} value={id} onChange={setId} options={(list.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('schedules.forecast.create')}
            </Button>
          </Space>
        }
      />
      {!f ? (
        <Card>{list.isLoading || detail.isLoading ? null : <Empty description={t('schedules.forecast.empty')} />}</Card>
      ) : (
        <Flex vertical gap={16}>
          <Card>
            <Flex gap={32} wrap>
              <Statistic title={t('schedules.forecast.method')} value={t(`schedules.forecast.methods.${f.method}`)} />
              <Statistic title={t('schedules.forecast.total')} value={Math.round(f.adjusted.reduce((s, v) => s + v, 0))} />
              <Statistic title={t('schedules.forecast.source')} value={t(`schedules.forecast.sources.${f.source as 'calls'}`)} />
            </Flex>
            {chart && <LineChart axis={chart.axis} series={chart.series} testId="forecast-chart" />}
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('schedules.forecast.backtest', { folds: f.backtest.folds })}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="method"
                  dataSource={f.backtest.scores}
                  columns={[
                    { title: t('schedules.forecast.method'), dataIndex: 'method', render: (m: string) => <Space>{t(`schedules.forecast.methods.${m as 'holt_winters'}`)}{m === f.backtest.best && <Tag color="green">{t('schedules.forecast.chosen')}</Tag>}</Space> },
                    { title: t('schedules.forecast.wape'), dataIndex: 'wape', render: pct },
                    { title: t('schedules.forecast.mape'), dataIndex: 'mape', render: pct },
                    { title: t('schedules.forecast.params'), dataIndex: 'params', render: (p?: { alpha: number; delta: number; omega: number }) => (p ? `α ${p.alpha} δ ${p.delta} ω ${p.omega}` : '') },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('schedules.forecast.adjustments')} extra={<Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>{t('schedules.forecast.save')}</Button>}>
                <Form form={adjForm} layout="inline" initialValues={{ kind: 'percent', value: 10 }} onFinish={(v) => {
                  setAdjustments([...adjustments, { date: v.date.format('YYYY-MM-DD'), interval: v.interval ?? undefined, kind: v.kind, value: v.value }]);
                }}>
                  <Form.Item name="date" rules={[{ required: true }]}><DatePicker placeholder={t('schedules.forecast.date')} /></Form.Item>
                  <Form.Item name="interval"><Select allowClear style={{ width: 110 }} placeholder={t('schedules.forecast.wholeDay')} options={Array.from({ length: 48 }, (_, i) => ({ value: i, label: intervalLabel(i) }))} /></Form.Item>
                  <Form.Item name="kind"><Select style={{ width: 110 }} options={(['percent', 'absolute'] as const).map((k) => ({ value: k, label: t(`schedules.forecast.kinds.${k}`) }))} /></Form.Item>
                  <Form.Item name="value" rules={[{ required: true }]}><InputNumber style={{ width: 90 }} /></Form.Item>
                  <Button htmlType="submit">{t('schedules.forecast.add')}</Button>
                </Form>
                <Table
                  size="small"
                  style={{ marginTop: 12 }}
                  pagination={false}
                  rowKey={(_, i) => String(i)}
                  dataSource={adjustments}
                  columns={[
                    { title: t('schedules.forecast.date'), dataIndex: 'date' },
                    { title: t('schedules.forecast.interval'), dataIndex: 'interval', render: (i?: number) => (i === undefined ? t('schedules.forecast.wholeDay') : intervalLabel(i)) },
                    { title: t('schedules.forecast.kind'), dataIndex: 'kind', render: (k: 'percent' | 'absolute') => t(`schedules.forecast.kinds.${k}`) },
                    { title: t('schedules.forecast.value'), dataIndex: 'value' },
                    { title: '', key: 'x', render: (_, __, i) => <Button size="small" type="link" onClick={() => setAdjustments(adjustments.filter((_, k) => k !== i))}>×</Button> },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
      <Modal open={creating} title={t('schedules.forecast.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ source: 'auto', horizonWeeks: 4, historyWeeks: 12, backtestWeeks: 4, method: 'auto' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="source" label={t('schedules.forecast.source')}>
            <Select options={(['auto', 'calls', 'work_orders', 'simulated'] as const).map((s) => ({ value: s, label: t(`schedules.forecast.sources.${s}`) }))} />
          </Form.Item>
          <Form.Item name="method" label={t('schedules.forecast.method')}>
            <Select options={(['auto', ...METHODS] as const).map((m) => ({ value: m, label: t(`schedules.forecast.methods.${m}`) }))} />
          </Form.Item>
          <Space>
            <Form.Item name="horizonWeeks" label={t('schedules.forecast.horizonWeeks')}><InputNumber min={1} max={6} /></Form.Item>
            <Form.Item name="historyWeeks" label={t('schedules.forecast.historyWeeks')}><InputNumber min={3} max={26} /></Form.Item>
            <Form.Item name="backtestWeeks" label={t('schedules.forecast.backtestWeeks')}><InputNumber min={1} max={8} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
