import { useState } from 'react';
import { Badge, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SlaPolicy } from '@kefu/shared';
import { PageHeader } from '../../ui/PageHeader';
import { useDirectoryLookup } from '../directory/useDirectory';
import { isPreset } from './policyForm';
import { SlaPolicyFormModal } from './SlaPolicyFormModal';
import { slaApi, slaKeys } from './slaApi';

const hours = (minutes: number | null) => (minutes === null ? '—' : `${Math.round((minutes / 60) * 100) / 100}`);

/** SLA 策略: which targets apply to which work orders, with their calendar and escalation ladder. */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const { ticketTypeName } = useDirectoryLookup();
  const policies = useQuery({ queryKey: slaKeys.policies, queryFn: slaApi.policies });
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);

  const criteria = (p: SlaPolicy) => {
    const tags = [
      p.typeKey && `${t('sla.policies.type')}：${ticketTypeName(p.typeKey)}`,
      p.priority && `${t('sla.policies.priority')}：${t(`priority.${p.priority}` as never)}`,
      p.channel && `${t('sla.policies.channel')}：${t(`channel.${p.channel}` as never)}`,
      p.customerGrade && `${t('sla.policies.grade')}：${t('sla.policies.gradeValue', { grade: p.customerGrade })}`,
    ].filter(Boolean) as string[];
    return tags.length ? (
      <Flex gap={4} wrap>
        {tags.map((text) => (
          <Tag key={text}>{text}</Tag>
        ))}
      </Flex>
    ) : (
      <span className="kefu-muted">{t('sla.policies.any')}</span>
    );
  };

  return (
    <>
      <PageHeader
        title={t('sla.policies.title')}
        subtitle={t('sla.policies.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="sla-policy-create">
            {t('sla.policies.create')}
          </Button>
        }
      />
      <Card>
        <Table<SlaPolicy>
          rowKey="id"
          size="middle"
          loading={policies.isLoading}
          dataSource={policies.data?.items}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('sla.policies.empty') }}
          data-testid="sla-policies"
          columns={[
            { title: t('sla.policies.sortOrder'), dataIndex: 'sortOrder', width: 70 },
            {
              title: t('sla.policies.name'),
              dataIndex: 'name',
              width: 200,
              render: (name: string, p) => (
                <span>
                  {name} {p.builtinKey && <Tag color="blue">{t('sla.policies.builtin')}</Tag>}
                </span>
              ),
            },
            { title: t('sla.policies.criteria'), key: 'criteria', render: (_, p) => criteria(p) },
            {
              title: t('sla.policies.calendar'),
              key: 'calendar',
              width: 150,
              render: (_, p) => (
                <Flex vertical>
                  <span>{isPreset(p.calendar) ? p.calendar : t('sla.policies.calendarCustom')}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`sla.policies.basis.${p.timeBasis}`)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('sla.policies.targets'),
              key: 'targets',
              width: 200,
              render: (_, p) => (
                <Flex vertical style={{ fontSize: 12 }}>
                  <span>{t('sla.policies.firstReply')}：{hours(p.firstReplyMinutes)}</span>
                  <span>{t('sla.policies.update')}：{hours(p.updateMinutes)}</span>
                  <span>{t('sla.policies.resolution')}：{hours(p.resolutionMinutes)}</span>
                </Flex>
              ),
            },
            {
              title: t('sla.policies.ladder'),
              key: 'ladder',
              width: 220,
              render: (_, p) => (
                <Flex vertical style={{ fontSize: 12 }}>
                  {p.escalation.map((s) => (
                    <span key={`${s.percent}-${s.notify}`}>
                      {t('sla.policies.ladderStep', { percent: s.percent, recipient: t(`sla.policies.recipientName.${s.notify}`) })}
                      <span className="kefu-muted"> · {s.channels.map((c) => t(`sla.policies.channelName.${c}`)).join('、')}</span>
                    </span>
                  ))}
                </Flex>
              ),
            },
            {
              title: t('sla.policies.active'),
              dataIndex: 'active',
              width: 90,
              render: (a: boolean) => <Badge status={a ? 'success' : 'default'} text={a ? t('common.active') : t('common.inactive')} />,
            },
            {
              key: 'actions',
              width: 90,
              fixed: 'right',
              render: (_, p) => (
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`sla-policy-edit-${p.id}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <SlaPolicyFormModal open={editing !== null} policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
