import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProcessStepState, TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../ui/format';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { ticketsApi } from '../ticketsApi';
import { useTicketMutation } from './useTicketMutation';

function StepDue({ step }: { step: ProcessStepState }) {
  const { t } = useTranslation();
  if (step.state === 'done') return <span className="kefu-muted">{t('ticket.process.doneAt', { time: formatDateTime(step.doneAt) })}</span>;
  if (!step.dueAt) return null;
  const overdue = step.state === 'active' && dayjs(step.dueAt).isBefore(dayjs());
  return (
    <span style={overdue ? { color: '#d92d20' } : undefined} className={overdue ? undefined : 'kefu-muted'}>
      {t('ticket.process.dueAt', { time: formatDateTime(step.dueAt) })}
    </span>
  );
}

/** The work order's procedure (process template): ordered steps, each with its checklist and due time. */
export function ProcessCard({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { userName } = useDirectoryLookup();
  const [note, setNote] = useState('');
  const isEn = i18n.language === 'en';
  const steps = ticket.process?.steps ?? [];
  const toggle = useTicketMutation(({ stepKey, itemKey, checked }: { stepKey: string; itemKey: string; checked: boolean }) =>
    ticketsApi.processChecklist(ticket.id, stepKey, { version: ticket.version, itemKey, checked }),
  );
  const complete = useTicketMutation(
    (stepKey: string) => ticketsApi.processComplete(ticket.id, stepKey, { version: ticket.version, note: note.trim() || undefined }),
    t('ticket.process.completed'),
  );
  if (steps.length === 0) return null;

  const canWork = can('tickets.update') && ticket.status !== 'closed' && ticket.status !== 'resolved';
  const activeIndex = steps.findIndex((s) => s.state === 'active');
  const current = activeIndex >= 0 ? steps[activeIndex] : undefined;
  const doneCount = steps.filter((s) => s.state === 'done').length;

  return (
    <Card title={t('ticket.process.title')} extra={<Tag color={doneCount === steps.length ? 'green' : 'blue'}>{t('ticket.process.progress', { done: doneCount, total: steps.length })}</Tag>} data-testid="process-card">
      <Steps
        size="small"
        current={activeIndex >= 0 ? activeIndex : steps.length}
        items={steps.map((step) => ({
          title: isEn ? step.nameEn : step.nameZh,
          status: step.state === 'done' ? 'finish' : step.state === 'active' ? 'process' : 'wait',
          content: <StepDue step={step} />,
        }))}
      />
      {current && (
        <div style={{ marginTop: 16, padding: '12px 14px', background: '#f7f9fd', borderRadius: 8 }}>
          <Typography.Text strong>{t('ticket.process.current', { name: isEn ? current.nameEn : current.nameZh })}</Typography.Text>
          <Flex vertical gap={6} style={{ marginTop: 8 }}>
            {current.checklist.length === 0 && <span className="kefu-muted">{t('ticket.process.noChecklist')}</span>}
            {current.checklist.map((item) => (
              <Checkbox
                key={item.key}
                checked={current.checked.includes(item.key)}
                disabled={!canWork || toggle.isPending}
                onChange={(e) => toggle.mutate({ stepKey: current.key, itemKey: item.key, checked: e.target.checked })}
              >
                {isEn ? item.labelEn : item.labelZh}
              </Checkbox>
            ))}
          </Flex>
          {canWork && (
            <Flex gap={8} style={{ marginTop: 12 }}>
              <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ticket.process.notePlaceholder')} />
              <Button
                type="primary"
                loading={complete.isPending}
                disabled={current.checklist.some((item) => !current.checked.includes(item.key))}
                onClick={() => complete.mutate(current.key, { onSuccess: () => setNote('') })}
                data-testid="process-complete"
              >
                {t('ticket.process.complete')}
              </Button>
            </Flex>
          )}
        </div>
      )}
      {!current && doneCount === steps.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('ticket.process.allDone')}
          {steps.at(-1)?.doneBy ? ` · ${userName(steps.at(-1)?.doneBy)}` : ''}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
