import type { RouteObject } from 'react-router-dom';
import { LineChartOutlined } from '@ant-design/icons';
import type { Permission } from '@kefu/shared';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const CallStatsPage = lazyPage(() => import('./CallStatsPage'), 'CallStatsPage');

/** As GET /calls/stats: everyone who reads calls; agents see the figures of their own calls. */
const READ_CALLS: Permission[] = ['calls.read_all', 'calls.read_own'];

export const callStatsRoutes: RouteObject[] = [{ path: 'call-stats', element: page(<CallStatsPage />, READ_CALLS) }];

export const callStatsNav: NavItem[] = [
  { path: '/call-stats', label: 'callStats.nav', icon: <LineChartOutlined />, anyOf: READ_CALLS },
];
