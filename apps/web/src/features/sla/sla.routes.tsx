import type { RouteObject } from 'react-router-dom';
import { lazyPage, page } from '../../app/route-helpers';

const SlaPoliciesPage = lazyPage(() => import('./SlaPoliciesPage'), 'SlaPoliciesPage');
const CalendarsPage = lazyPage(() => import('./CalendarsPage'), 'CalendarsPage');
const SlaReportPage = lazyPage(() => import('./SlaReportPage'), 'SlaReportPage');

export const slaRoutes: RouteObject[] = [
  { path: 'admin/sla-policies', element: page(<SlaPoliciesPage />, ['sla.manage']) },
  { path: 'admin/calendars', element: page(<CalendarsPage />, ['sla.manage']) },
  { path: 'reports/sla', element: page(<SlaReportPage />, ['reports.read']) },
];

// Menu: the admin pages are children of the admin menu (navigation.tsx), the report of the reports menu.
