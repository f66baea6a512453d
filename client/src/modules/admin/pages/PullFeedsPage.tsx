import { pullFeedsRoutes, pullFeedSchema, type PullFeedDto } from '@sanfang/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { FormField } from '../../api/components/FormField';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { pemBlocks } from './FeedTokensPage';

const FEED_EVENTS = ['cap.*', 'warning.*'] as const;

/** Atom feeds the server polls for CAP messages: add, edit, poll now, entries and errors. */
export function PullFeedsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const feeds = useApiQuery(pullFeedsRoutes.list, undefined, { invalidateOn: FEED_EVENTS });
  const selected = feeds.data?.find((f) => f.id === id);
  return (
    <main className="admin-page" data-testid="page-pull-feeds">
      <h2>{t('adm.pull.title')}</h2>
      {feeds.error !== null && <ActionError error={feeds.error} />}
      <table className="resource-table">
        <caption className="visually-hidden">{t('adm.pull.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('adm.pull.url')}</th>
            <th scope="col">{t('adm.pull.enabled')}</th>
            <th scope="col">{t('adm.pull.lastSuccess')}</th>
            <th scope="col">{t('adm.pull.lastError')}</th>
            <th scope="col">{t('adm.pull.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {feeds.data?.map((f) => (
            <tr key={f.id} data-testid={`pull-feed-row-${f.name}`}>
              <td>
                <Link to={`/admin/pull-feeds/${f.id}`}>{f.name}</Link>
              </td>
              <td>{f.url}</td>
              <td>{f.enabled ? t('adm.yes') : t('adm.no')}</td>
              <td>
                {f.health.lastSuccessAt ? new Date(f.health.lastSuccessAt).toLocaleString() : '—'}
              </td>
              <td>{f.health.lastError ?? '—'}</td>
              <td data-testid="pull-feed-counts">
                {t('adm.pull.countsValue', {
                  ingested: f.health.entriesIngested,
                  quarantined: f.health.entriesQuarantined,
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected ? <FeedDetail key={selected.id} feed={selected} /> : <FeedForm />}
    </main>
  );
}

interface FeedValues {
  name: string;
  url: string;
  allowedHosts: string;
  intervalS: number;
  enabled: boolean;
  certificates: string;
}

function FeedForm({ feed }: { feed?: PullFeedDto }) {
  const { t } = useTranslation();
  const create = useApiMutation(pullFeedsRoutes.create, [pullFeedsRoutes.list]);
  const update = useApiMutation(pullFeedsRoutes.update, [pullFeedsRoutes.list]);
  const form = useForm<FeedValues>({
    defaultValues: {
      name: feed?.name ?? '',
      url: feed?.url ?? '',
      allowedHosts: feed?.allowedHosts.join(', ') ?? '',
      intervalS: feed?.intervalS ?? 120,
      enabled: feed?.enabled ?? true,
      certificates: '',
    },
  });
  const [failure, setFailure] = useState<unknown>(null);
  const fields = ['name', 'url', 'allowedHosts', 'intervalS', 'enabled', 'trustedCertificates'];
  const submit = form.handleSubmit((v) => {
    setFailure(null);
    const { certificates, ...rest } = v;
    const pems = pemBlocks(certificates);
    // A save replaces the feed's certificates with what is sent: never drop them unseen.
    if ((feed?.trustedCertificates.length ?? 0) > 0 && pems.length === 0) {
      form.setError('certificates', { type: 'custom' });
      return;
    }
    const body = {
      ...rest,
      trustedCertificates: pems,
      allowedHosts: v.allowedHosts
        .split(/[\s,]+/)
        .map((h) => h.trim())
        .filter(Boolean),
    };
    // The server's schema, checked here first; each issue at the field it names.
    const parsed = pullFeedSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        const field = key === 'trustedCertificates' ? 'certificates' : key;
        form.setError(field as keyof FeedValues, { type: issue.code });
      }
      return;
    }
    const onError = (e: unknown) => {
      const aliases = { trustedCertificates: 'certificates' };
      if (!applyServerError(e, form.setError, [...fields, 'certificates'], aliases)) setFailure(e);
    };
    if (feed) update.mutate({ params: { id: feed.id }, body }, { onError });
    else create.mutate({ body }, { onError, onSuccess: () => form.reset() });
  });
  const errors = form.formState.errors;
  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="resource-form"
      data-testid="pull-feed-form"
      noValidate
    >
      <h3>{feed ? t('adm.pull.edit') : t('adm.pull.add')}</h3>
      <FormField label={t('res.name')} error={errors.name}>
        <input {...form.register('name')} />
      </FormField>
      <FormField label={t('adm.pull.url')} error={errors.url}>
        <input type="url" {...form.register('url')} />
      </FormField>
      <FormField
        label={t('adm.pull.allowedHosts')}
        hint={t('adm.pull.allowedHostsHint')}
        error={errors.allowedHosts}
      >
        <input {...form.register('allowedHosts')} />
      </FormField>
      <FormField label={t('adm.pull.interval')} error={errors.intervalS}>
        <input type="number" {...form.register('intervalS', { valueAsNumber: true })} />
      </FormField>
      <FormField label={t('adm.pull.enabled')} error={errors.enabled}>
        <input type="checkbox" {...form.register('enabled')} />
      </FormField>
      <FormField
        label={t('adm.pull.certificates')}
        hint={
          feed?.trustedCertificates.length
            ? t('adm.pull.certificatesReplace', { labels: feed.trustedCertificates.join('; ') })
            : t('adm.pull.certificatesHint')
        }
        error={errors.certificates}
      >
        <textarea rows={4} cols={60} {...form.register('certificates')} />
      </FormField>
      <button type="submit" className="button" disabled={create.isPending || update.isPending}>
        {t('res.save')}
      </button>
      {failure !== null && <ActionError error={failure} />}
    </form>
  );
}

function FeedDetail({ feed }: { feed: PullFeedDto }) {
  const { t } = useTranslation();
  const entries = useApiQuery(
    pullFeedsRoutes.entries,
    { params: { id: feed.id } },
    { invalidateOn: FEED_EVENTS },
  );
  const poll = useApiMutation(pullFeedsRoutes.poll, [
    pullFeedsRoutes.list,
    pullFeedsRoutes.entries,
  ]);
  const remove = useApiMutation(pullFeedsRoutes.remove, [pullFeedsRoutes.list]);
  return (
    <section className="resource-detail" data-testid="pull-feed-detail" aria-labelledby="feed-h">
      <h3 id="feed-h">{feed.name}</h3>
      <button
        type="button"
        className="button"
        data-testid="pull-feed-poll"
        disabled={poll.isPending}
        onClick={() => poll.mutate({ params: { id: feed.id } })}
      >
        {t('adm.pull.pollNow')}
      </button>{' '}
      <button
        type="button"
        className="button button--danger"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(t('adm.confirmDelete', { name: feed.name })))
            remove.mutate({ params: { id: feed.id } });
        }}
      >
        {t('adm.delete')}
      </button>
      {poll.data && (
        <p role="status" data-testid="pull-feed-poll-result">
          {poll.data.error
            ? t('adm.pull.pollError', { error: poll.data.error })
            : t('adm.pull.pollDone', {
                ingested: poll.data.ingested,
                duplicates: poll.data.duplicates,
                quarantined: poll.data.quarantined,
              })}
        </p>
      )}
      {(poll.error ?? remove.error) !== null && <ActionError error={poll.error ?? remove.error} />}
      <table className="resource-table" data-testid="pull-feed-entries">
        <caption>{t('adm.pull.entries')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.time')}</th>
            <th scope="col">{t('adm.pull.entry')}</th>
            <th scope="col">{t('res.status')}</th>
            <th scope="col">{t('adm.pull.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.data?.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.fetchedAt).toLocaleString()}</td>
              <td>{e.entryId}</td>
              <td>{t(`adm.pull.statuses.${e.status}`)}</td>
              <td>{e.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FeedForm feed={feed} />
      <Link to="/admin/pull-feeds">{t('adm.pull.addAnother')}</Link>
    </section>
  );
}
