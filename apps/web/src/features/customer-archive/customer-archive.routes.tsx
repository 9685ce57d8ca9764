import type { RouteObject } from 'react-router-dom';
import type { NavItem } from '../../app/layout/navigation';

export const customerArchiveRoutes: RouteObject[] = [];

export const customerArchiveNav: NavItem[] = [];
