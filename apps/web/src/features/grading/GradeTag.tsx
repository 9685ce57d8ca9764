import { Tag, Tooltip } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GRADE_COLORS } from './gradingApi';

/** A customer's grade (A–E) with its meaning on hover, and a crown for big customers. */
export function GradeTag({ grade, isVip }: { grade: string | null; isVip?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {grade ? (
        <Tooltip title={t(`grading.gradeHint.${grade}` as 'grading.gradeHint.A')}>
          <Tag color={GRADE_COLORS[grade]}>{t(`grading.grade.${grade}` as 'grading.grade.A')}</Tag>
        </Tooltip>
      ) : (
        <Tag>{t('grading.panel.noGrade')}</Tag>
      )}
      {isVip && (
        <Tag color="gold" icon={<CrownOutlined />}>
          {t('grading.panel.vip')}
        </Tag>
      )}
    </>
  );
}
