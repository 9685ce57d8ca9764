import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketSla } from '@kefu/shared';
import { formatDateTime } from '../../ui/format';
import { formatSlaDuration, pauseReasonText } from './formatSla';
import { slaDisplay, type SlaOrder, type SlaTone } from './slaDisplay';
import { useNow } from './useNow';

export const SLA_TONE_COLORS: Record<SlaTone, string> = {
  normal: 'processing',
  warning: 'warning',
  breached: 'error',
  paused: 'default',
  done: 'success',
};

/** A work order's SLA at a glance: the next target's countdown, coloured by urgency (grey while paused). */
export function SlaBadge({ sla, order }: { sla: TicketSla | null | undefined; order: SlaOrder }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!sla) return <span className="kefu-muted">—</span>;
  const d = slaDisplay(sla, order, now);

  const closed = order.status === 'resolved' || order.status === 'closed';
  let text: string;
  if (d.tone === 'paused') text = d.pauseReason ? t('sla.pausedWith', { reason: pauseReasonText(d.pauseReason, t, true) }) : t('sla.paused');
  else if (closed) text = d.tone === 'done' ? t('sla.done') : t('sla.doneLate');
  else if (d.remainingMinutes === null) text = t('sla.noDue');
  else if (d.remainingMinutes < 0 || (d.remainingMinutes === 0 && d.tone === 'breached')) text = t('sla.overdue', { time: formatSlaDuration(d.remainingMinutes, t) });
  else text = t('sla.left', { time: formatSlaDuration(d.remainingMinutes, t) });

  const tip = [
    sla.policy.name,
    d.target ? `${t(`sla.target.${d.target}`)} · ${t('sla.dueAt', { time: formatDateTime(d.dueAt) })}` : null,
    d.breached.length > 0 ? t('sla.breachedEarlier', { targets: d.breached.map((b) => t(`sla.target.${b}`)).join('、') }) : null,
  ].filter(Boolean);

  return (
    <Tooltip title={tip.map((line) => <div key={line}>{line}</div>)}>
      <Tag
        color={SLA_TONE_COLORS[d.tone]}
        icon={d.tone === 'paused' ? <PauseCircleOutlined /> : <ClockCircleOutlined />}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="sla-badge"
        data-tone={d.tone}
      >
        {d.target && d.tone !== 'paused' && !closed && <span style={{ opacity: 0.75, marginInlineEnd: 4 }}>{t(`sla.target.${d.target}`)}</span>}
        {text}
      </Tag>
    </Tooltip>
  );
}
