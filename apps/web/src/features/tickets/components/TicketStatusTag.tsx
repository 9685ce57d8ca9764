import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '@kefu/shared';

export const STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'blue',
  assigned: 'cyan',
  in_progress: 'geekblue',
  waiting_customer: 'gold',
  waiting_department: 'orange',
  resolved: 'green',
  closed: 'default',
};

export function TicketStatusTag({ status }: { status: TicketStatus | string }) {
  const { t } = useTranslation();
  const known = status in STATUS_COLORS;
  return (
    <Tag color={known ? STATUS_COLORS[status as TicketStatus] : 'default'} style={{ marginInlineEnd: 0 }}>
      {known ? t(`status.${status as TicketStatus}`) : status}
    </Tag>
  );
}
