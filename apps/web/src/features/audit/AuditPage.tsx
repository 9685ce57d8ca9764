import { Card, DatePicker, Flex, Input, Popover, Select, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { AuditEntry } from '@kefu/shared';
import { api, type Query } from '../../app/api';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDirectoryLookup } from '../directory/useDirectory';

interface AuditPage {
  items: AuditEntry[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

const ENTITIES = ['ticket', 'customer', 'user', 'role', 'team', 'skill_group', 'department', 'ticket_type', 'token', 'macro'] as const;
/** Entities with a page of their own, so an audit row can lead to the record. */
const ENTITY_LINKS: Record<string, string> = { ticket: '/tickets', customer: '/customers' };
const PARAMS = ['entity', 'entityId', 'actorId', 'action', 'from', 'to', 'page', 'pageSize'] as const;

function DetailCell({ detail }: { detail: Record<string, unknown> }) {
  const text = JSON.stringify(detail);
  if (!text || text === '{}') return <span className="kefu-muted">—</span>;
  return (
    <Popover content={<pre style={{ margin: 0, maxWidth: 520, maxHeight: 360, overflow: 'auto', fontSize: 12 }}>{JSON.stringify(detail, null, 2)}</pre>}>
      <Typography.Text ellipsis style={{ maxWidth: 360, fontFamily: 'monospace', fontSize: 12 }}>
        {text}
      </Typography.Text>
    </Popover>
  );
}

const VERBS = [
  'created', 'updated', 'deleted', 'login', 'logout', 'pii_revealed', 'contact_revealed', 'assigned', 'attachment_added', 'callback', 'checklist_changed',
  'linked', 'unlinked', 'merged', 'merged_into', 'note_added', 'step_completed', 'transfer_answered', 'transferred', 'status_changed',
  'reopened', 'revoked',
] as const;
type Verb = (typeof VERBS)[number];

/** "修改" with the raw action code underneath, for whoever searches by code. */
function ActionCell({ action }: { action: string }) {
  const { t } = useTranslation();
  const verb = action.slice(action.indexOf('.') + 1);
  const known = (VERBS as readonly string[]).includes(verb);
  return (
    <div>
      {known && <div>{t(`audit.verb.${verb as Verb}`)}</div>}
      <code className="kefu-muted" style={{ fontSize: 12 }}>
        {action}
      </code>
    </div>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { userOptions } = useDirectoryLookup();
  const query: Query = Object.fromEntries(PARAMS.map((k) => [k, params.get(k) ?? undefined]));
  query.page ??= '1';
  query.pageSize ??= '50';
  const audit = useQuery({ queryKey: ['audit', query], queryFn: () => api.get<AuditPage>('/audit', query), placeholderData: keepPreviousData });

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const entityLabel = (entity: string) => ((ENTITIES as readonly string[]).includes(entity) ? t(`audit.entity.${entity as (typeof ENTITIES)[number]}`) : entity);

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Flex gap={8} wrap className="kefu-filter-bar">
          <Select
            allowClear
            placeholder={t('audit.filter.entity')}
            value={params.get('entity') ?? undefined}
            onChange={(v: string | undefined) => set({ entity: v })}
            options={ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))}
            style={{ width: 150 }}
          />
          <Input.Search
            key={`id-${params.get('entityId') ?? ''}`}
            defaultValue={params.get('entityId') ?? ''}
            allowClear
            placeholder={t('audit.filter.entityId')}
            onSearch={(v) => set({ entityId: v.trim() || undefined })}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filter.actor')}
            value={params.get('actorId') ? Number(params.get('actorId')) : undefined}
            onChange={(v: number | undefined) => set({ actorId: v ? String(v) : undefined })}
            options={userOptions}
            style={{ width: 180 }}
          />
          <Input.Search
            key={`a-${params.get('action') ?? ''}`}
            defaultValue={params.get('action') ?? ''}
            allowClear
            placeholder={t('audit.filter.action')}
            onSearch={(v) => set({ action: v.trim() || undefined })}
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={[params.get('from') ? dayjs(params.get('from')) : null, params.get('to') ? dayjs(params.get('to')) : null]}
            allowEmpty={[true, true]}
            onChange={(range) => set({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() })}
          />
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={audit.isFetching}
          dataSource={audit.data?.items}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('audit.empty') }}
          pagination={{
            current: Number(query.page),
            pageSize: Number(query.pageSize),
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [50, 100, 200],
            showTotal: (total) => (audit.data?.totalCapped ? t('common.totalCapped', { count: total }) : t('common.total', { count: total })),
            onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
          }}
          columns={[
            { title: t('audit.col.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
            { title: t('audit.col.actor'), key: 'actor', width: 130, render: (_, r) => r.actor?.name ?? t('common.system') },
            { title: t('audit.col.action'), dataIndex: 'action', width: 200, render: (v: string) => <ActionCell action={v} /> },
            {
              title: t('audit.col.entity'),
              key: 'entity',
              width: 150,
              render: (_, r) => (
                <span>
                  {entityLabel(r.entity)}
                  {r.entityId !== null &&
                    (ENTITY_LINKS[r.entity] ? (
                      <Link to={`${ENTITY_LINKS[r.entity]}/${r.entityId}`}> #{r.entityId}</Link>
                    ) : (
                      <span className="kefu-muted"> #{r.entityId}</span>
                    ))}
                </span>
              ),
            },
            { title: t('audit.col.detail'), dataIndex: 'detail', render: (d: Record<string, unknown>) => <DetailCell detail={d} /> },
            { title: t('audit.col.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
