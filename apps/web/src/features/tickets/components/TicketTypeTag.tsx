import { Tag } from 'antd';
import { useDirectoryLookup } from '../../directory/useDirectory';

const TYPE_COLORS: Record<string, string> = {
  consultation: 'processing',
  suggestion: 'cyan',
  complaint: 'red',
  repair: 'orange',
  callback: 'purple',
};

export function TicketTypeTag({ type }: { type: string }) {
  const { ticketTypeName } = useDirectoryLookup();
  return (
    <Tag color={TYPE_COLORS[type] ?? 'geekblue'} variant="filled" style={{ marginInlineEnd: 0 }}>
      {ticketTypeName(type)}
    </Tag>
  );
}
