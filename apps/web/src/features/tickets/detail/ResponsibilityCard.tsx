import { Avatar, Card, Descriptions, Flex, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '@kefu/shared';
import { formatDateTime } from '../../../ui/format';
import { useDirectoryLookup } from '../../directory/useDirectory';

/** 首问负责人 up front: whoever took the first contact answers to the customer until the end. */
export function ResponsibilityCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { teamName, skillGroupName } = useDirectoryLookup();
  const overdue = ticket.transferDueAt && !['resolved', 'closed'].includes(ticket.status) && dayjs(ticket.transferDueAt).isBefore(dayjs());
  return (
    <Card size="small">
      <Flex align="center" gap={12} style={{ padding: '4px 0 12px' }} data-testid="responsible">
        <Avatar size={44} style={{ background: '#2156d9' }} icon={<SafetyCertificateFilled />} />
        <div>
          <div className="kefu-muted" style={{ fontSize: 12 }}>
            {t('ticket.responsible')}{' '}
            <Tooltip title={t('ticket.responsibleHint')}>
              <InfoCircleOutlined />
            </Tooltip>
          </div>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {ticket.responsible?.name ?? '—'}
          </Typography.Text>
        </div>
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'assignee', label: t('ticket.field.assignee'), children: ticket.assignee?.name ?? <span className="kefu-muted">{t('tickets.unassigned')}</span> },
          { key: 'team', label: t('ticket.field.team'), children: teamName(ticket.teamId) || '—' },
          { key: 'group', label: t('ticket.field.skillGroup'), children: skillGroupName(ticket.skillGroupId) || '—' },
          ...(ticket.department
            ? [
                { key: 'dept', label: t('ticket.field.department'), children: ticket.department.name },
              ]
            : []),
          ...(ticket.transferDueAt
            ? [
                {
                  key: 'due',
                  label: t('ticket.field.transferDue'),
                  children: <span style={overdue ? { color: '#d92d20', fontWeight: 600 } : undefined}>{formatDateTime(ticket.transferDueAt)}</span>,
                },
              ]
            : []),
          { key: 'created', label: t('ticket.field.createdAt'), children: formatDateTime(ticket.createdAt) },
          { key: 'updated', label: t('ticket.field.updatedAt'), children: formatDateTime(ticket.updatedAt) },
          ...(ticket.resolvedAt ? [{ key: 'resolved', label: t('ticket.field.resolvedAt'), children: formatDateTime(ticket.resolvedAt) }] : []),
          ...(ticket.closedAt ? [{ key: 'closed', label: t('ticket.field.closedAt'), children: formatDateTime(ticket.closedAt) }] : []),
          ...(ticket.reopenCount ? [{ key: 'reopen', label: t('ticket.field.reopenCount'), children: ticket.reopenCount }] : []),
        ]}
      />
    </Card>
  );
}
