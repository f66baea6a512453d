import { importRoutes, type ImportResultDto, type ImportUpload } from '@sanfang/shared';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation } from '../../data/useApiQuery';

type Kind = NonNullable<ImportUpload['kind']>;
const KINDS: readonly Kind[] = ['points', 'shelters', 'teams', 'subdistricts'];

/**
 * `npm run import` in the browser: pick a CSV or GeoJSON file, preview it (a dry run: each row's
 * problems, or what would be inserted and updated), then load it — all rows or none.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [kind, setKind] = useState<Kind | ''>('');
  const [readError, setReadError] = useState(false);
  const [preview, setPreview] = useState<ImportResultDto | null>(null);
  const [loaded, setLoaded] = useState<ImportResultDto | null>(null);
  const upload = useApiMutation(importRoutes.upload);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    setPreview(null);
    setLoaded(null);
    upload.reset();
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    try {
      // Excel in a Chinese locale saves GBK: refuse it here, as the CLI does.
      const content = new TextDecoder('utf-8', { fatal: true }).decode(await f.arrayBuffer());
      setReadError(false);
      setFile({ fileName: f.name, content });
    } catch {
      setReadError(true);
      setFile(null);
    }
  };

  const run = (dryRun: boolean) => {
    if (!file) return;
    upload.mutate(
      {
        query: { dryRun: String(dryRun) as 'true' | 'false' },
        body: { ...file, ...(kind ? { kind } : {}) },
      },
      { onSuccess: (r) => (dryRun ? setPreview(r) : setLoaded(r)) },
    );
  };

  return (
    <main className="admin-page" data-testid="page-import">
      <h2>{t('adm.import.title')}</h2>
      <p>{t('adm.import.intro')}</p>
      <div className="resource-form">
        <label htmlFor="import-file">{t('adm.import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json"
          data-testid="import-file"
          onChange={(e) => void pick(e)}
        />
        <label htmlFor="import-kind">{t('adm.import.kind')}</label>
        <select
          id="import-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind | '')}
        >
          <option value="">{t('adm.import.kindAuto')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`adm.import.kinds.${k}`)}
            </option>
          ))}
        </select>
        {readError && (
          <p className="form-error" role="alert">
            {t('adm.import.notUtf8')}
          </p>
        )}
        <button
          type="button"
          className="button"
          data-testid="import-preview"
          disabled={!file || upload.isPending}
          onClick={() => run(true)}
        >
          {t('adm.import.preview')}
        </button>
      </div>
      {upload.error !== null && <ActionError error={upload.error} />}
      {preview && !loaded && (
        <section aria-labelledby="import-preview-h" data-testid="import-result">
          <h3 id="import-preview-h">{t('adm.import.previewTitle')}</h3>
          {preview.unknownColumns.length > 0 && (
            <p>{t('adm.import.unknownColumns', { columns: preview.unknownColumns.join(', ') })}</p>
          )}
          {preview.valid ? (
            <>
              <p data-testid="import-would">
                {t('adm.import.would', {
                  kind: t(`adm.import.kinds.${preview.kind}`),
                  inserted: preview.inserted,
                  updated: preview.updated,
                })}
              </p>
              <button
                type="button"
                className="button"
                data-testid="import-load"
                disabled={upload.isPending}
                onClick={() => run(false)}
              >
                {t('adm.import.load')}
              </button>
            </>
          ) : (
            <>
              <p role="alert">{t('adm.import.invalid', { n: preview.errors.length })}</p>
              <table className="resource-table" data-testid="import-errors">
                <caption className="visually-hidden">{t('adm.import.errors')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adm.import.line')}</th>
                    <th scope="col">{t('adm.import.column')}</th>
                    <th scope="col">{t('adm.import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={i} data-testid={`import-error-line-${e.line}`}>
                      <td>
                        {e.line}
                        {e.featureIndex !== undefined ? ` (features[${e.featureIndex}])` : ''}
                      </td>
                      <td>{e.column ?? '—'}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
      {loaded && (
        <p role="status" data-testid="import-loaded">
          {t('adm.import.loaded', {
            kind: t(`adm.import.kinds.${loaded.kind}`),
            inserted: loaded.inserted,
            updated: loaded.updated,
          })}
        </p>
      )}
    </main>
  );
}
