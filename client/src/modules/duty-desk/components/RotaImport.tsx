import { rotaRoutes, type RotaImportProblem, type RotaImportResult } from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiRequestError } from '../../api/apiRequestError';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation } from '../../data/useApiQuery';
import { ROTA_CSV_COLUMNS } from '../utils/rotaText';

const problemsOf = (error: unknown): RotaImportProblem[] =>
  isApiRequestError(error) && Array.isArray(error.details.problems)
    ? (error.details.problems as RotaImportProblem[])
    : [];

/** A month of rota from CSV: check (dry run), then load; all or nothing, each bad cell listed. */
export function RotaImport() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<RotaImportResult | null>(null);
  const run = useApiMutation(rotaRoutes.import, [rotaRoutes.list, rotaRoutes.now]);
  const go = (dryRun: boolean) => {
    setResult(null);
    run.mutate({ body: { csv, dryRun } }, { onSuccess: setResult });
  };
  const problems = problemsOf(run.error);
  return (
    <section className="rota-import" data-testid="rota-import">
      <h3>{t('dutyDesk.rota.import.title')}</h3>
      <p>{t('dutyDesk.rota.import.hint')}</p>
      <p>
        <code>{ROTA_CSV_COLUMNS}</code>
      </p>
      <label>
        {t('dutyDesk.rota.import.file')}
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="rota-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </label>
      <div className="rota-import__actions">
        <button
          className="button"
          type="button"
          disabled={!csv || run.isPending}
          onClick={() => go(true)}
        >
          {t('dutyDesk.rota.import.check')}
        </button>
        <button
          className="button"
          type="button"
          disabled={!csv || run.isPending}
          onClick={() => go(false)}
        >
          {t('dutyDesk.rota.import.load')}
        </button>
      </div>
      {result && (
        <p role="status" data-testid="rota-import-result">
          {t(result.dryRun ? 'dutyDesk.rota.import.checked' : 'dutyDesk.rota.import.loaded', {
            shifts: result.shifts,
            replaced: result.replaced,
          })}
        </p>
      )}
      <ActionError error={run.error} />
      {problems.length > 0 && (
        <ul className="rota-import__problems" data-testid="rota-import-problems">
          {problems.map((p) => (
            <li key={`${p.line}:${p.column}:${p.message}`}>
              {t('dutyDesk.rota.import.problem', {
                line: p.line,
                column: p.column,
                message: p.message,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
