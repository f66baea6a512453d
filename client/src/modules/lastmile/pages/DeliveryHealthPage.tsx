import { callsRoutes, type DeliveryHealthRow } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

const LIVE = ['calls.*', 'call.*', 'roster.*', 'dispatch.*'] as const;
/** Each list shows its first rows (the tables above count them all). */
const SHOWN = 100;

function Rows({ rows, testId }: { rows: DeliveryHealthRow[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <table className="lastmile__table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('lastmile.name')}</th>
            <th scope="col">{t('lastmile.phone')}</th>
            <th scope="col">{t('lastmile.unit')}</th>
            <th scope="col">{t('lastmile.subdistrict')}</th>
            <th scope="col">{t('lastmile.error')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr key={`${r.kind}:${r.id}`}>
              <th scope="row">
                {r.name}
                {r.kind === 'contact' ? ` (${t('lastmile.contact')})` : ''}
              </th>
              <td>{r.phone}</td>
              <td>{r.unitName ?? '-'}</td>
              <td>{r.subdistrictCode ?? '-'}</td>
              <td>{r.lastError ?? '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p>{t('lastmile.more', { count: rows.length - SHOWN })}</p>}
    </>
  );
}

interface TallyRow {
  code: string;
  name: string;
  failed: number;
  neverAnswered: number;
  noBackup: number;
}

/** The three counts for each subdistrict or unit. */
function Tally(props: { caption: string; head: string; rows: TallyRow[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="lastmile__table" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col">{t('lastmile.failed')}</th>
          <th scope="col">{t('lastmile.neverAnswered')}</th>
          <th scope="col">{t('lastmile.noBackup')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.code}>
            <th scope="row">{r.name}</th>
            <td>{r.failed}</td>
            <td>{r.neverAnswered}</td>
            <td>{r.noBackup}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who cannot be reached: failed last messages, never answered, no backup person. */
export function DeliveryHealthPage() {
  const { t } = useTranslation();
  const health = useApiQuery(callsRoutes.health, undefined, { invalidateOn: LIVE });
  const h = health.data;
  return (
    <main className="lastmile" data-testid="delivery-health">
      <h2>{t('lastmile.healthTitle')}</h2>
      <ActionError error={health.error} />
      {h && (
        <>
          <Tally
            caption={t('lastmile.bySubdistrict')}
            head={t('lastmile.subdistrict')}
            rows={h.bySubdistrict.map((s) => ({ ...s, name: s.code }))}
            testId="health-by-subdistrict"
          />
          <Tally
            caption={t('lastmile.byUnit')}
            head={t('lastmile.unit')}
            rows={h.byUnit}
            testId="health-by-unit"
          />
          <h3>{t('lastmile.failedTitle', { count: h.failed.length })}</h3>
          <Rows rows={h.failed} testId="health-failed" />
          <h3>{t('lastmile.neverTitle', { count: h.neverAnswered.length })}</h3>
          <Rows rows={h.neverAnswered} testId="health-never" />
          <h3>{t('lastmile.noBackupTitle', { count: h.noBackup.length })}</h3>
          <ul className="lastmile__list" data-testid="health-no-backup">
            {h.noBackup.slice(0, SHOWN).map((p) => (
              <li key={p.id}>
                {p.name}（{p.unitName}，{p.phone}）
              </li>
            ))}
          </ul>
          {h.noBackup.length > SHOWN && (
            <p>{t('lastmile.more', { count: h.noBackup.length - SHOWN })}</p>
          )}
        </>
      )}
    </main>
  );
}
