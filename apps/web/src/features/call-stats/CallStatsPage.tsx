import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Dropdown, Flex, InputNumber, Select, Space, Tooltip } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { CALL_STATS_DEFAULTS, CALL_STATS_GROUPS, CTI_LIMITS, type CallStats, type CallStatsGroup } from '@kefu/shared';
import { api, apiUrl, toQueryString, type Query } from '../../app/api';
import { useAuth, useMe } from '../../app/auth/AuthContext';
import { notifyError } from '../../app/notify';
import { ErrorResult } from '../../ui/ErrorResult';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { QueueSelect } from '../call-records/QueueSelect';
import { useDirectoryLookup } from '../directory/useDirectory';
import { downloadFile } from '../sla/downloadFile';
import { CallStatsChart } from './CallStatsChart';
import { CallStatsKpis } from './CallStatsKpis';
import { CallStatsTable } from './CallStatsTable';
import { PERIOD_PRESETS, presetRange, rangeDays, rangeToQuery, type DayRange } from './callStatsPeriod';

type GroupChoice = CallStatsGroup | 'totals';
const CHARTED: ReadonlySet<GroupChoice> = new Set(['interval15', 'interval30', 'interval60', 'day']);

/** Room for a number field with its label inside (prefix) in either language: CJK characters are twice as wide. */
const labelledFieldWidth = (label: string) => 100 + [...label].reduce((w, c) => w + (c.charCodeAt(0) >= 0x2e80 ? 14 : 7.5), 0);

