import type { LoginResponse, Role } from '@sanfang/shared';
import type { ParseKeys } from 'i18next';
import type { ReactElement } from 'react';
import { CallBoardPage } from '../../lastmile/pages/CallBoardPage';
import { DeliveryHealthPage } from '../../lastmile/pages/DeliveryHealthPage';
import { DrillReportPage, DrillsPage } from '../../lastmile/pages/DrillsPage';
import { RosterPage } from '../../lastmile/pages/RosterPage';
import { UsersAdminPage } from '../../users/components/UsersAdminPage';

/** Where a page sits in the navigation: by the job it serves. */
export type NavGroup = 'duty' | 'resources' | 'admin';

/**
 * One page of the console. To add one: write the page in its feature (`modules/<feature>/pages/`),
 * give it a row here, and a `nav.*` label in both catalogues. The path is its deep link; a role
 * not in `roles` does not see it in the navigation and gets the "not permitted" page (the API
 * refuses the calls anyway).
 */
export interface ConsolePageDef {
  /** Path under the console root, without a leading slash: `duty-log`, `incidents/:id`. */
  path: string;
  roles: readonly Role[];
  /** In the navigation (omit for pages reached from another: a detail, an edit form). */
  nav?: { label: ParseKeys; group: NavGroup };
  render: (session: LoginResponse) => ReactElement;
}

export const PAGES: readonly ConsolePageDef[] = [
  {
    path: 'admin/users',
    roles: ['admin'],
    nav: { label: 'nav.users', group: 'admin' },
    render: (session) => <UsersAdminPage token={session.accessToken} selfId={session.user.id} />,
  },
  // The last mile (issue 13): roster, 叫应 boards, delivery health, reachability drills.
  {
    path: 'admin/roster',
    roles: ['admin'],
    nav: { label: 'nav.roster', group: 'admin' },
    render: () => <RosterPage />,
  },
  {
    path: 'warnings/:id/calls',
    roles: ['duty_officer', 'commander', 'admin'],
    render: () => <CallBoardPage />,
  },
  {
    path: 'delivery-health',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.deliveryHealth', group: 'duty' },
    render: () => <DeliveryHealthPage />,
  },
  {
    path: 'drills',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.drills', group: 'duty' },
    render: (session) => <DrillsPage session={session} />,
  },
  {
    path: 'drills/:id',
    roles: ['duty_officer', 'commander', 'admin'],
    render: () => <DrillReportPage />,
  },
];
