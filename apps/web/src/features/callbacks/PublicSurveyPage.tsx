import { useState } from 'react';
import { Button, Card, Form, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { errorText } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { callbacksApi, callbacksKeys } from './callbacksApi';
import { answersOf, QuestionFields } from './QuestionFields';

/** The customer's one-time survey page (/s/:token): no sign-in, outside the staff layout. */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [form] = Form.useForm();
  const [done, setDone] = useState(false);
  const survey = useQuery({ queryKey: callbacksKeys.publicSurvey(token), queryFn: () => callbacksApi.publicSurvey(token), retry: false, meta: { silent: true } });
  const submit = useMutation({
    mutationFn: (values: { answers?: Record<string, unknown> }) => callbacksApi.answerPublicSurvey(token, answersOf(values)),
    onSuccess: () => setDone(true),
    // Shown inside the form: a customer has no toast area to read.
    meta: { handlesErrors: true },
  });

  let body;
  if (done) body = <Result status="success" title={t('callbacks.public.thanks')} subTitle={t('callbacks.public.thanksDetail')} data-testid="survey-thanks" />;
  else if (survey.isLoading) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else if (survey.error) {
    const answered = isApiError(survey.error, 'CONFLICT');
    body = <Result status={answered ? 'success' : 'warning'} title={answered ? t('callbacks.public.thanks') : t('callbacks.public.unavailable')} subTitle={errorText(survey.error)} data-testid="survey-unavailable" />;
  } else if (survey.data) {
    const s = survey.data;
    body = (
      <>
        <Typography.Paragraph>{s.ticketNumber ? t('callbacks.public.intro', { org: s.organization, number: s.ticketNumber }) : t('callbacks.public.introNoTicket', { org: s.organization })}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} data-testid="public-survey-form">
          <QuestionFields questions={s.questions} />
          {submit.error && <Typography.Paragraph type="danger" data-testid="survey-error">{errorText(submit.error)}</Typography.Paragraph>}
          <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} data-testid="survey-submit">{t('callbacks.public.submit')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>{t('callbacks.public.expiresAt', { at: formatDateTime(s.expiresAt) })}</Typography.Paragraph>
      </>
    );
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '32px 12px' }}>
      <Card title={t('callbacks.public.title')} style={{ maxWidth: 560, margin: '0 auto' }}>
        {body}
      </Card>
    </div>
  );
}
