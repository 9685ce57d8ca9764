import type { RouteObject } from 'react-router-dom';
import type { NavItem } from '../../app/layout/navigation';

export const piiRoutes: RouteObject[] = [];

export const piiNav: NavItem[] = [];
