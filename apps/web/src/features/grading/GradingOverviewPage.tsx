import { Card, Col, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_GRADES, type GradingOverview } from '@kefu/shared';
import { PageHeader } from '../../ui/PageHeader';
import { GradePie, OwnerGradeBars } from './GradeCharts';
import { gradingApi } from './gradingApi';

type OwnerRow = GradingOverview['owners'][number];

/** 跟进总览 for leaders: grade distribution, customers per owner and grade, due and overdue follow-ups. */
export function GradingOverviewPage() {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: ['grading', 'overview'], queryFn: gradingApi.overview });
  const distribution = useQuery({ queryKey: ['grading', 'distribution'], queryFn: gradingApi.distribution });
  const gradeLabel = (g: string) => t(`grading.grade.${g}` as 'grading.grade.A');
  const o = overview.data;
  return (
    <>
      <PageHeader title={t('grading.overview.title')} subtitle={t('grading.overview.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card><Statistic title={t('grading.overview.total')} value={o?.totals.total ?? 0} loading={overview.isLoading} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('grading.overview.due')} value={o?.totals.due ?? 0} loading={overview.isLoading} valueStyle={{ color: '#f79009' }} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('grading.overview.overdue')} value={o?.totals.overdue ?? 0} loading={overview.isLoading} valueStyle={{ color: '#f04438' }} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('grading.overview.vip')} value={distribution.data?.vip ?? 0} loading={distribution.isLoading} /></Card></Col>
        <Col xs={24} lg={10}>
          <Card title={t('grading.overview.distribution')} data-testid="grade-pie">
            {distribution.data && <GradePie data={distribution.data} gradeLabel={gradeLabel} ungradedLabel={t('grading.overview.ungraded')} />}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('grading.overview.byOwner')}>
            {o && <OwnerGradeBars overview={o} gradeLabel={gradeLabel} noOwner={t('grading.overview.noOwner')} />}
          </Card>
        </Col>
        <Col span={24}>
          <Card>
            <Table<OwnerRow>
              rowKey={(r) => r.owner?.id ?? 0}
              size="middle"
              loading={overview.isLoading}
              dataSource={o?.owners ?? []}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('grading.overview.owner'), key: 'owner', render: (_, r) => r.owner?.name ?? t('grading.overview.noOwner') },
                { title: t('grading.overview.total'), dataIndex: 'total', width: 100, sorter: (a, b) => a.total - b.total },
                ...CUSTOMER_GRADES.map((g) => ({ title: gradeLabel(g), key: g, width: 80, render: (_: unknown, r: OwnerRow) => r.byGrade[g] })),
                { title: t('grading.overview.due'), dataIndex: 'due', width: 100, sorter: (a, b) => a.due - b.due },
                { title: t('grading.overview.overdue'), dataIndex: 'overdue', width: 100, sorter: (a, b) => a.overdue - b.overdue, defaultSortOrder: 'descend' as const },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
