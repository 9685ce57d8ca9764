import { useState } from 'react';
import { Button, Card, Col, Row, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeaveRequest, Swap } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { CoverageCard } from './CoverageCard';
import { useDecideLeave, useDecideSwap, useLeave, useSwaps } from './rostersApi';
import { shiftLabel } from './SwapRequestModal';

/** 请假换班审批: the leave and swap requests waiting for this leader (or director), with the day's headcount. */
export function RosterApprovalsPage() {
  const { t } = useTranslation();
  const leave = useLeave({ inbox: true });
  const allLeave = useLeave({});
  const swaps = useSwaps({ inbox: true });
  const decideLeave = useDecideLeave();
  const decideSwap = useDecideSwap();
  const [coverageDate, setCoverageDate] = useState<string | null>(null);

  const onLeave = async (l: LeaveRequest, approve: boolean) => {
    await decideLeave.mutateAsync({ id: l.id, version: l.version, approve });
    notifySuccess(approve ? t('rosters.approvals.approved') : t('rosters.approvals.rejected'));
  };
  const onSwap = async (s: Swap, approve: boolean) => {
    await decideSwap.mutateAsync({ id: s.id, version: s.version, approve });
    notifySuccess(approve ? t('rosters.approvals.approved') : t('rosters.approvals.rejected'));
  };

  const leaveColumns = (actions: boolean) => [
    { title: t('rosters.common.person'), dataIndex: 'userName' },
    { title: t('rosters.leaveForm.kind'), dataIndex: 'kind', render: (k: LeaveRequest['kind']) => t(`rosters.kind.${k}`) },
    {
      title: t('rosters.leaveForm.period'),
      key: 'period',
      render: (_: unknown, l: LeaveRequest) => (
        <Button type="link" size="small" onClick={() => setCoverageDate(formatDate(l.startsAt))}>
          {formatDateTime(l.startsAt)} – {formatDateTime(l.endsAt).slice(11)}
        </Button>
      ),
    },
    { title: t('rosters.approvals.needsDirector'), key: 'days', render: (_: unknown, l: LeaveRequest) => <Space size={4}>{t('rosters.common.days', { days: l.days })}{l.needsDirector && <Tag color="volcano">{t('rosters.approvals.needsDirector')}</Tag>}</Space> },
    { title: t('rosters.common.reason'), dataIndex: 'reason' },
    { title: t('rosters.approvals.certificate'), dataIndex: 'certificateRef', render: (c: string | null) => c ?? '—' },
    { title: t('rosters.common.status'), dataIndex: 'status', render: (s: LeaveRequest['status']) => <Tag>{t(`rosters.leaveStatus.${s}`)}</Tag> },
    ...(actions
      ? [
          {
            key: 'actions',
            width: 150,
            render: (_: unknown, l: LeaveRequest) => (
              <Space size={0}>
                <Button type="link" onClick={() => void onLeave(l, true)} data-testid={`approve-leave-${l.id}`}>{t('rosters.common.approve')}</Button>
                <Button type="link" danger onClick={() => void onLeave(l, false)}>{t('rosters.common.reject')}</Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('rosters.approvals.title')} subtitle={t('rosters.approvals.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} xl={coverageDate ? 16 : 24}>
          <Card>
            <Tabs
              items={[
                {
                  key: 'leave',
                  label: `${t('rosters.approvals.leaveTab')} (${leave.data?.length ?? 0})`,
                  children: <Table<LeaveRequest> rowKey="id" size="small" loading={leave.isLoading} dataSource={leave.data ?? []} pagination={false} locale={{ emptyText: t('rosters.approvals.emptyLeave') }} columns={leaveColumns(true)} />,
                },
                {
                  key: 'swaps',
                  label: `${t('rosters.approvals.swapTab')} (${swaps.data?.length ?? 0})`,
                  children: (
                    <Table<Swap>
                      rowKey="id"
                      size="small"
                      loading={swaps.isLoading}
                      dataSource={swaps.data ?? []}
                      pagination={false}
                      locale={{ emptyText: t('rosters.approvals.emptySwap') }}
                      columns={[
                        { title: t('rosters.approvals.requester'), key: 'a', render: (_, s) => `${s.requesterName} · ${shiftLabel(s.requesterShift)}` },
                        { title: t('rosters.approvals.counterpart'), key: 'b', render: (_, s) => `${s.counterpartName} · ${shiftLabel(s.counterpartShift)}` },
                        { title: t('rosters.common.reason'), dataIndex: 'reason' },
                        { title: t('rosters.approvals.leaderA'), key: 'la', render: (_, s) => <Tag color={s.requesterLeaderId ? 'green' : 'default'}>{s.requesterLeaderId ? t('rosters.approvals.signed') : t('rosters.approvals.waiting')}</Tag> },
                        { title: t('rosters.approvals.leaderB'), key: 'lb', render: (_, s) => <Tag color={s.counterpartLeaderId ? 'green' : 'default'}>{s.counterpartLeaderId ? t('rosters.approvals.signed') : t('rosters.approvals.waiting')}</Tag> },
                        {
                          key: 'actions',
                          width: 150,
                          render: (_, s) => (
                            <Space size={0}>
                              <Button type="link" onClick={() => void onSwap(s, true)}>{t('rosters.common.approve')}</Button>
                              <Button type="link" danger onClick={() => void onSwap(s, false)}>{t('rosters.common.reject')}</Button>
                            </Space>
                          ),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'all',
                  label: t('rosters.approvals.allLeave'),
                  children: <Table<LeaveRequest> rowKey="id" size="small" loading={allLeave.isLoading} dataSource={allLeave.data ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={leaveColumns(false)} />,
                },
              ]}
            />
          </Card>
        </Col>
        {coverageDate && (
          <Col xs={24} xl={8}>
            <CoverageCard date={coverageDate} />
          </Col>
        )}
      </Row>
    </>
  );
}
