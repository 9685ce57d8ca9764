import type { RouteObject } from 'react-router-dom';
import type { NavItem } from '../../app/layout/navigation';

export const customerImportRoutes: RouteObject[] = [];

export const customerImportNav: NavItem[] = [];
