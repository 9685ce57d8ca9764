import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const GRADE_COLORS: Record<string, string> = { A: 'red', B: 'volcano', C: 'gold', D: 'blue', E: 'default' };

export function CustomerGradeTag({ grade }: { grade: string | null | undefined }) {
  const { t } = useTranslation();
  if (!grade) return null;
  return (
    <Tooltip title={t('customers.gradeHint')}>
      <Tag color={GRADE_COLORS[grade] ?? 'default'} style={{ marginInlineEnd: 0 }}>
        {t('customers.gradeValue', { grade })}
      </Tag>
    </Tooltip>
  );
}
