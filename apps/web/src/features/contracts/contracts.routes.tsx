import type { RouteObject } from 'react-router-dom';
import { FolderOpenOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const ContractListPage = lazyPage(() => import('./ContractListPage'), 'ContractListPage');
const StaffListPage = lazyPage(() => import('./StaffListPage'), 'StaffListPage');
const StaffProfilePage = lazyPage(() => import('./StaffProfilePage'), 'StaffProfilePage');
const LendingPage = lazyPage(() => import('./LendingPage'), 'LendingPage');

// Who reads each archive (the server's contracts.policy.ts says the same).
const CONTRACTS = ['contracts.manage', 'customers.read'] as const;
const STAFF = ['staff.manage', 'customers.read'] as const;
const LENDING = ['lending.manage', 'lending.approve'] as const;

export const contractsRoutes: RouteObject[] = [
  { path: 'contracts', element: page(<ContractListPage />, [...CONTRACTS]) },
  { path: 'service-staff', element: page(<StaffListPage />, [...STAFF]) },
  { path: 'service-staff/:id', element: page(<StaffProfilePage />, [...STAFF]) },
  { path: 'lending', element: page(<LendingPage />, [...LENDING]) },
];

export const contractsNav: NavItem[] = [
  {
    // The submenu's key only: a submenu does not navigate, and its key must differ from its first child's.
    path: '/archives-menu',
    label: 'contracts.nav.title',
    icon: <FolderOpenOutlined />,
    anyOf: [...CONTRACTS, ...STAFF, ...LENDING],
    children: [
      { path: '/contracts', label: 'contracts.nav.contracts', anyOf: [...CONTRACTS] },
      { path: '/service-staff', label: 'contracts.nav.staff', anyOf: [...STAFF] },
      { path: '/lending', label: 'contracts.nav.lending', anyOf: [...LENDING] },
    ],
  },
];
