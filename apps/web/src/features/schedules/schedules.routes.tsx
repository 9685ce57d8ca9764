import type { RouteObject } from 'react-router-dom';
import { ScheduleOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const ForecastPage = lazyPage(() => import('./ForecastPage'), 'ForecastPage');
const CoveragePage = lazyPage(() => import('./CoveragePage'), 'CoveragePage');
const SchedulePage = lazyPage(() => import('./SchedulePage'), 'SchedulePage');
const MySchedulePage = lazyPage(() => import('./MySchedulePage'), 'MySchedulePage');

export const schedulesRoutes: RouteObject[] = [
  { path: 'schedules', element: page(<SchedulePage />, ['workforce.schedule']) },
  { path: 'schedules/forecast', element: page(<ForecastPage />, ['workforce.schedule']) },
  { path: 'schedules/coverage', element: page(<CoveragePage />, ['workforce.schedule']) },
  { path: 'schedules/mine', element: page(<MySchedulePage />, ['workforce.request', 'workforce.schedule']) },
];

export const schedulesNav: NavItem[] = [
  {
    // Not a route: the menu group's key must differ from its first child's path.
    path: '/schedules-menu',
    label: 'schedules.nav.title',
    icon: <ScheduleOutlined />,
    anyOf: ['workforce.schedule', 'workforce.request'],
    children: [
      { path: '/schedules/forecast', label: 'schedules.nav.forecast', anyOf: ['workforce.schedule'] },
      { path: '/schedules/coverage', label: 'schedules.nav.coverage', anyOf: ['workforce.schedule'] },
      { path: '/schedules', label: 'schedules.nav.grid', anyOf: ['workforce.schedule'] },
      { path: '/schedules/mine', label: 'schedules.nav.mine', anyOf: ['workforce.request', 'workforce.schedule'] },
    ],
  },
];
