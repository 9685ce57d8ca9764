import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Space, Table, Tag } from 'antd';
import { ClockCircleOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { LeaveRequest, RosterShift, Swap } from '@kefu/shared';
import { useMe } from '../../app/auth/AuthContext';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { LeaveRequestModal } from './LeaveRequestModal';
import { useCancelLeave, useCancelSwap, useClock, useLeave, useShifts, useSwaps } from './rostersApi';
import { shiftLabel, SwapRequestModal } from './SwapRequestModal';

const hhmm = (iso: string) => formatDateTime(iso).slice(11);

/** 我的排班: this week and the next two, with leave and swap requests. */
export function MyRosterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const range = useMemo(() => ({ from: dayjs().startOf('week').format('YYYY-MM-DD'), to: dayjs().startOf('week').add(20, 'day').format('YYYY-MM-DD') }), []);
  const roster = useShifts(range);
  const leave = useLeave({ mine: true });
  const swaps = useSwaps({ mine: true });
  const cancelLeave = useCancelLeave();
  const cancelSwap = useCancelSwap();
  const clock = useClock();
  const [leaveFor, setLeaveFor] = useState<RosterShift | null | undefined>(undefined);
  const [swapFor, setSwapFor] = useState<RosterShift | null | undefined>(undefined);

  const all = roster.data ?? [];
  const now = Date.now();
  const mine = all.filter((s) => s.userId === me.id);
  const upcomingMine = mine.filter((s) => Date.parse(s.startsAt) > now && s.status === 'scheduled');
  const others = all.filter((s) => s.userId !== me.id && Date.parse(s.startsAt) > now && s.status === 'scheduled');

  const onClock = async (kind: 'in' | 'out') => {
    await clock.mutateAsync(kind);
    notifySuccess(t('rosters.my.clocked'));
  };

  return (
    <>
      <PageHeader
        title={t('rosters.my.title')}
        subtitle={t('rosters.my.subtitle')}
        extra={
          <>
            <Button icon={<ClockCircleOutlined />} onClick={() => void onClock('in')} loading={clock.isPending}>{t('rosters.my.clockIn')}</Button>
            <Button icon={<ClockCircleOutlined />} onClick={() => void onClock('out')} loading={clock.isPending}>{t('rosters.my.clockOut')}</Button>
            <Button onClick={() => setLeaveFor(null)}>{t('rosters.my.requestLeave')}</Button>
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setSwapFor(null)} data-testid="request-swap">{t('rosters.my.requestSwap')}</Button>
          </>
        }
      />
      <Alert type="info" showIcon title={t('rosters.my.rulesHint')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('rosters.my.shifts')}>
            <Table<RosterShift>
              rowKey="id"
              size="small"
              loading={roster.isLoading}
              dataSource={mine}
              pagination={false}
              locale={{ emptyText: t('rosters.my.noShifts') }}
              columns={[
                { title: t('rosters.common.date'), dataIndex: 'date', width: 120, render: (d: string) => `${d} ${dayjs(d).format('ddd')}` },
                {
                  title: t('rosters.common.shift'),
                  key: 'shift',
                  render: (_, s) => (
                    <Space size={4}>
                      <Tag color={s.isNight ? 'purple' : 'blue'}>{s.shiftCode}</Tag>
                      {hhmm(s.startsAt)}–{hhmm(s.endsAt)}
                      {s.swapId && <Tag color="orange">{t('rosters.common.swapped')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('rosters.common.status'), dataIndex: 'status', width: 80, render: (st: RosterShift['status']) => <Tag color={st === 'leave' ? 'red' : 'green'}>{t(`rosters.shiftStatus.${st}`)}</Tag> },
                {
                  key: 'actions',
                  width: 140,
                  render: (_, s) =>
                    Date.parse(s.startsAt) > now && s.status === 'scheduled' ? (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => setLeaveFor(s)}>{t('rosters.my.requestLeave')}</Button>
                        <Button type="link" size="small" onClick={() => setSwapFor(s)}>{t('rosters.my.requestSwap')}</Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card title={t('rosters.my.leave')}>
              <Table<LeaveRequest>
                rowKey="id"
                size="small"
                loading={leave.isLoading}
                dataSource={leave.data ?? []}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                locale={{ emptyText: t('rosters.my.noLeave') }}
                columns={[
                  { title: t('rosters.leaveForm.kind'), dataIndex: 'kind', render: (k: LeaveRequest['kind']) => t(`rosters.kind.${k}`) },
                  { title: t('rosters.leaveForm.period'), key: 'period', render: (_, l) => `${formatDateTime(l.startsAt)} – ${hhmm(l.endsAt)}` },
                  { title: t('rosters.common.status'), dataIndex: 'status', render: (s: LeaveRequest['status']) => <Tag>{t(`rosters.leaveStatus.${s}`)}</Tag> },
                  {
                    key: 'actions',
                    render: (_, l) =>
                      ['pending', 'pending_director', 'approved'].includes(l.status) && Date.parse(l.endsAt) > now ? (
                        <Button type="link" size="small" onClick={() => cancelLeave.mutate({ id: l.id, version: l.version })}>{t('rosters.common.cancel')}</Button>
                      ) : null,
                  },
                ]}
              />
            </Card>
            <Card title={t('rosters.my.swaps')}>
              <Table<Swap>
                rowKey="id"
                size="small"
                loading={swaps.isLoading}
                dataSource={swaps.data ?? []}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                locale={{ emptyText: t('rosters.my.noSwaps') }}
                columns={[
                  { title: t('rosters.approvals.requester'), key: 'a', render: (_, s) => `${s.requesterName} · ${shiftLabel(s.requesterShift)}` },
                  { title: t('rosters.approvals.counterpart'), key: 'b', render: (_, s) => `${s.counterpartName} · ${shiftLabel(s.counterpartShift)}` },
                  { title: t('rosters.common.status'), dataIndex: 'status', render: (st: Swap['status']) => <Tag>{t(`rosters.swapStatus.${st}`)}</Tag> },
                  {
                    key: 'actions',
                    render: (_, s) =>
                      s.status === 'pending' && s.requesterId === me.id ? (
                        <Button type="link" size="small" onClick={() => cancelSwap.mutate({ id: s.id, version: s.version })}>{t('rosters.common.cancel')}</Button>
                      ) : null,
                  },
                ]}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      <LeaveRequestModal open={leaveFor !== undefined} shift={leaveFor ?? null} onClose={() => setLeaveFor(undefined)} />
      <SwapRequestModal open={swapFor !== undefined} myShift={swapFor ?? null} mine={upcomingMine} others={others} onClose={() => setSwapFor(undefined)} />
    </>
  );
}
