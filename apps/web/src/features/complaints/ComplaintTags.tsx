import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintGrade, ComplaintPosition } from '@kefu/shared';

export function GradeTag({ grade }: { grade: ComplaintGrade }) {
  const { t } = useTranslation();
  return <Tag color={grade === 'serious' ? 'red' : 'blue'} data-testid="complaint-grade">{t(`complaints.grade.${grade}`)}</Tag>;
}

export function StepTag({ step }: { step: ComplaintPosition }) {
  const { t } = useTranslation();
  return <Tag color={step === 'closed' ? 'default' : step === 'approve' ? 'gold' : 'processing'} data-testid="complaint-step">{t(`complaints.step.${step}`)}</Tag>;
}
