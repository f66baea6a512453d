import type { LoginResponse, Role } from '@sanfang/shared';
import type { ParseKeys } from 'i18next';
import type { ReactElement } from 'react';
import { DutyLogPage } from '../../desk/pages/DutyLogPage';
import { NoticesPage } from '../../desk/pages/NoticesPage';
import { ReportsPage } from '../../desk/pages/ReportsPage';
import { IncidentPage } from '../../incidents/pages/IncidentPage';
import { IncidentsListPage } from '../../incidents/pages/IncidentsListPage';
import { NewIncidentPage } from '../../incidents/pages/NewIncidentPage';
import { CapLogPage } from '../../admin/pages/CapLogPage';
import { FeedTokensPage } from '../../admin/pages/FeedTokensPage';
import { ImportPage } from '../../admin/pages/ImportPage';
import { ReferenceDataPage } from '../../admin/pages/ReferenceDataPage';
import { RulesPage } from '../../admin/pages/RulesPage';
import { SettingsPage } from '../../admin/pages/SettingsPage';
import { PullFeedsPage } from '../../admin/pages/PullFeedsPage';
import { SheltersPage } from '../../resources/pages/SheltersPage';
import { TeamsPage } from '../../resources/pages/TeamsPage';
import { WarehousesPage } from '../../resources/pages/WarehousesPage';
import { CallBoardPage } from '../../lastmile/pages/CallBoardPage';
import { CallRulesPage } from '../../lastmile/pages/CallRulesPage';
import { DeliveryHealthPage } from '../../lastmile/pages/DeliveryHealthPage';
import { DrillReportPage, DrillsPage } from '../../lastmile/pages/DrillsPage';
import { RosterPage } from '../../lastmile/pages/RosterPage';
import { InstructionsPage } from '../../duty-desk/pages/InstructionsPage';
import { ConcerningInstructions } from '../../duty-desk/components/ConcerningInstructions';
import { RotaPage } from '../../duty-desk/pages/RotaPage';
import { UsersAdminPage } from '../../users/components/UsersAdminPage';
import { ReplayPage } from '../components/ReplayPage';

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

/** Resources are read by every console role; the desk operates them (admins keep the data). */
const RESOURCE_READERS: readonly Role[] = ['duty_officer', 'commander', 'admin'];
const operates = (s: LoginResponse) =>
  s.user.role === 'duty_officer' || s.user.role === 'commander';
const shelterPage = (s: LoginResponse) => (
  <SheltersPage
    canOperate={operates(s)}
    canLink={s.user.role === 'duty_officer' || s.user.role === 'admin'}
  />
);
const teamsPage = (s: LoginResponse) => <TeamsPage canOperate={operates(s)} />;

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
    render: (s) => (
      <IncidentPage
        canWrite={canWrite(s)}
        related={(id) => (
          <ConcerningInstructions
            concernsId={id}
            register={s.user.role === 'duty_officer' ? 'incident' : undefined}
          />
        )}
      />
    ),
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
    path: 'resources/shelters',
    roles: RESOURCE_READERS,
    nav: { label: 'nav.shelters', group: 'resources' },
    render: shelterPage,
  },
  { path: 'resources/shelters/:id', roles: RESOURCE_READERS, render: shelterPage },
  {
    path: 'resources/teams',
    roles: RESOURCE_READERS,
    nav: { label: 'nav.teams', group: 'resources' },
    render: teamsPage,
  },
  { path: 'resources/teams/:id', roles: RESOURCE_READERS, render: teamsPage },
  {
    path: 'resources/warehouses',
    roles: RESOURCE_READERS,
    nav: { label: 'nav.warehouses', group: 'resources' },
    render: () => <WarehousesPage />,
  },
  { path: 'resources/warehouses/:id', roles: RESOURCE_READERS, render: () => <WarehousesPage /> },
  {
    path: 'admin/reference',
    roles: ['admin'],
    nav: { label: 'nav.reference', group: 'admin' },
    render: () => <ReferenceDataPage />,
  },
  { path: 'admin/reference/:kind', roles: ['admin'], render: () => <ReferenceDataPage /> },
  {
    path: 'admin/import',
    roles: ['admin'],
    nav: { label: 'nav.import', group: 'admin' },
    render: () => <ImportPage />,
  },
  {
    path: 'admin/pull-feeds',
    roles: ['admin'],
    nav: { label: 'nav.pullFeeds', group: 'admin' },
    render: () => <PullFeedsPage />,
  },
  { path: 'admin/pull-feeds/:id', roles: ['admin'], render: () => <PullFeedsPage /> },
  {
    path: 'admin/feed-tokens',
    roles: ['admin'],
    nav: { label: 'nav.feedTokens', group: 'admin' },
    render: () => <FeedTokensPage />,
  },
  {
    path: 'admin/cap-log',
    roles: ['admin'],
    nav: { label: 'nav.capLog', group: 'admin' },
    render: () => <CapLogPage />,
  },
  {
    path: 'admin/rules',
    roles: ['admin'],
    nav: { label: 'nav.rules', group: 'admin' },
    render: () => <RulesPage />,
  },
  {
    path: 'admin/settings',
    roles: ['admin'],
    nav: { label: 'nav.settings', group: 'admin' },
    render: () => <SettingsPage />,
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
  // The last mile (issue 13): roster, 叫应 boards, delivery health, reachability drills.
  {
    path: 'admin/roster',
    roles: ['admin'],
    nav: { label: 'nav.roster', group: 'admin' },
    render: () => <RosterPage />,
  },
  {
    path: 'admin/call-rules',
    roles: ['admin'],
    nav: { label: 'nav.callRules', group: 'admin' },
    render: () => <CallRulesPage />,
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
  // After-action review (issue 14): the console as of any moment of a range, from the event log.
  {
    path: 'replay',
    roles: ['duty_officer', 'commander', 'admin'],
    nav: { label: 'nav.replay', group: 'duty' },
    render: () => <ReplayPage />,
  },
];
