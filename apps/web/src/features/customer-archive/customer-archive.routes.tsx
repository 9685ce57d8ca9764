import type { RouteObject } from 'react-router-dom';
import { MergeCellsOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const DuplicatesPage = lazyPage(() => import('./DuplicatesPage'), 'DuplicatesPage');

// Finding and merging duplicates takes customers.write and customers.import (the server's customer-archive.policy.ts).
export const customerArchiveRoutes: RouteObject[] = [
  { path: 'customers/duplicates', element: page(<DuplicatesPage />, ['customers.import']) },
];

export const customerArchiveNav: NavItem[] = [
  { path: '/customers/duplicates', label: 'customerArchive.nav.duplicates', icon: <MergeCellsOutlined />, anyOf: ['customers.import'] },
];
