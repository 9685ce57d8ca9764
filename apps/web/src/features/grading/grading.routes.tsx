import type { RouteObject } from 'react-router-dom';
import { PhoneOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const FollowUpsPage = lazyPage(() => import('./FollowUpsPage'), 'FollowUpsPage');
const GradingOverviewPage = lazyPage(() => import('./GradingOverviewPage'), 'GradingOverviewPage');
const VipListPage = lazyPage(() => import('./VipListPage'), 'VipListPage');

export const gradingRoutes: RouteObject[] = [
  { path: 'follow-ups', element: page(<FollowUpsPage />, ['customers.read']) },
  { path: 'follow-ups/overview', element: page(<GradingOverviewPage />, ['reports.read']) },
  { path: 'follow-ups/vip', element: page(<VipListPage />, ['customers.read']) },
];

export const gradingNav: NavItem[] = [
  {
    path: '/follow-ups',
    label: 'grading.nav.title',
    icon: <PhoneOutlined />,
    anyOf: ['customers.read'],
    children: [
      { path: '/follow-ups', label: 'grading.nav.mine', anyOf: ['customers.read'] },
      { path: '/follow-ups/overview', label: 'grading.nav.overview', anyOf: ['reports.read'] },
      { path: '/follow-ups/vip', label: 'grading.nav.vip', anyOf: ['customers.read'] },
    ],
  },
];
