import { memo, useMemo } from 'react';
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentState, Wallboard } from '@kefu/shared';
import { formatDuration } from './wallboardFormat';
import { useSecondTick } from './useSecondTick';

export const STATE_COLORS: Record<AgentState, string> = { ready: 'green', on_call: 'blue', after_call_work: 'gold', break: 'orange', offline: 'default' };

type Agent = Wallboard['agents'][number];

/** How long an agent has been in the state; ticks by itself. */
function Since({ since }: { since: string | null }) {
  const now = useSecondTick();
  return <>{since ? formatDuration(Math.max(0, Math.round((now - Date.parse(since)) / 1000))) : '—'}</>;
}

/**
 * The agents by state. Memoized: it renders again only when the agents changed, not on every tick of the clock or
 * every refetch of the rest of the wallboard.
 */
export const WallboardAgents = memo(function WallboardAgents({ agents }: { agents: Agent[] | undefined }) {
  const { t } = useTranslation();
  const columns = useMemo<TableColumnsType<Agent>>(() => [
    { title: t('wallboard.agent'), render: (_, a) => a.user.name },
    { title: t('wallboard.extension'), dataIndex: 'extension', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('wallboard.state'), width: 150, render: (_, a) => <Tag color={STATE_COLORS[a.state]}>{t(`agentState.${a.state}`)}{a.reason ? `（${a.reason}）` : ''}</Tag> },
    { title: t('wallboard.for'), width: 90, render: (_, a) => <Since since={a.since} /> },
  ], [t]);
  // Virtual: only the rows in view are in the page, whether the center has 20 agents or 300.
  return <Table virtual rowKey={(a) => a.user.id} size="small" pagination={false} scroll={{ y: 420 }} dataSource={agents} columns={columns} data-testid="wallboard-agents" />;
});
