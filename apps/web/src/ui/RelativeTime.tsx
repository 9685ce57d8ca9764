import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format';

/** "3 小时前" with the exact time on hover; re-renders with the UI language. */
export function RelativeTime({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return <span className="kefu-muted">—</span>;
  return (
    <Tooltip title={formatDateTime(value)}>
      <span key={i18n.language}>{dayjs(value).fromNow()}</span>
    </Tooltip>
  );
}
