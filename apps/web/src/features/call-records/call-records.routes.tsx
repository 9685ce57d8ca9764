import type { RouteObject } from 'react-router-dom';
import { PhoneOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const CallRecordsPage = lazyPage(() => import('./CallRecordsPage'), 'CallRecordsPage');

export const callRecordsRoutes: RouteObject[] = [{ path: 'calls', element: page(<CallRecordsPage />, ['calls.read_all', 'calls.read_own']) }];

export const callRecordsNav: NavItem[] = [
  { path: '/calls', label: 'callRecords.nav', icon: <PhoneOutlined />, anyOf: ['calls.read_all', 'calls.read_own'] },
];
