import type { RouteObject } from 'react-router-dom';
import { ImportOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const CustomerImportPage = lazyPage(() => import('./CustomerImportPage'), 'CustomerImportPage');

export const customerImportRoutes: RouteObject[] = [{ path: 'customers/import', element: page(<CustomerImportPage />, ['customers.import']) }];

export const customerImportNav: NavItem[] = [
  { path: '/customers/import', label: 'customerImport.nav', icon: <ImportOutlined />, anyOf: ['customers.import'] },
];
