import type { RouteObject } from 'react-router-dom';
import { LineChartOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const ComplaintAnalysisPage = lazyPage(() => import('./ComplaintAnalysisPage'), 'ComplaintAnalysisPage');

export const complaintReportsRoutes: RouteObject[] = [
  { path: 'reports/complaints', element: page(<ComplaintAnalysisPage />, ['reports.read']) },
];

/** The reports menu; other report pages join it as children. */
export const reportsNav: NavItem = {
  path: '/reports-menu',
  label: 'complaintReports.nav.reports',
  icon: <LineChartOutlined />,
  anyOf: ['reports.read'],
  children: [
    { path: '/reports/sla', label: 'sla.nav.report', anyOf: ['reports.read'] },
    { path: '/reports/complaints', label: 'complaintReports.nav.analysis', anyOf: ['reports.read'] },
  ],
};
