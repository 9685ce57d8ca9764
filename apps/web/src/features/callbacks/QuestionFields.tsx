import { Form, Input, Radio, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { CALLBACK_LIMITS, SATISFACTION_LEVELS, type Question } from '@kefu/shared';

/** A survey definition as form fields under `answers.<key>`: used by agents on the phone and by customers on the link page. */
export function QuestionFields({ questions, disabled }: { questions: readonly Question[]; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {questions.map((q) => (
        <Form.Item key={q.key} name={['answers', q.key]} label={q.label} rules={q.required ? [{ required: true, message: t('validation.required') }] : []}>
          {q.kind === 'satisfaction' ? (
            <Radio.Group disabled={disabled} optionType="button" buttonStyle="solid" options={SATISFACTION_LEVELS.map((l) => ({ value: l, label: t(`callbacks.satisfaction.${l}`) }))} />
          ) : q.kind === 'single' ? (
            <Radio.Group disabled={disabled} options={(q.options ?? []).map((o) => ({ value: o, label: o }))} />
          ) : q.kind === 'rating' ? (
            <Rate disabled={disabled} count={5} />
          ) : (
            <Input.TextArea disabled={disabled} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={CALLBACK_LIMITS.answerTextMax} showCount />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/** Form values → API answers: unanswered ratings (0) and blank text are left out. */
export function answersOf(values: { answers?: Record<string, unknown> }): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(values.answers ?? {})) {
    if (value === undefined || value === null || value === '' || value === 0) continue;
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}
