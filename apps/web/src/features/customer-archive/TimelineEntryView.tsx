import { Flex, Tag, Typography } from 'antd';
import type { TimelineEntry } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../ui/format';
import { formatDuration } from '../wallboard/wallboardFormat';

type Facts = TimelineEntry['facts'];
const str = (facts: Facts, key: string): string | null => (typeof facts[key] === 'string' ? (facts[key] as string) : null);
const num = (facts: Facts, key: string): number | null => (typeof facts[key] === 'number' ? (facts[key] as number) : null);

/** The badges of one entry, from its facts. */
function FactTags({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const f = entry.facts;
  const tags: { key: string; text: string; color?: string }[] = [];
  const satisfaction = str(f, 'satisfaction');
  switch (entry.kind) {
    case 'ticket':
      if (str(f, 'status')) tags.push({ key: 'status', text: t(`status.${str(f, 'status')}` as 'status.new') });
      break;
    case 'complaint':
      if (str(f, 'grade')) tags.push({ key: 'grade', text: t(`complaints.grade.${str(f, 'grade')}` as 'complaints.grade.general'), color: str(f, 'grade') === 'serious' ? 'red' : 'orange' });
      break;
    case 'call': {
      if (str(f, 'direction')) tags.push({ key: 'dir', text: t(`customerArchive.timeline.direction.${str(f, 'direction') === 'out' ? 'out' : 'in'}`) });
      const result = str(f, 'result');
      if (result) tags.push({ key: 'result', text: t(`customerArchive.timeline.callResult.${result}` as 'customerArchive.timeline.callResult.answered'), color: result === 'answered' ? 'green' : 'red' });
      const talk = num(f, 'talkSeconds');
      if (talk !== null) tags.push({ key: 'talk', text: t('customerArchive.timeline.talk', { duration: formatDuration(talk) }) });
      break;
    }
    case 'follow_up':
      tags.push({ key: 'channel', text: t(`grading.channel.${str(f, 'channel')}` as 'grading.channel.phone') });
      tags.push({ key: 'grade', text: t('customerArchive.timeline.grade', { before: str(f, 'gradeBefore') ?? '—', after: str(f, 'gradeAfter') ?? '—' }), color: 'purple' });
      break;
    case 'purchase':
      if (num(f, 'amount') !== null) tags.push({ key: 'amount', text: t('customerArchive.timeline.amount', { amount: num(f, 'amount')!.toFixed(2) }), color: 'orange' });
      break;
    case 'contract':
      if (str(f, 'status')) tags.push({ key: 'status', text: t(`contracts.contractStatus.${str(f, 'status')}` as 'contracts.contractStatus.active') });
      if (str(f, 'startDate') && str(f, 'endDate')) tags.push({ key: 'period', text: t('customerArchive.timeline.period', { start: str(f, 'startDate'), end: str(f, 'endDate') }) });
      break;
    case 'callback':
      if (str(f, 'status')) tags.push({ key: 'status', text: t(`customerArchive.callbackStatus.${str(f, 'status')}` as 'customerArchive.callbackStatus.done') });
      break;
    case 'contact':
      tags.push({ key: 'channel', text: t(`customerArchive.contact.channel.${str(f, 'channel')}` as 'customerArchive.contact.channel.visit') });
      if (str(f, 'direction')) tags.push({ key: 'dir', text: t(`customerArchive.timeline.contactDirection.${str(f, 'direction') === 'in' ? 'in' : 'out'}`) });
      break;
    default:
      break;
  }
  if (satisfaction) tags.push({ key: 'sat', text: t(`customerArchive.satisfaction.${satisfaction}` as 'customerArchive.satisfaction.satisfied'), color: satisfaction.includes('dissatisfied') ? 'red' : 'green' });
  if (num(f, 'rating') !== null) tags.push({ key: 'rating', text: t('customerArchive.timeline.rating', { n: num(f, 'rating') }) });
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag.key} color={tag.color} bordered={false}>{tag.text}</Tag>
      ))}
    </>
  );
}

/** One line of the customer's history: what happened, when, by whom, and where to open it. */
export function TimelineEntryView({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const when = entry.event.startsWith('contract_') ? formatDate(entry.at) : formatDateTime(entry.at);
  const label = t(`customerArchive.timeline.event.${entry.event}`);
  const title = entry.restricted ? t('customerArchive.timeline.restricted') : entry.kind === 'contact' && entry.title ? t('customerArchive.timeline.customerSide', { name: entry.title }) : entry.title;
  return (
    <Flex vertical gap={2} data-testid={`timeline-entry-${entry.kind}`}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{label}</Typography.Text>
        {title && (entry.link ? <Link to={entry.link.path}>{title}</Link> : <Typography.Text>{title}</Typography.Text>)}
        <FactTags entry={entry} />
      </Flex>
      {entry.summary && entry.kind !== 'ticket' && entry.kind !== 'complaint' && entry.kind !== 'contract' && (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{entry.summary}</Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {when}
        {entry.summary && (entry.kind === 'ticket' || entry.kind === 'complaint' || entry.kind === 'contract') ? ` · ${entry.summary}` : ''}
        {entry.actor ? ` · ${t('customerArchive.timeline.by', { name: entry.actor.name })}` : ''}
      </Typography.Text>
    </Flex>
  );
}
