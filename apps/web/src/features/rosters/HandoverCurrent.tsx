import { useEffect } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Handover } from '@kefu/shared';
import { useAuth, useMe } from '../../app/auth/AuthContext';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { HandoverTicketTable } from './HandoverTicketTable';
import { useCurrentHandover, useOpenHandover, useSignHandover, useUpdateHandover } from './rostersApi';

const FIELDS = ['businessChanges', 'systemProblems', 'staffChanges', 'notes'] as const;
type Fields = Record<(typeof FIELDS)[number], string>;

/** The log awaiting signatures: automatic lists, the four free fields, and the two signatures. */
export function HandoverCurrent() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const current = useCurrentHandover();
  const open = useOpenHandover();
  const update = useUpdateHandover();
  const sign = useSignHandover();
  const [form] = Form.useForm<Fields & { shiftDate: string; shiftCode: string }>();
  const log = current.data?.handover ?? null;

  useEffect(() => {
    if (log) form.setFieldsValue({ businessChanges: log.businessChanges, systemProblems: log.systemProblems, staffChanges: log.staffChanges, notes: log.notes });
    else {
      // A fresh log starts empty: the signed one's text must not carry over into it.
      form.resetFields();
      form.setFieldsValue({ shiftDate: dayjs().format('YYYY-MM-DD'), shiftCode: dayjs().hour() < 14 ? 'D' : dayjs().hour() < 22 ? 'E' : 'N' });
    }
  }, [log, form]);

  if (current.isLoading) return <Card loading />;
  const editable = !log || log.status === 'open';
  const canSign = can('handover.sign');

  const onSave = async (values: Fields & { shiftDate: string; shiftCode: string }) => {
    if (log) await update.mutateAsync({ id: log.id, version: log.version, ...Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? ''])) });
    else await open.mutateAsync({ shiftDate: values.shiftDate, shiftCode: values.shiftCode, ...Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? ''])) });
    notifySuccess(t('rosters.handover.saved'));
  };
  const onSign = async (h: Handover, as: 'outgoing' | 'incoming') => {
    await sign.mutateAsync({ id: h.id, version: h.version, as });
    notifySuccess(t('rosters.handover.signedOk'));
  };

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t('rosters.handover.current')}
          {log && <Tag color={log.status === 'open' ? 'blue' : 'orange'} data-testid="handover-status">{t(`rosters.handover.statusLabel.${log.status}`)}</Tag>}
        </Flex>
      }
    >
      {log ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('rosters.handover.shiftDate')}>{log.shiftDate}</Descriptions.Item>
            <Descriptions.Item label={t('rosters.handover.shiftCode')}>{log.shiftCode}</Descriptions.Item>
            <Descriptions.Item label={t('rosters.handover.outgoing')}>{log.outgoingLeaderName}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('rosters.handover.openTickets')}</Typography.Title>
          <HandoverTicketTable tickets={log.openTickets} />
          <Typography.Title level={5}>{t('rosters.handover.complaints')}</Typography.Title>
          <HandoverTicketTable tickets={log.pendingComplaints} showDue />
        </>
      ) : (
        <Empty description={t('rosters.handover.none')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={onSave} disabled={!editable || !canSign}>
        {!log && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="shiftDate" label={t('rosters.handover.shiftDate')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="shiftCode" label={t('rosters.handover.shiftCode')} rules={[{ required: true }]}>
                <Select options={['D', 'E', 'N'].map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={16}>
          {FIELDS.map((f) => (
            <Col xs={24} md={12} key={f}>
              <Form.Item name={f} label={t(`rosters.handover.${f}`)}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {editable && canSign && (
          <Button type={log ? 'default' : 'primary'} htmlType="submit" icon={<EditOutlined />} loading={open.isPending || update.isPending} data-testid="handover-save">
            {log ? t('rosters.handover.save') : t('rosters.handover.open')}
          </Button>
        )}
      </Form>
      {log && (
        <Row gutter={16} style={{ marginTop: 24 }}>
          <Col xs={24} md={12}>
            <Card size="small" title={t('rosters.handover.outgoing')}>
              {log.outgoingSignedAt ? (
                <Tag icon={<CheckCircleOutlined />} color="success">{t('rosters.handover.signedAt', { name: log.outgoingLeaderName, time: formatDateTime(log.outgoingSignedAt) })}</Tag>
              ) : log.outgoingLeaderId === me.id ? (
                <Button type="primary" onClick={() => void onSign(log, 'outgoing')} loading={sign.isPending} data-testid="sign-outgoing">{t('rosters.handover.signOutgoing')}</Button>
              ) : (
                <Typography.Text type="secondary">{log.outgoingLeaderName} · {t('rosters.handover.notSigned')}</Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('rosters.handover.incoming')}>
              {log.status === 'outgoing_signed' && log.outgoingLeaderId !== me.id && canSign ? (
                <Button type="primary" onClick={() => void onSign(log, 'incoming')} loading={sign.isPending} data-testid="sign-incoming">{t('rosters.handover.signIncoming')}</Button>
              ) : (
                <Typography.Text type="secondary">{t('rosters.handover.notSigned')}</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Card>
  );
}
