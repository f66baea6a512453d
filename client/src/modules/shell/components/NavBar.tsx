import type { Role } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { PAGES, type NavGroup } from '../pages/pages';

const GROUPS: readonly NavGroup[] = ['duty', 'resources', 'admin'];

/** The pages this role may use, by job; the map console first. */
export function NavBar({ role }: { role: Role }) {
  const { t } = useTranslation();
  const mine = PAGES.filter((p) => p.nav && p.roles.includes(role));
  return (
    <nav className="nav-bar" aria-label={t('nav.label')} data-testid="nav-bar">
      <ul>
        <li>
          <NavLink to="/" end className="nav-bar__link">
            {t('nav.console')}
          </NavLink>
        </li>
        {GROUPS.flatMap((group) =>
          mine
            .filter((p) => p.nav?.group === group)
            .map((p) => (
              <li key={p.path} className={`nav-bar__item nav-bar__item--${group}`}>
                <NavLink to={`/${p.path}`} className="nav-bar__link" data-testid={`nav-${p.path}`}>
                  {p.nav ? t(p.nav.label) : null}
                </NavLink>
              </li>
            )),
        )}
      </ul>
    </nav>
  );
}
