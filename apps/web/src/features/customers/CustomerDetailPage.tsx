import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Statistic, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { ErrorResult } from '../../ui/ErrorResult';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerFormModal } from './CustomerFormModal';
import { CustomerGradeTag } from './CustomerGradeTag';
import { CustomerTickets } from './CustomerTickets';
import { customerPanelQuery, type RevealedPii } from './customersApi';
import { PhoneList } from './PhoneList';
import { RevealPiiButton } from './RevealPiiButton';
import { IdCardValue } from '../pii/IdCardField';
import { CustomerGradePanel } from '../grading';
import { CustomerContracts, CustomerTimeline, MergeCustomerButton } from '../customer-archive';
import { notifySuccess } from '../../app/notify';

/** A merged-away record answers 404 with the record it was merged into. */
function mergedInto(error: unknown): number | null {
  if (!isApiError(error, 'NOT_FOUND')) return null;
  const details = error.details as { mergedIntoId?: unknown } | undefined;
  return typeof details?.mergedIntoId === 'number' ? details.mergedIntoId : null;
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<RevealedPii | null>(null);
  const panel = useQuery({ ...customerPanelQuery(id), meta: { inlineNotFound: true } });
  const customer = panel.data;
  const navigate = useNavigate();
  const redirectTo = mergedInto(panel.error);
  useEffect(() => {
    if (redirectTo === null) return;
    notifySuccess(t('customerArchive.merge.redirected'));
    void navigate(`/customers/${redirectTo}`, { replace: true });
  }, [redirectTo, navigate, t]);

  if (redirectTo !== null) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (panel.error && isApiError(panel.error, 'NOT_FOUND')) {
    return <Result status="404" title={t('customers.notFound')} subTitle={panel.error.message} extra={<Link to="/customers">{t('customers.backToList')}</Link>} />;
  }
  if (!customer && panel.error) return <ErrorResult error={panel.error} onRetry={() => void panel.refetch()} />;
  if (!customer) return <Skeleton active paragraph={{ rows: 10 }} />;

  return (
    <>
      <PageHeader
        backTo="/customers"
        title={customer.name}
        tags={
          <Flex gap={6}>
            <Tag>{t(`customers.kind.${customer.kind}`)}</Tag>
            <CustomerGradeTag grade={customer.grade} />
          </Flex>
        }
        extra={
          <Flex gap={8}>
            <MergeCustomerButton customerId={customer.id} />
            {can('customers.write') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('customers.profile')}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  {
                    key: 'phones',
                    label: t('customers.phones'),
                    children: (
                      <Flex vertical gap={2}>
                        <PhoneList phones={customer.phones} revealed={revealed} />
                        {!revealed && customer.phones.some((p) => p.masked) && <RevealPiiButton customerId={customer.id} onRevealed={setRevealed} />}
                      </Flex>
                    ),
                  },
                  { key: 'email', label: t('customers.email'), children: revealed?.email ?? customer.email ?? '—' },
                  { key: 'address', label: t('customers.address'), children: revealed?.address ?? customer.address ?? '—' },
                  { key: 'idCard', label: t('pii.idCard'), children: <IdCardValue customer={customer} revealed={revealed} /> },
                  {
                    key: 'org',
                    label: t('customers.organization'),
                    children: customer.organization ? <Link to={`/customers/${customer.organization.id}`}>{customer.organization.name}</Link> : '—',
                  },
                  { key: 'tags', label: t('customers.tags'), children: customer.tags.length ? customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—' },
                  { key: 'notes', label: t('customers.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{customer.notes || '—'}</span> },
                  { key: 'created', label: t('customers.createdAt'), children: formatDateTime(customer.createdAt) },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
            <Card>
              <Row gutter={12}>
                <Col span={8}>
                  <Statistic title={t('customers.openTickets')} value={customer.openTickets.length} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('customers.ticketCount')} value={customer.ticketCount} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('customers.complaintCount')} value={customer.complaintCount} />
                </Col>
              </Row>
            </Card>
            <CustomerGradePanel customerId={customer.id} />
            <CustomerContracts customerId={customer.id} />
            {customer.kind === 'organization' && (
              <Card title={t('customers.members')}>
                {customer.members.length === 0 ? (
                  <span className="kefu-muted">{t('customers.noMembers')}</span>
                ) : (
                  <Flex gap={8} wrap>
                    {customer.members.map((m) => (
                      <Link key={m.id} to={`/customers/${m.id}`}>
                        <Tag>{m.name}</Tag>
                      </Link>
                    ))}
                  </Flex>
                )}
              </Card>
            )}
            </Flex>
          </Col>
        </Row>
        <CustomerTimeline customerId={customer.id} />
        <CustomerTickets customerId={customer.id} />
      </Flex>
      {editing && <CustomerFormModal open customer={customer} onClose={() => setEditing(false)} />}
    </>
  );
}
