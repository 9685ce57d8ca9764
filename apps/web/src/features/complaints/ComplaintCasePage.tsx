import { Alert, Button, Card, Col, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { ErrorResult } from '../../ui/ErrorResult';
import { FullPageSpin } from '../../ui/FullPageSpin';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ComplaintApprovalCard } from './ComplaintApprovalCard';
import { ComplaintPayoutsCard } from './ComplaintPayoutsCard';
import { ComplaintPenaltiesCard } from './ComplaintPenaltiesCard';
import { ComplaintProcedure } from './ComplaintProcedure';
import { ComplaintProgressCard } from './ComplaintProgressCard';
import { ComplaintStepForm } from './ComplaintStepForm';
import { ComplaintStepHistory } from './ComplaintStepHistory';
import { GradeTag, StepTag } from './ComplaintTags';
import { complaintKeys, complaintsApi } from './complaintsApi';

/** One complaint case: its procedure, the form of the current step, approvals, payouts, penalty slips, progress log. */
export function ComplaintCasePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const ticketId = Number(useParams().ticketId);
  const query = useQuery({ queryKey: complaintKeys.detail(ticketId), queryFn: () => complaintsApi.get(ticketId), meta: { inlineNotFound: true } });
  if (query.isLoading) return <FullPageSpin />;
  if (query.error || !query.data) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const working = c.step !== 'closed' && c.step !== 'approve';
  const showApproval = c.step === 'approve' || c.approvals.length > 0;

  return (
    <>
      <PageHeader
        backTo="/complaints"
        title={`${c.ticketNumber} ${c.subject}`}
        tags={<><GradeTag grade={c.grade} /><StepTag step={c.step} /></>}
        subtitle={c.closedAt ? t('complaints.case.closedAt', { time: formatDateTime(c.closedAt) }) : t('complaints.case.currentStep', { step: t(`complaints.step.${c.step}`) })}
        extra={<Link to={`/tickets/${c.ticketId}`}><Button>{t('complaints.case.ticket')}</Button></Link>}
      />
      <Card size="small" title={t('complaints.case.procedure')} style={{ marginBottom: 16 }}>
        <ComplaintProcedure complaint={c} />
        {c.justified === false && <Alert type="info" style={{ marginTop: 12 }} title={t('complaints.case.unjustifiedPath')} />}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {working && (
            <Card size="small" title={t(`complaints.step.${c.step}`)} style={{ marginBottom: 16 }}>
              {can('complaints.handle') ? <ComplaintStepForm complaint={c} /> : <Typography.Text type="secondary">{t('complaints.case.notYours')}</Typography.Text>}
            </Card>
          )}
          <ComplaintStepHistory complaint={c} />
        </Col>
        <Col xs={24} lg={10}>
          {showApproval && <ComplaintApprovalCard complaint={c} />}
          <ComplaintPayoutsCard complaint={c} />
          <ComplaintPenaltiesCard complaint={c} />
          <ComplaintProgressCard complaint={c} />
        </Col>
      </Row>
    </>
  );
}
