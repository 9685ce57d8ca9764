import { Badge, Button, Card, Space, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketType } from '@kefu/shared';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminList } from '../useAdminResource';
import { useEditing } from '../useEditing';
import { TicketTypeFormModal } from './TicketTypeFormModal';

export function TicketTypesPage() {
  const { t, i18n } = useTranslation();
  const types = useAdminList<TicketType>('ticket-types');
  const dialog = useEditing<TicketType>();
  return (
    <>
      <PageHeader
        title={t('admin.ticketTypes.title')}
        subtitle={t('admin.ticketTypes.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.openNew} data-testid="ticket-type-create">
            {t('admin.ticketTypes.create')}
          </Button>
        }
      />
      <Card>
        <Table<TicketType>
          rowKey="id"
          loading={types.isLoading}
          dataSource={types.data}
          pagination={false}
          columns={[
            {
              title: t('admin.ticketTypes.name'),
              key: 'name',
              render: (_, r) => (
                <Space>
                  {i18n.language === 'en' ? r.nameEn : r.nameZh}
                  {r.builtin && <Tag>{t('admin.builtin')}</Tag>}
                </Space>
              ),
            },
            { title: t('admin.ticketTypes.key'), dataIndex: 'key', width: 160, render: (k: string) => <code>{k}</code> },
            {
              title: t('admin.ticketTypes.fields'),
              dataIndex: 'fields',
              render: (fields: TicketType['fields']) =>
                fields.length ? fields.map((f) => <Tag key={f.key}>{i18n.language === 'en' ? f.labelEn : f.labelZh}</Tag>) : <span className="kefu-muted">{t('admin.ticketTypes.noFields')}</span>,
            },
            {
              title: t('admin.ticketTypes.steps'),
              dataIndex: 'steps',
              width: 220,
              render: (steps: TicketType['steps']) =>
                steps.length ? (
                  <span title={steps.map((s) => (i18n.language === 'en' ? s.nameEn : s.nameZh)).join(' → ')}>{t('admin.ticketTypes.stepCount', { count: steps.length })}</span>
                ) : (
                  <span className="kefu-muted">{t('admin.ticketTypes.noFields')}</span>
                ),
            },
            {
              title: t('admin.ticketTypes.status'),
              dataIndex: 'active',
              width: 100,
              render: (a: boolean) => <Badge status={a ? 'success' : 'default'} text={a ? t('common.active') : t('common.inactive')} />,
            },
            {
              key: 'actions',
              width: 100,
              render: (_, row) => (
                <Button type="link" icon={<EditOutlined />} onClick={() => dialog.openEdit(row)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {dialog.isOpen && <TicketTypeFormModal type={dialog.row} onClose={dialog.close} />}
    </>
  );
}
