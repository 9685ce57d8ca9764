import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  CustomerServiceOutlined,
  FileTextOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@kefu/shared';
import type { ParseKeys } from 'i18next';
import { complaintsNav } from '../../features/complaints/complaints.routes';
import { callbacksNav } from '../../features/callbacks/callbacks.routes';
import { gradingNav } from '../../features/grading/grading.routes';
import { contractsNav } from '../../features/contracts/contracts.routes';
import { piiNav } from '../../features/pii/pii.routes';
import { rostersNav } from '../../features/rosters/rosters.routes';
import { schedulesNav } from '../../features/schedules/schedules.routes';
import { reportsNav } from '../../features/complaint-reports/complaint-reports.routes';
import { customerArchiveNav } from '../../features/customer-archive/customer-archive.routes';
import { customerImportNav } from '../../features/customer-import/customer-import.routes';
import { callRecordsNav } from '../../features/call-records/call-records.routes';
import { callStatsNav } from '../../features/call-stats/call-stats.routes';

export interface NavItem {
  path: string;
  label: ParseKeys;
  icon?: ReactNode;
  anyOf: Permission[];
  children?: NavItem[];
}

export const NAVIGATION: NavItem[] = [
  { path: '/workspace', label: 'nav.workspace', icon: <CustomerServiceOutlined />, anyOf: ['tickets.create'] },
  { path: '/tickets', label: 'nav.tickets', icon: <FileTextOutlined />, anyOf: ['tickets.read_all', 'tickets.read_own'] },
  { path: '/wallboard', label: 'nav.wallboard', icon: <DashboardOutlined />, anyOf: ['reports.read', 'calls.read_all'] },
  ...callRecordsNav,
  ...callStatsNav,
  { path: '/backlog', label: 'nav.backlog', icon: <BarChartOutlined />, anyOf: ['tickets.assign', 'reports.read'] },
  {
    // The archive's pages in one group: the list for everyone who reads customers, import and merging for archivists.
    path: '/customer-archive',
    label: 'nav.customers',
    icon: <TeamOutlined />,
    anyOf: ['customers.read'],
    children: [{ path: '/customers', label: 'nav.customerList', anyOf: ['customers.read'] }, ...customerArchiveNav, ...customerImportNav],
  },
  {
    path: '/admin',
    label: 'nav.admin',
    icon: <SettingOutlined />,
    anyOf: ['admin.users', 'admin.roles', 'admin.teams', 'admin.departments', 'admin.ticket_types', 'macros.manage', 'sla.manage'],
    children: [
      { path: '/admin/users', label: 'nav.users', anyOf: ['admin.users'] },
      { path: '/admin/roles', label: 'nav.roles', anyOf: ['admin.roles'] },
      { path: '/admin/teams', label: 'nav.teams', anyOf: ['admin.teams'] },
      { path: '/admin/skill-groups', label: 'nav.skillGroups', anyOf: ['admin.teams'] },
      { path: '/admin/departments', label: 'nav.departments', anyOf: ['admin.departments'] },
      { path: '/admin/ticket-types', label: 'nav.ticketTypes', anyOf: ['admin.ticket_types'] },
      { path: '/admin/macros', label: 'nav.macros', anyOf: ['macros.manage'] },
      { path: '/admin/sla-policies', label: 'sla.nav.policies', anyOf: ['sla.manage'] },
      { path: '/admin/calendars', label: 'sla.nav.calendars', anyOf: ['sla.manage'] },
    ],
  },
  ...complaintsNav,
  ...callbacksNav,
  ...gradingNav,
  ...contractsNav,
  ...piiNav,
  ...rostersNav,
  ...schedulesNav,
  reportsNav,
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, anyOf: ['audit.read'] },
];

/** The first screen the user may open: the workspace for agents, else the first allowed menu. */
export function homePath(permissions: readonly string[]): string {
  const allowed = (item: NavItem) => item.anyOf.some((p) => permissions.includes(p));
  for (const item of NAVIGATION) {
    if (!allowed(item)) continue;
    if (!item.children) return item.path;
    const child = item.children.find(allowed);
    if (child) return child.path;
  }
  return '/account/tokens';
}
