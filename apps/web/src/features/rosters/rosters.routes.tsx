import type { RouteObject } from 'react-router-dom';
import { ScheduleOutlined } from '@ant-design/icons';
import type { Permission } from '@kefu/shared';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const MyRosterPage = lazyPage(() => import('./MyRosterPage'), 'MyRosterPage');
const RosterApprovalsPage = lazyPage(() => import('./RosterApprovalsPage'), 'RosterApprovalsPage');
const AttendancePage = lazyPage(() => import('./AttendancePage'), 'AttendancePage');
const HandoverPage = lazyPage(() => import('./HandoverPage'), 'HandoverPage');

const REQUEST: Permission[] = ['workforce.request'];
const APPROVE: Permission[] = ['workforce.approve', 'workforce.direct'];
const ATTENDANCE: Permission[] = ['workforce.approve', 'workforce.direct', 'workforce.schedule'];
const HANDOVER: Permission[] = ['handover.sign'];

export const rostersRoutes: RouteObject[] = [
  { path: 'my-roster', element: page(<MyRosterPage />, REQUEST) },
  { path: 'rosters/approvals', element: page(<RosterApprovalsPage />, APPROVE) },
  { path: 'rosters/attendance', element: page(<AttendancePage />, ATTENDANCE) },
  { path: 'handover', element: page(<HandoverPage />, HANDOVER) },
];

export const rostersNav: NavItem[] = [
  {
    // The submenu's key only: a submenu does not navigate, and its key must differ from its first child's.
    path: '/rosters-menu',
    label: 'rosters.nav.title',
    icon: <ScheduleOutlined />,
    anyOf: [...REQUEST, ...ATTENDANCE, ...HANDOVER],
    children: [
      { path: '/my-roster', label: 'rosters.nav.myRoster', anyOf: REQUEST },
      { path: '/rosters/approvals', label: 'rosters.nav.approvals', anyOf: APPROVE },
      { path: '/rosters/attendance', label: 'rosters.nav.attendance', anyOf: ATTENDANCE },
      { path: '/handover', label: 'rosters.nav.handover', anyOf: HANDOVER },
    ],
  },
];
