import { useState } from 'react';
import { Button, Card, Switch, Space, Table, Tabs, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { VIP_FACTORS, type ChurnAlert, type VipItem } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { notifySuccess } from '../../app/notify';
import { PageHeader } from '../../ui/PageHeader';
import { GradeTag } from './GradeTag';
import { gradingApi, gradingKeys } from './gradingApi';

const money = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** 大客户: the top share by the eight-factor score, and the churn-risk alerts. */
export function VipListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [vipOnly, setVipOnly] = useState(false);
  const vip = useQuery({ queryKey: ['grading', 'vip'], queryFn: gradingApi.vip });
  const churn = useQuery({ queryKey: ['grading', 'churn', vipOnly], queryFn: () => gradingApi.churn(vipOnly) });
  const recompute = useMutation({
    mutationFn: gradingApi.recomputeVip,
    onSuccess: (r) => {
      notifySuccess(t('grading.vip.recomputed', { vip: r.vip, customers: r.customers }));
      void queryClient.invalidateQueries({ queryKey: gradingKeys.all });
    },
  });
  return (
    <>
      <PageHeader
        title={t('grading.vip.title')}
        subtitle={t('grading.vip.subtitle')}
        extra={can('reports.read') && <Button icon={<ReloadOutlined />} loading={recompute.isPending} onClick={() => recompute.mutate()}>{t('grading.vip.recompute')}</Button>}
      />
      <Card>
        <Tabs items={[
          {
            key: 'vip', label: t('grading.vip.title'),
            children: (
              <Table<VipItem>
                rowKey="customerId" size="middle" loading={vip.isLoading} dataSource={vip.data?.items ?? []} scroll={{ x: 1100 }}
                pagination={{ defaultPageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: t('grading.vip.empty') }}
                columns={[
                  { title: t('grading.vip.rank'), dataIndex: 'rank', width: 70, fixed: 'left' },
                  { title: t('grading.column.customer'), dataIndex: 'customerName', width: 160, fixed: 'left' },
                  { title: t('grading.column.grade'), key: 'grade', width: 90, render: (_, r) => <GradeTag grade={r.grade} /> },
                  { title: t('grading.vip.score'), dataIndex: 'score', width: 80 },
                  ...VIP_FACTORS.map((f) => ({
                    title: t(`grading.vip.factors.${f}`), key: f, width: 100,
                    render: (_: unknown, r: VipItem) => (f === 'totalSpend' ? money(r.factors[f]) : r.factors[f]),
                  })),
                ]}
              />
            ),
          },
          {
            key: 'churn', label: t('grading.vip.churnTitle'),
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Switch checked={vipOnly} onChange={setVipOnly} /> {t('grading.vip.vipOnly')}
                </Space>
                <Table<ChurnAlert>
                  rowKey="customerId" size="middle" loading={churn.isLoading} dataSource={churn.data?.items ?? []}
                  pagination={{ defaultPageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: t('grading.vip.churnEmpty') }}
                  columns={[
                    { title: t('grading.column.customer'), dataIndex: 'customerName' },
                    { title: t('grading.column.grade'), key: 'grade', width: 170, render: (_, r) => <GradeTag grade={r.grade} isVip={r.isVip} /> },
                    { title: t('grading.vip.reasons'), key: 'reasons', render: (_, r) => r.reasons.map((x) => <Tag color="red" key={x}>{t(`grading.vip.reason.${x}`)}</Tag>) },
                    { title: t('grading.vip.contacts'), key: 'contacts', width: 150, render: (_, r) => `${r.contactsCurrent} / ${r.contactsPrevious}` },
                    { title: t('grading.vip.spend'), key: 'spend', width: 180, render: (_, r) => `${money(r.spendCurrent)} / ${money(r.spendPrevious)}` },
                    { title: t('grading.vip.factors.complaints'), dataIndex: 'complaints', width: 80 },
                  ]}
                />
              </>
            ),
          },
        ]} />
      </Card>
    </>
  );
}
