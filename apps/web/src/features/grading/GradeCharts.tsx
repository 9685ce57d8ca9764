import { CUSTOMER_GRADES, type GradeDistribution, type GradingOverview } from '@kefu/shared';
import { EChart } from '../../ui/EChart';
import { GRADE_COLORS } from './gradingApi';

/** Pie of customers per grade (A–E and the ungraded). */
export function GradePie({ data, gradeLabel, ungradedLabel }: { data: GradeDistribution; gradeLabel: (g: string) => string; ungradedLabel: string }) {
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['40%', '70%'], top: 0, bottom: 32,
      label: { formatter: '{b}\n{c}' },
      data: [
        ...data.grades.map((g) => ({ name: gradeLabel(g.grade), value: g.count, itemStyle: { color: GRADE_COLORS[g.grade] } })),
        ...(data.ungraded > 0 ? [{ name: ungradedLabel, value: data.ungraded, itemStyle: { color: '#e4e7ec' } }] : []),
      ],
    }],
  };
  return <EChart option={option} height={300} />;
}

/** Stacked bars: each owner's customers by grade. */
export function OwnerGradeBars({ overview, gradeLabel, noOwner }: { overview: GradingOverview; gradeLabel: (g: string) => string; noOwner: string }) {
  const owners = overview.owners.slice(0, 30);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: owners.map((o) => o.owner?.name ?? noOwner), axisLabel: { interval: 0, rotate: owners.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: CUSTOMER_GRADES.map((g) => ({
      name: gradeLabel(g), type: 'bar', stack: 'grades', barMaxWidth: 36, itemStyle: { color: GRADE_COLORS[g] },
      data: owners.map((o) => o.byGrade[g]),
    })),
  };
  return <EChart option={option} height={300} />;
}