/** 话务统计: the hotline's figures over a period, per interval, day, queue, agent or team; Excel / CSV export. */
export function CallStatsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const zone = useMe().tenant.timezone;
  const { userOptions, teamOptions } = useDirectoryLookup();
  const readAll = can('calls.read_all');
  const [range, setRange] = useState<DayRange>(() => presetRange('thisMonth', zone));
  const [groupBy, setGroupBy] = useState<GroupChoice>('day');
  const [queue, setQueue] = useState<string | undefined>();
  const [agent, setAgent] = useState<number | undefined>();
  const [team, setTeam] = useState<number | undefined>();
  const [thresholdInput, setThreshold] = useState<number>(CALL_STATS_DEFAULTS.thresholdSeconds);
  const [shortAbandonInput, setShortAbandon] = useState<number>(CALL_STATS_DEFAULTS.shortAbandonSeconds);
  const threshold = useDebouncedValue(thresholdInput, 400);
  const shortAbandon = useDebouncedValue(shortAbandonInput, 400);

  const isInterval = groupBy.startsWith('interval');
  const days = rangeDays(range);
  const maxDays = isInterval ? CTI_LIMITS.statsIntervalDaysMax : CTI_LIMITS.statsDaysMax;
  const tooLong = days > maxDays;
  const query: Query = {
    ...rangeToQuery(range, zone),
    groupBy: groupBy === 'totals' ? undefined : groupBy,
    queue, agent, team, threshold, shortAbandon,
  };
  const stats = useQuery({
    queryKey: ['call-stats', query],
    queryFn: ({ signal }) => api.get<CallStats>('/calls/stats', query, signal),
    placeholderData: keepPreviousData,
    enabled: !tooLong,
  });
  const exporting = useMutation({
    mutationFn: (format: 'xlsx' | 'csv') => downloadFile(apiUrl(`/calls/stats/export${toQueryString({ ...query, format })}`), `call-statistics.${format}`),
    onError: (e: Error) => notifyError(e),
  });

  const presets = useMemo(() => PERIOD_PRESETS.map((p) => {
    const r = presetRange(p, zone);
    return { label: t(`callStats.presets.${p}`), value: [dayjs(r.first), dayjs(r.last)] as [dayjs.Dayjs, dayjs.Dayjs] };
  }), [zone, t]);

  const s = stats.data;
  const showChart = s && CHARTED.has((s.groupBy ?? 'totals') as GroupChoice) && s.groups.length > 0;
  const seconds = t('callStats.filters.seconds');
  return (
    <div>
      <PageHeader
        title={t('callStats.title')}
        subtitle={t(readAll ? 'callStats.subtitle' : 'callStats.subtitleOwn', { tz: zone })}
        extra={
          <Dropdown
            disabled={tooLong || !s}
            menu={{
              items: [
                { key: 'xlsx', icon: <FileExcelOutlined />, label: t('callStats.exportExcel'), onClick: () => exporting.mutate('xlsx') },
                { key: 'csv', icon: <FileTextOutlined />, label: t('callStats.exportCsv'), onClick: () => exporting.mutate('csv') },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} data-testid="stats-export">{t('callStats.export')}</Button>
          </Dropdown>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <Flex gap={8} wrap align="center" data-testid="stats-filters">
          <DatePicker.RangePicker
            allowClear={false}
            presets={presets}
            value={[dayjs(range.first), dayjs(range.last)]}
            onChange={(v) => v?.[0] && v[1] && setRange({ first: v[0].format('YYYY-MM-DD'), last: v[1].format('YYYY-MM-DD') })}
            data-testid="stats-period"
          />
          <Space.Compact>
            {PERIOD_PRESETS.map((p) => {
              const r = presetRange(p, zone);
              const active = r.first === range.first && r.last === range.last;
              return <Button key={p} type={active ? 'primary' : 'default'} onClick={() => setRange(r)} data-testid={`preset-${p}`}>{t(`callStats.presets.${p}`)}</Button>;
            })}
          </Space.Compact>
          <Select<GroupChoice>
            style={{ width: 150 }}
            value={groupBy}
            onChange={setGroupBy}
            options={(['totals', ...CALL_STATS_GROUPS] as GroupChoice[]).map((g) => ({ value: g, label: t(`callStats.groups.${g}`) }))}
            aria-label={t('callStats.groupBy')}
            data-testid="stats-group"
          />
          <QueueSelect placeholder={t('callStats.filters.queue')} value={queue} onChange={setQueue} testId="stats-queue" />
          {readAll && (
            <>
              <Select allowClear showSearch optionFilterProp="label" placeholder={t('callStats.filters.agent')} style={{ width: 150 }} value={agent} options={userOptions} onChange={(v?: number) => setAgent(v)} data-testid="stats-agent" />
              <Select allowClear showSearch optionFilterProp="label" placeholder={t('callStats.filters.team')} style={{ width: 140 }} value={team} options={teamOptions} onChange={(v?: number) => setTeam(v)} data-testid="stats-team" />
            </>
          )}
          <Tooltip title={t('callStats.thresholdHelp')}>
            <InputNumber
              min={1} max={3600} precision={0} style={{ width: labelledFieldWidth(t('callStats.filters.threshold')) }}
              prefix={<span className="kefu-muted">{t('callStats.filters.threshold')}</span>} suffix={seconds}
              value={thresholdInput} onChange={(v) => setThreshold(v ?? CALL_STATS_DEFAULTS.thresholdSeconds)}
              data-testid="stats-threshold"
            />
          </Tooltip>
          <Tooltip title={t('callStats.shortAbandonHelp')}>
            <InputNumber
              min={0} max={60} precision={0} style={{ width: labelledFieldWidth(t('callStats.filters.shortAbandon')) }}
              prefix={<span className="kefu-muted">{t('callStats.filters.shortAbandon')}</span>} suffix={seconds}
              value={shortAbandonInput} onChange={(v) => setShortAbandon(v ?? CALL_STATS_DEFAULTS.shortAbandonSeconds)}
              data-testid="stats-short-abandon"
            />
          </Tooltip>
        </Flex>
      </Card>
      {tooLong && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('callStats.tooLong', { days: CTI_LIMITS.statsIntervalDaysMax, maxDays: CTI_LIMITS.statsDaysMax })} data-testid="stats-too-long" />}
      {stats.error ? <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} /> : (
        <Flex vertical gap={16}>
          <CallStatsKpis stats={s} loading={stats.isLoading} />
          {showChart && (
            <Card title={t('callStats.chartTitle')} size="small">
              <CallStatsChart stats={s} />
            </Card>
          )}
          <Card title={t('callStats.tableTitle')} size="small">
            <CallStatsTable stats={s} loading={stats.isFetching} groupBy={groupBy} />
          </Card>
        </Flex>
      )}
    </div>
  );
}
