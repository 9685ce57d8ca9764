import { createBrowserRouter, Navigate } from 'react-router-dom';
import type { Permission } from '@kefu/shared';
import { lazyPage, page } from './route-helpers';
import { RequireAuth } from './auth/RequireAuth';
import { useMe } from './auth/AuthContext';
import { AppLayout } from './layout/AppLayout';
import { homePath } from './layout/navigation';
import { NotFoundPage } from './layout/NotFoundPage';
import { complaintsRoutes } from '../features/complaints/complaints.routes';
import { callbacksRoutes, publicSurveyRoute } from '../features/callbacks/callbacks.routes';
import { gradingRoutes } from '../features/grading/grading.routes';
import { contractsRoutes } from '../features/contracts/contracts.routes';
import { piiRoutes } from '../features/pii/pii.routes';
import { rostersRoutes } from '../features/rosters/rosters.routes';
import { schedulesRoutes } from '../features/schedules/schedules.routes';
import { complaintReportsRoutes } from '../features/complaint-reports/complaint-reports.routes';
import { slaRoutes } from '../features/sla/sla.routes';
import { customerArchiveRoutes } from '../features/customer-archive/customer-archive.routes';
import { customerImportRoutes } from '../features/customer-import/customer-import.routes';
import { callRecordsRoutes } from '../features/call-records/call-records.routes';
import { callStatsRoutes } from '../features/call-stats/call-stats.routes';

const LoginPage = lazyPage(() => import('../features/auth/LoginPage'), 'LoginPage');
const WorkspacePage = lazyPage(() => import('../features/workspace/WorkspacePage'), 'WorkspacePage');
const TicketListPage = lazyPage(() => import('../features/tickets/TicketListPage'), 'TicketListPage');
const TicketDetailPage = lazyPage(() => import('../features/tickets/detail/TicketDetailPage'), 'TicketDetailPage');
const BacklogPage = lazyPage(() => import('../features/backlog/BacklogPage'), 'BacklogPage');
const WallboardPage = lazyPage(() => import('../features/wallboard/WallboardPage'), 'WallboardPage');
const CustomerListPage = lazyPage(() => import('../features/customers/CustomerListPage'), 'CustomerListPage');
const CustomerDetailPage = lazyPage(() => import('../features/customers/CustomerDetailPage'), 'CustomerDetailPage');
const UsersPage = lazyPage(() => import('../features/admin/users/UsersPage'), 'UsersPage');
const RolesPage = lazyPage(() => import('../features/admin/roles/RolesPage'), 'RolesPage');
const TeamsPage = lazyPage(() => import('../features/admin/teams/TeamsPage'), 'TeamsPage');
const SkillGroupsPage = lazyPage(() => import('../features/admin/skill-groups/SkillGroupsPage'), 'SkillGroupsPage');
const DepartmentsPage = lazyPage(() => import('../features/admin/departments/DepartmentsPage'), 'DepartmentsPage');
const TicketTypesPage = lazyPage(() => import('../features/admin/ticket-types/TicketTypesPage'), 'TicketTypesPage');
const MacrosPage = lazyPage(() => import('../features/admin/macros/MacrosPage'), 'MacrosPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
const TokensPage = lazyPage(() => import('../features/account/TokensPage'), 'TokensPage');

function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me.permissions)} replace />;
}

const READ_TICKETS: Permission[] = ['tickets.read_all', 'tickets.read_own'];

export const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  publicSurveyRoute,
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'workspace', element: page(<WorkspacePage />, ['tickets.create']) },
      { path: 'tickets', element: page(<TicketListPage />, READ_TICKETS) },
      { path: 'tickets/:id', element: page(<TicketDetailPage />, READ_TICKETS) },
      { path: 'backlog', element: page(<BacklogPage />, ['tickets.assign', 'reports.read']) },
      { path: 'wallboard', element: page(<WallboardPage />, ['reports.read', 'calls.read_all']) },
      { path: 'customers', element: page(<CustomerListPage />, ['customers.read']) },
      { path: 'customers/:id', element: page(<CustomerDetailPage />, ['customers.read']) },
      { path: 'admin/users', element: page(<UsersPage />, ['admin.users']) },
      { path: 'admin/roles', element: page(<RolesPage />, ['admin.roles']) },
      { path: 'admin/teams', element: page(<TeamsPage />, ['admin.teams']) },
      { path: 'admin/skill-groups', element: page(<SkillGroupsPage />, ['admin.teams']) },
      { path: 'admin/departments', element: page(<DepartmentsPage />, ['admin.departments']) },
      { path: 'admin/ticket-types', element: page(<TicketTypesPage />, ['admin.ticket_types']) },
      { path: 'admin/macros', element: page(<MacrosPage />, ['macros.manage']) },
      ...complaintsRoutes,
      ...callbacksRoutes,
      ...gradingRoutes,
      ...contractsRoutes,
      ...piiRoutes,
      ...rostersRoutes,
      ...schedulesRoutes,
      ...complaintReportsRoutes,
      ...slaRoutes,
      ...customerArchiveRoutes,
      ...customerImportRoutes,
      ...callRecordsRoutes,
      ...callStatsRoutes,
      { path: 'audit', element: page(<AuditPage />, ['audit.read']) },
      { path: 'account/tokens', element: page(<TokensPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
