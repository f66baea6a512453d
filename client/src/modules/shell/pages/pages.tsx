import type { LoginResponse, Role } from '@sanfang/shared';
import type { ParseKeys } from 'i18next';
import type { ReactElement } from 'react';
import { DutyLogPage } from '../../desk/pages/DutyLogPage';
import { NoticesPage } from '../../desk/pages/NoticesPage';
import { ReportsPage } from '../../desk/pages/ReportsPage';
import { IncidentPage } from '../../incidents/pages/IncidentPage';
import { IncidentsListPage } from '../../incidents/pages/IncidentsListPage';
import { NewIncidentPage } from '../../incidents/pages/NewIncidentPage';
import { InstructionsPage } from '../../duty-desk/pages/InstructionsPage';
import { RotaPage } from '../../duty-desk/pages/RotaPage';
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

/** The duty desk acts (server: `@Roles('duty_officer', 'commander')`); admins keep reference data. */
const DESK: readonly Role[] = ['duty_officer', 'commander'];
const canWrite = (s: LoginResponse) => DESK.includes(s.user.role);

export const PAGES: readonly ConsolePageDef[] = [
  {
    path: 'duty-log',
    roles: DESK,
    nav: { label: 'nav.dutyLog', group: 'duty' },
    render: (s) => <DutyLogPage canWrite={canWrite(s)} />,
  },
  {
    path: 'incidents',
    roles: DESK,
    nav: { label: 'nav.incidents', group: 'duty' },
    render: (s) => <IncidentsListPage canWrite={canWrite(s)} />,
  },
  { path: 'incidents/new', roles: DESK, render: () => <NewIncidentPage /> },
  {
    path: 'incidents/:id',
    roles: DESK,
    render: (s) => <IncidentPage canWrite={canWrite(s)} />,
  },
  {
    path: 'reports',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.reports', group: 'duty' },
    render: () => <ReportsPage />,
  },
  {
    path: 'notices',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.notices', group: 'duty' },
    render: () => <NoticesPage />,
  },
  {
    path: 'duty-desk/rota',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.rota', group: 'duty' },
    render: (session) => <RotaPage role={session.user.role} />,
  },
  {
    path: 'duty-desk/instructions',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.instructions', group: 'duty' },
    render: (session) => <InstructionsPage role={session.user.role} />,
  },
  {
    path: 'admin/users',
    roles: ['admin'],
    nav: { label: 'nav.users', group: 'admin' },
    render: (session) => <UsersAdminPage token={session.accessToken} selfId={session.user.id} />,
  },
];
