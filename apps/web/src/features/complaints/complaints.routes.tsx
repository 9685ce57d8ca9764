import type { RouteObject } from 'react-router-dom';
import { WarningOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const ComplaintListPage = lazyPage(() => import('./ComplaintListPage'), 'ComplaintListPage');
const ComplaintCasePage = lazyPage(() => import('./ComplaintCasePage'), 'ComplaintCasePage');
const ComplaintApprovalsPage = lazyPage(() => import('./ComplaintApprovalsPage'), 'ComplaintApprovalsPage');
const ComplaintPenaltiesPage = lazyPage(() => import('./ComplaintPenaltiesPage'), 'ComplaintPenaltiesPage');

const READ = ['complaints.handle', 'complaints.approve', 'complaints.approve_serious', 'reports.read'] as const;
const APPROVE = ['complaints.approve', 'complaints.approve_serious'] as const;
/** Everyone who can be penalised reads their own slips (and signs them). */
const OWN_SLIPS = ['tickets.read_own', ...READ] as const;

export const complaintsRoutes: RouteObject[] = [
  { path: 'complaints', element: page(<ComplaintListPage />, [...READ]) },
  { path: 'complaints/approvals', element: page(<ComplaintApprovalsPage />, [...APPROVE]) },
  { path: 'complaints/penalties', element: page(<ComplaintPenaltiesPage />, [...OWN_SLIPS]) },
  { path: 'complaints/:ticketId', element: page(<ComplaintCasePage />, [...READ, 'tickets.read_all']) },
];

export const complaintsNav: NavItem[] = [
  {
    // The submenu's key only: a submenu does not navigate, and its key must differ from its first child's.
    path: '/complaints-menu',
    label: 'complaints.nav.title',
    icon: <WarningOutlined />,
    anyOf: [...OWN_SLIPS],
    children: [
      { path: '/complaints', label: 'complaints.nav.list', anyOf: [...READ] },
      { path: '/complaints/approvals', label: 'complaints.nav.approvals', anyOf: [...APPROVE] },
      { path: '/complaints/penalties', label: 'complaints.nav.penalties', anyOf: [...OWN_SLIPS] },
    ],
  },
];
