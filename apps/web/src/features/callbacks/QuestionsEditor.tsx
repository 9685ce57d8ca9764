import { Button, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CALLBACK_LIMITS, QUESTION_KINDS, type Question } from '@kefu/shared';

/** A free key for a new question: q1, q2, … skipping the ones in use. */
export function nextQuestionKey(questions: ReadonlyArray<Pick<Question, 'key'> | undefined>): string {
  const used = new Set(questions.map((q) => q?.key));
  let n = questions.length + 1;
  while (used.has(`q${n}`)) n += 1;
  return `q${n}`;
}

/** The survey definition of a campaign (Form.List "questions"); keys are generated and stay hidden. */
export function QuestionsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="questions">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top">
              <Form.Item name={[field.name, 'key']} hidden><Input /></Form.Item>
              <Col span={9}>
                <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: CALLBACK_LIMITS.questionLabelMax }]}>
                  <Input placeholder={t('callbacks.form.questionLabel')} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                  <Select options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`callbacks.kind.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(['questions', field.name, 'kind']) === 'single' ? (
                      <Form.Item name={[field.name, 'options']} rules={[{ required: true, type: 'array', min: 2, message: t('validation.minItems', { n: 2 }) }]}>
                        <Select mode="tags" open={false} suffixIcon={null} placeholder={t('callbacks.form.optionsPlaceholder')} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[field.name, 'required']} valuePropName="checked">
                  <Checkbox>{t('callbacks.form.required')}</Checkbox>
                </Form.Item>
              </Col>
              <Col span={1}>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
              </Col>
            </Row>
          ))}
          {fields.length < CALLBACK_LIMITS.questionsMax && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: nextQuestionKey(form.getFieldValue('questions') ?? []), label: '', kind: 'single', options: [], required: false })}>
              {t('callbacks.form.addQuestion')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
