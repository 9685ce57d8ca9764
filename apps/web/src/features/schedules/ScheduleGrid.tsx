import { useMemo } from 'react';
import { Dropdown, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftDetail } from '@kefu/shared';
import { addDays } from './schedulesApi';

const COLOURS = ['blue', 'cyan', 'green', 'gold', 'orange', 'purple', 'magenta', 'geekblue'];
const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

export type GridEdit =
  | { action: 'assign'; userId: number; date: string; shiftCode: string }
  | { action: 'unassign'; userId: number; date: string }
  | { action: 'move'; userId: number; date: string; toUserId: number; toDate: string };

/** Agents × days; a cell's menu assigns a shift or a day off; a shift dragged onto another cell moves there. */
export function ScheduleGrid({ draft, onEdit }: { draft: DraftDetail; onEdit: (edit: GridEdit) => void }) {
  const { t } = useTranslation();
  const editable = draft.status === 'draft';
  const cells = useMemo(() => new Map(draft.assignments.map((a) => [`${a.userId}|${a.date}`, a.shiftCode])), [draft.assignments]);
  const leave = useMemo(() => new Set(draft.leave.map((l) => `${l.userId}|${l.date}`)), [draft.leave]);
  const colour = useMemo(() => new Map(draft.patterns.map((p, i) => [p.code, p.night ? 'purple' : COLOURS[i % COLOURS.length]!])), [draft.patterns]);
  const dates = Array.from({ length: draft.horizonDays }, (_, d) => addDays(draft.start, d));
  const menu = (userId: number, date: string) => ({
    items: [
      ...draft.patterns.map((p) => ({ key: p.code, label: `${p.code} ${p.start} ${p.name}` })),
      { key: '__off', label: t('schedules.grid.off') },
    ],
    onClick: ({ key }: { key: string }) => onEdit(key === '__off' ? { action: 'unassign', userId, date } : { action: 'assign', userId, date, shiftCode: key }),
  });
  const cell = (userId: number, date: string) => {
    const code = cells.get(`${userId}|${date}`);
    const content = (
      <div
        data-testid={`cell-${userId}-${date}`}
        style={{ minHeight: 24, cursor: editable ? 'pointer' : 'default', background: leave.has(`${userId}|${date}`) ? '#fff1f0' : undefined }}
        onDragOver={(e) => editable && e.preventDefault()}
        onDrop={(e) => {
          const from = e.dataTransfer.getData('text/plain');
          if (!from || !editable) return;
          const [fromUser, fromDate] = from.split('|');
          if (Number(fromUser) !== userId || fromDate !== date) onEdit({ action: 'move', userId: Number(fromUser), date: fromDate!, toUserId: userId, toDate: date });
        }}
      >
        {code ? (
          <Tag color={colour.get(code)} draggable={editable} onDragStart={(e) => e.dataTransfer.setData('text/plain', `${userId}|${date}`)} style={{ marginInlineEnd: 0 }}>
            {code}
          </Tag>
        ) : (
          <span style={{ color: '#bbb' }}>{leave.has(`${userId}|${date}`) ? '假' : '·'}</span>
        )}
      </div>
    );
    return editable ? <Dropdown menu={menu(userId, date)} trigger={['click']}>{content}</Dropdown> : content;
  };
  return (
    <Table
      size="small"
      bordered
      rowKey="userId"
      pagination={false}
      scroll={{ x: 140 + dates.length * 44, y: 560 }}
      dataSource={draft.agents}
      columns={[
        { title: t('schedules.grid.agent'), dataIndex: 'name', fixed: 'left', width: 110 },
        { title: t('schedules.grid.days'), key: 'n', fixed: 'left', width: 48, render: (_, a) => draft.assignments.filter((x) => x.userId === a.userId).length },
        ...dates.map((date) => {
          const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
          return {
            title: <Tooltip title={date}><span style={{ color: weekday % 6 === 0 ? '#cf1322' : undefined }}>{date.slice(8)}<br />{WEEKDAY_ZH[weekday]}</span></Tooltip>,
            key: date,
            width: 44,
            align: 'center' as const,
            render: (_: unknown, a: DraftDetail['agents'][number]) => cell(a.userId, date),
          };
        }),
      ]}
    />
  );
}
