import { useState } from 'react';
import { Alert, Button, Col, Flex, Form, Modal, Popconfirm, Row, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, LinkOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LINK_KINDS, type TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { REQUIRED } from '../../../ui/zodRule';
import { TicketSearchSelect } from '../components/TicketSearchSelect';
import { TicketStatusTag } from '../components/TicketStatusTag';
import { ticketsApi } from '../ticketsApi';
import { useTicketMutation } from './useTicketMutation';

type TicketLinkRow = TicketDetail['links'][number];
type LinkKind = (typeof LINK_KINDS)[number];

export function LinksTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<{ otherId: number; kind: LinkKind }>();
  const [mergeOpen, setMergeOpen] = useState(false);
  const [mergeIds, setMergeIds] = useState<number[]>([]);
  const link = useTicketMutation(({ otherId, kind }: { otherId: number; kind: LinkKind }) => ticketsApi.link(ticket.id, otherId, kind), t('ticket.links.added'));
  const unlink = useTicketMutation((otherId: number) => ticketsApi.unlink(ticket.id, otherId), t('ticket.links.removed'));
  const merge = useTicketMutation((ids: number[]) => ticketsApi.merge(ticket.id, ids), t('ticket.links.merged'));
  const canEdit = can('tickets.update') && !ticket.mergedIntoId;
  const linkedIds = ticket.links.map((l) => l.ticket.id);

  return (
    <Flex vertical gap={16}>
      {ticket.mergedFrom.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              {t('ticket.links.mergedFrom')}{' '}
              {ticket.mergedFrom.map((m) => (
                <Link key={m.id} to={`/tickets/${m.id}`} className="kefu-ticket-number" style={{ marginInlineEnd: 8 }}>
                  {m.number}
                </Link>
              ))}
            </span>
          }
        />
      )}
      {canEdit && (
        <Form
          form={form}
          initialValues={{ kind: 'related' }}
          onFinish={async (values) => {
            try {
              await link.mutateAsync(values);
              form.resetFields();
            } catch {
              // Reported by the mutation cache.
            }
          }}
        >
          <Row gutter={8}>
            <Col flex="auto">
              <Form.Item name="otherId" rules={[REQUIRED]} style={{ marginBottom: 0 }}>
                <TicketSearchSelect excludeIds={[ticket.id, ...linkedIds]} />
              </Form.Item>
            </Col>
            <Col flex="140px">
              <Form.Item name="kind" style={{ marginBottom: 0 }}>
                <Select options={LINK_KINDS.map((k) => ({ value: k, label: t(`ticket.links.kind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col>
              <Button htmlType="submit" icon={<LinkOutlined />} loading={link.isPending}>
                {t('ticket.links.add')}
              </Button>
            </Col>
            {can('tickets.merge') && (
              <Col>
                <Button icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)} data-testid="merge-open">
                  {t('ticket.links.mergeDuplicates')}
                </Button>
              </Col>
            )}
          </Row>
        </Form>
      )}
      <Table<TicketLinkRow>
        rowKey={(r) => r.ticket.id}
        size="small"
        pagination={false}
        dataSource={ticket.links}
        locale={{ emptyText: t('ticket.links.empty') }}
        columns={[
          {
            title: t('tickets.col.number'),
            key: 'number',
            width: 160,
            render: (_, r) => (
              <Link to={`/tickets/${r.ticket.id}`} className="kefu-ticket-number">
                {r.ticket.number}
              </Link>
            ),
          },
          { title: t('tickets.col.subject'), key: 'subject', ellipsis: true, render: (_, r) => r.ticket.subject },
          { title: t('ticket.links.kindLabel'), key: 'kind', width: 110, render: (_, r) => <Tag>{t(`ticket.links.kind.${r.kind}`)}</Tag> },
          { title: t('tickets.col.status'), key: 'status', width: 110, render: (_, r) => <TicketStatusTag status={r.ticket.status} /> },
          {
            key: 'remove',
            width: 56,
            render: (_, r) =>
              canEdit && (
                <Popconfirm title={t('ticket.links.removeConfirm')} onConfirm={() => unlink.mutate(r.ticket.id)}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={mergeOpen}
        title={t('ticket.links.mergeTitle', { number: ticket.number })}
        okText={t('ticket.links.mergeConfirm')}
        okButtonProps={{ danger: true, disabled: mergeIds.length === 0 }}
        confirmLoading={merge.isPending}
        onCancel={() => setMergeOpen(false)}
        onOk={async () => {
          try {
            await merge.mutateAsync(mergeIds);
            setMergeIds([]);
            setMergeOpen(false);
          } catch {
            // Reported by the mutation cache.
          }
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('ticket.links.mergeHint')}</Typography.Paragraph>
        <TicketSearchSelect multiple value={mergeIds} onChange={(v) => setMergeIds(v as number[])} excludeIds={[ticket.id]} />
      </Modal>
    </Flex>
  );
}
