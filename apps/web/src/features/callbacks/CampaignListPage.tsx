import { useState } from 'react';
import { Button, type ButtonProps, Card, Drawer, Form, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallbackItem, Campaign } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { callbacksApi, callbacksKeys } from './callbacksApi';
import { CampaignFormModal } from './CampaignFormModal';

const STATUS_COLOR = { draft: 'default', active: 'processing', closed: 'success' } as const;

/** 回访任务: campaigns with progress; create, generate and deal out the list, look at it, close. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [generating, setGenerating] = useState<Campaign | null>(null);
  const [viewing, setViewing] = useState<Campaign | null>(null);
  const campaigns = useQuery({ queryKey: callbacksKeys.campaigns, queryFn: callbacksApi.campaigns });
  const close = useMutation({
    mutationFn: (c: Campaign) => callbacksApi.updateCampaign(c.id, { version: c.version, status: 'closed' }),
    onSuccess: () => {
      notifySuccess(t('callbacks.campaigns.closed'));
      void queryClient.invalidateQueries({ queryKey: callbacksKeys.campaigns });
    },
  });

  return (
    <>
      <PageHeader
        title={t('callbacks.campaigns.title')}
        subtitle={t('callbacks.campaigns.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">{t('callbacks.campaigns.create')}</Button>}
      />
      <Card>
        <Table<Campaign>
          rowKey="id"
          loading={campaigns.isLoading}
          dataSource={campaigns.data?.items ?? []}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('callbacks.campaigns.empty') }}
          columns={[
            {
              title: t('callbacks.campaigns.name'), dataIndex: 'name',
              render: (name: string, c) => (<Space direction="vertical" size={0}><Typography.Text strong>{name}</Typography.Text>{c.purpose && <span className="kefu-muted">{c.purpose}</span>}</Space>),
            },
            { title: t('callbacks.campaigns.status'), dataIndex: 'status', width: 100, render: (s: Campaign['status']) => <Tag color={STATUS_COLOR[s]}>{t(`callbacks.campaignStatus.${s}`)}</Tag> },
            { title: t('callbacks.campaigns.items'), width: 90, render: (_, c) => c.counts.items },
            {
              title: t('callbacks.campaigns.progress'), width: 260,
              render: (_, c) => c.counts.items === 0 ? '—' : (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Progress percent={Math.round(((c.counts.items - c.counts.pending) / c.counts.items) * 100)} size="small" />
                  <span className="kefu-muted">
                    {(['done', 'unreachable', 'refused', 'pending'] as const).map((k) => `${t(`callbacks.itemStatus.${k}`)} ${c.counts[k]}`).join(' · ')}
                  </span>
                </Space>
              ),
            },
            { title: t('callbacks.campaigns.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
            {
              key: 'actions', width: 280,
              render: (_, c) => (
                <Space wrap>
                  {c.status === 'draft' && <Button type="link" icon={<TeamOutlined />} onClick={() => setGenerating(c)} data-testid={`campaign-generate-${c.id}`}>{t('callbacks.campaigns.generate')}</Button>}
                  {c.generatedAt && <Button type="link" icon={<UnorderedListOutlined />} onClick={() => setViewing(c)}>{t('callbacks.campaigns.viewItems')}</Button>}
                  {c.status !== 'closed' && (
                    <Popconfirm title={t('callbacks.campaigns.closeConfirm')} onConfirm={() => close.mutate(c)}>
                      <Button type="link" danger icon={<StopOutlined />}>{t('callbacks.campaigns.close')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <CampaignFormModal open={creating} onClose={() => setCreating(false)} />
      {generating && <GenerateModal campaign={generating} onClose={() => setGenerating(null)} />}
      <CampaignItemsDrawer campaign={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

function GenerateModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [agentIds, setAgentIds] = useState<number[]>([]);
  const agents = useQuery({ queryKey: callbacksKeys.agents, queryFn: callbacksApi.agents });
  const preview = useQuery({ queryKey: ['callbacks', 'preview', campaign.id], queryFn: () => callbacksApi.preview(campaign.target) });
  const generate = useMutation({
    mutationFn: () => callbacksApi.generate(campaign.id, { version: campaign.version, agentIds }),
    onSuccess: (c) => {
      notifySuccess(t('callbacks.campaigns.generated', { count: c.counts.items }));
      void queryClient.invalidateQueries({ queryKey: ['callbacks'] });
      onClose();
    },
  });
  const count = preview.data?.count ?? 0;
  return (
    <Modal open title={t('callbacks.generate.title', { name: campaign.name })} onCancel={onClose} onOk={() => generate.mutate()} okText={t('callbacks.generate.submit')} confirmLoading={generate.isPending} okButtonProps={{ disabled: agentIds.length === 0, 'data-testid': 'generate-submit' } as ButtonProps}>
      <Form layout="vertical">
        <Form.Item label={t('callbacks.generate.agents')} extra={t('callbacks.generate.agentsHelp')}>
          <Select mode="multiple" data-testid="generate-agents" value={agentIds} onChange={setAgentIds} optionFilterProp="label" loading={agents.isLoading} options={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        {agentIds.length > 0 && <Typography.Text>{t('callbacks.generate.split', { count, each: Math.ceil(count / agentIds.length) })}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function CampaignItemsDrawer({ campaign, onClose }: { campaign: Campaign | null; onClose: () => void }) {
  const { t } = useTranslation();
  const items = useQuery({ queryKey: callbacksKeys.campaignItems(campaign?.id ?? 0), queryFn: () => callbacksApi.campaignItems(campaign!.id), enabled: campaign !== null });
  return (
    <Drawer open={campaign !== null} onClose={onClose} width={860} title={campaign?.name}>
      {campaign && (
        <Space wrap style={{ marginBottom: 12 }}>
          {campaign.agents.map((a) => <Tag key={a.id}>{a.name}: {a.done}/{a.items}</Tag>)}
        </Space>
      )}
      <Table<CallbackItem>
        rowKey="id"
        size="small"
        loading={items.isLoading}
        dataSource={items.data?.items ?? []}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('callbacks.work.customer'), render: (_, i) => i.customer?.name ?? '—' },
          { title: t('callbacks.work.ticket'), render: (_, i) => i.ticket?.number ?? '—' },
          { title: t('callbacks.stats.agent'), render: (_, i) => i.assignee?.name ?? '—' },
          { title: t('callbacks.campaigns.status'), render: (_, i) => t(`callbacks.itemStatus.${i.status}`) },
          { title: t('callbacks.surveys.result'), render: (_, i) => (i.satisfaction ? t(`callbacks.satisfaction.${i.satisfaction}`) : '—') },
          { title: t('callbacks.work.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
        ]}
      />
    </Drawer>
  );
}
