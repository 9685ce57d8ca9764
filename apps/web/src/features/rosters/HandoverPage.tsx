import { useState } from 'react';
import { Card, DatePicker, Descriptions, Flex, Input, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Handover } from '@kefu/shared';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { HandoverCurrent } from './HandoverCurrent';
import { HandoverTicketTable } from './HandoverTicketTable';
import { useHandoverHistory } from './rostersApi';

/** 交接班: the current log and the searchable history of signed logs. */
export function HandoverPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const needle = useDebouncedValue(q.trim(), 300);
  const history = useHandoverHistory({ q: needle || undefined, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') });

  return (
    <>
      <PageHeader title={t('rosters.handover.title')} subtitle={t('rosters.handover.subtitle')} />
      <Flex vertical gap={16}>
        <HandoverCurrent />
        <Card title={t('rosters.handover.history')}>
          <Flex gap={8} wrap className="kefu-filter-bar">
            <Input.Search allowClear placeholder={t('rosters.handover.search')} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} data-testid="handover-search" />
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
          </Flex>
          <Table<Handover>
            rowKey="id"
            size="small"
            loading={history.isLoading}
            dataSource={history.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            expandable={{
              expandedRowRender: (h) => (
                <>
                  <Descriptions size="small" column={1} bordered>
                    {(['businessChanges', 'systemProblems', 'staffChanges', 'notes'] as const).map((f) => (
                      <Descriptions.Item key={f} label={t(`rosters.handover.${f}`)}>
                        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{h[f] || '—'}</Typography.Text>
                      </Descriptions.Item>
                    ))}
                  </Descriptions>
                  <Typography.Title level={5} style={{ marginTop: 12 }}>{t('rosters.handover.openTickets')}</Typography.Title>
                  <HandoverTicketTable tickets={h.openTickets} />
                  <Typography.Title level={5}>{t('rosters.handover.complaints')}</Typography.Title>
                  <HandoverTicketTable tickets={h.pendingComplaints} showDue />
                </>
              ),
            }}
            columns={[
              { title: t('rosters.handover.shiftDate'), dataIndex: 'shiftDate', width: 110 },
              { title: t('rosters.handover.shiftCode'), dataIndex: 'shiftCode', width: 70 },
              { title: t('rosters.handover.outgoing'), key: 'out', render: (_, h) => `${h.outgoingLeaderName} ${h.outgoingSignedAt ? formatDateTime(h.outgoingSignedAt).slice(11) : ''}` },
              { title: t('rosters.handover.incoming'), key: 'in', render: (_, h) => (h.incomingLeaderName ? `${h.incomingLeaderName} ${formatDateTime(h.incomingSignedAt).slice(11)}` : '—') },
              { title: t('rosters.handover.openTickets'), key: 'n', width: 110, render: (_, h) => `${h.openTickets.length} / ${h.pendingComplaints.length}` },
              { title: t('rosters.common.status'), dataIndex: 'status', width: 130, render: (s: Handover['status']) => <Tag color={s === 'signed' ? 'green' : 'orange'}>{t(`rosters.handover.statusLabel.${s}`)}</Tag> },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
