import {
  INCIDENT_GRADES,
  INCIDENT_TYPES,
  incidentsRoutes,
  referenceRoutes,
  type IncidentGrade,
  type IncidentType,
} from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';
import { useLanguage } from '../../../i18n/useLanguage';
import { formatTime } from '../../../utils/formatTime';

const FILTERS = ['open', 'type', 'grade', 'subdistrict', 'q'] as const;

/** Incidents, open or closed, by type, grade, subdistrict and words; every filter in the URL. */
export function IncidentsListPage({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [search, setSearch] = useSearchParams();
  const get = (k: (typeof FILTERS)[number]) => search.get(k) ?? '';
  const query = useMemo(() => {
    const q: Record<string, string> = { limit: '500' };
    for (const k of FILTERS) {
      const v = search.get(k);
      if (v) q[k] = v;
    }
    return q as {
      open?: 'true' | 'false';
      type?: IncidentType;
      grade?: IncidentGrade;
      subdistrict?: string;
      q?: string;
      limit: string;
    };
  }, [search]);
  const options = useMemo(() => ({ query }), [query]);
  const list = useApiQuery(incidentsRoutes.list, options, { invalidateOn: ['incident.*'] });
  const subdistricts = useApiQuery(referenceRoutes.subdistricts);
  const names = new Map(
    (subdistricts.data?.features ?? []).map((f) => [
      f.properties.code,
      language === 'en' ? f.properties.nameEn : f.properties.name,
    ]),
  );
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next, { replace: true });
  };

  return (
    <section className="desk-page incidents" data-testid="incidents-page">
      <h2>{t('incidentList.title')}</h2>
      <div className="desk-page__toolbar">
        {canWrite && (
          <Link to="/incidents/new" className="button button--primary" data-testid="incident-new">
            {t('incidentList.new')}
          </Link>
        )}
        <label>
          {t('incidentList.state')}
          <select value={get('open')} onChange={(e) => set('open', e.target.value)}>
            <option value="">{t('incidentList.all')}</option>
            <option value="true">{t('incidentList.open')}</option>
            <option value="false">{t('incidentList.closed')}</option>
          </select>
        </label>
        <label>
          {t('incidentDetails.type')}
          <select value={get('type')} onChange={(e) => set('type', e.target.value)}>
            <option value="">{t('incidentList.all')}</option>
            {INCIDENT_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`incidentTypes.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('incidentDetails.grade')}
          <select value={get('grade')} onChange={(e) => set('grade', e.target.value)}>
            <option value="">{t('incidentList.all')}</option>
            {INCIDENT_GRADES.map((g) => (
              <option key={g} value={g}>
                {t(`incidentGrades.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('incidentList.subdistrict')}
          <select value={get('subdistrict')} onChange={(e) => set('subdistrict', e.target.value)}>
            <option value="">{t('incidentList.all')}</option>
            {[...names].map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('incidentList.search')}
          <input
            type="search"
            defaultValue={get('q')}
            maxLength={100}
            onChange={(e) => set('q', e.target.value.trim())}
            data-testid="incident-search"
          />
        </label>
      </div>
      {list.error !== null && <ActionError error={list.error} />}
      {list.isPending && <p>{t('incidentList.loading')}</p>}
      {list.data?.length === 0 && <p data-testid="incident-list-empty">{t('incidentList.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="desk-table" data-testid="incident-list">
          <caption className="visually-hidden">{t('incidentList.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incidentList.occurredAt')}</th>
              <th scope="col">{t('incidentList.name')}</th>
              <th scope="col">{t('incidentDetails.type')}</th>
              <th scope="col">{t('incidentDetails.grade')}</th>
              <th scope="col">{t('incidentDetails.status')}</th>
              <th scope="col">{t('incidentList.subdistrict')}</th>
              <th scope="col">{t('incidentList.deaths')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => (
              <tr key={i.id} data-testid={`incident-row-${i.id}`}>
                <td>{formatTime(i.occurredAt)}</td>
                <td>
                  <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                </td>
                <td>{t(`incidentTypes.${i.type}`)}</td>
                <td>{t(`incidentGrades.${i.grade}`)}</td>
                <td>{t(`incidentStatuses.${i.status}`)}</td>
                <td>{i.subdistrictCode ? (names.get(i.subdistrictCode) ?? '') : ''}</td>
                <td className="desk-table__number">{i.casualties.deaths}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
