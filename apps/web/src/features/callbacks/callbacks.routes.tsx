import type { RouteObject } from 'react-router-dom';
import { PhoneOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/layout/navigation';
import { lazyPage, page } from '../../app/route-helpers';

const CallbackWorkPage = lazyPage(() => import('./CallbackWorkPage'), 'CallbackWorkPage');
const CampaignListPage = lazyPage(() => import('./CampaignListPage'), 'CampaignListPage');
const SurveysPage = lazyPage(() => import('./SurveysPage'), 'SurveysPage');
const CallbackStatsPage = lazyPage(() => import('./CallbackStatsPage'), 'CallbackStatsPage');
const PublicSurveyPage = lazyPage(() => import('./PublicSurveyPage'), 'PublicSurveyPage');

export const callbacksRoutes: RouteObject[] = [
  { path: 'callbacks', element: page(<CallbackWorkPage />, ['callbacks.work', 'callbacks.manage']) },
  { path: 'callbacks/campaigns', element: page(<CampaignListPage />, ['callbacks.manage']) },
  { path: 'callbacks/surveys', element: page(<SurveysPage />, ['callbacks.work', 'callbacks.manage', 'tickets.update', 'complaints.handle']) },
  { path: 'callbacks/stats', element: page(<CallbackStatsPage />, ['callbacks.manage', 'reports.read']) },
];

/** The customer's survey page: top level, outside the signed-in layout (no login). */
export const publicSurveyRoute: RouteObject = { path: '/s/:token', element: page(<PublicSurveyPage />) };

export const callbacksNav: NavItem[] = [
  {
    // Not a route: the menu group's key must differ from its first child's path.
    path: '/callbacks-menu',
    label: 'callbacks.nav.title',
    icon: <PhoneOutlined />,
    anyOf: ['callbacks.work', 'callbacks.manage', 'reports.read', 'tickets.update', 'complaints.handle'],
    children: [
      { path: '/callbacks', label: 'callbacks.nav.work', anyOf: ['callbacks.work', 'callbacks.manage'] },
      { path: '/callbacks/campaigns', label: 'callbacks.nav.campaigns', anyOf: ['callbacks.manage'] },
      { path: '/callbacks/surveys', label: 'callbacks.nav.surveys', anyOf: ['callbacks.work', 'callbacks.manage', 'tickets.update', 'complaints.handle'] },
      { path: '/callbacks/stats', label: 'callbacks.nav.stats', anyOf: ['callbacks.manage', 'reports.read'] },
    ],
  },
];
