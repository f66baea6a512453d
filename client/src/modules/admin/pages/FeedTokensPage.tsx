import {
  createFeedTokenSchema,
  feedTokensRoutes,
  trustedCertificatesSchema,
  type FeedTokenDto,
} from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { SchemaForm } from '../components/SchemaForm';

/** PEM blocks in a pasted text, one certificate each. */
export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

/** Tokens push feeds authenticate with (shown once), and the certificates they must sign with. */
export function FeedTokensPage() {
  const { t } = useTranslation();
  const tokens = useApiQuery(feedTokensRoutes.list);
  const create = useApiMutation(feedTokensRoutes.create, [feedTokensRoutes.list]);
  const revoke = useApiMutation(feedTokensRoutes.revoke, [feedTokensRoutes.list]);
  const [certsFor, setCertsFor] = useState<FeedTokenDto | null>(null);
  return (
    <main className="admin-page" data-testid="page-feed-tokens">
      <h2>{t('adm.tokens.title')}</h2>
      {tokens.error !== null && <ActionError error={tokens.error} />}
      <table className="resource-table">
        <caption className="visually-hidden">{t('adm.tokens.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('adm.tokens.created')}</th>
            <th scope="col">{t('res.status')}</th>
            <th scope="col">{t('adm.tokens.certificates')}</th>
            <th scope="col">{t('adm.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((k) => (
            <tr key={k.id} data-testid={`feed-token-${k.name}`}>
              <td>{k.name}</td>
              <td>{new Date(k.createdAt).toLocaleString()}</td>
              <td>{k.revokedAt ? t('adm.tokens.revoked') : t('adm.tokens.active')}</td>
              <td>{k.trustedCertificates.join('; ') || '—'}</td>
              <td>
                {!k.revokedAt && (
                  <>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setCertsFor(k)}
                    >
                      {t('adm.tokens.setCertificates')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--small button--danger"
                      onClick={() => {
                        if (window.confirm(t('adm.tokens.confirmRevoke', { name: k.name })))
                          revoke.mutate({ params: { id: k.id } });
                      }}
                    >
                      {t('adm.tokens.revoke')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoke.error !== null && <ActionError error={revoke.error} />}
      <SchemaForm
        testId="feed-token-form"
        title={t('adm.tokens.create')}
        schema={createFeedTokenSchema}
        fields={[{ name: 'name', label: t('res.name'), kind: 'text' }]}
        submitLabel={t('adm.tokens.createButton')}
        resetOnSuccess
        onSubmit={(body) => create.mutateAsync({ body: body as never })}
      />
      {create.data && (
        <p role="status" data-testid="feed-token-secret">
          {t('adm.tokens.shownOnce')} <code>{create.data.token}</code>
        </p>
      )}
      {certsFor && <Certificates key={certsFor.id} token={certsFor} />}
    </main>
  );
}

function Certificates({ token }: { token: FeedTokenDto }) {
  const { t } = useTranslation();
  const put = useApiMutation(feedTokensRoutes.certificates, [feedTokensRoutes.list]);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className="resource-form"
      data-testid="feed-token-certificates"
      onSubmit={(e) => {
        e.preventDefault();
        const body = { certificates: pemBlocks(text) };
        const ok = trustedCertificatesSchema.safeParse(body).success;
        setInvalid(!ok || (text.trim() !== '' && body.certificates.length === 0));
        if (ok) put.mutate({ params: { id: token.id }, body });
      }}
    >
      <h3>{t('adm.tokens.certificatesFor', { name: token.name })}</h3>
      <label htmlFor="feed-token-pem">{t('adm.tokens.pem')}</label>
      <textarea
        id="feed-token-pem"
        rows={8}
        cols={70}
        value={text}
        aria-invalid={invalid || undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {invalid && (
        <p className="form-error" role="alert">
          {t('adm.tokens.pemInvalid')}
        </p>
      )}
      <button type="submit" className="button" disabled={put.isPending}>
        {t('res.save')}
      </button>
      {put.error !== null && <ActionError error={put.error} />}
    </form>
  );
}
