import { zodResolver } from '@hookform/resolvers/zod';
import { noticesRoutes, postNoticeSchema, referenceRoutes, type PostNotice } from '@sanfang/shared';
import type { z } from 'zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { FieldIssue } from '../../api/components/FieldIssue';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { useLanguage } from '../../../i18n/useLanguage';
import { formatTime } from '../../../utils/formatTime';

const LEVELS = ['info', 'warning', 'urgent'] as const;

/** Notices to the console (通知): the recent ones, and posting one. */
export function NoticesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const notices = useApiQuery(noticesRoutes.recent, undefined, { invalidateOn: ['notice.*'] });
  const subdistricts = useApiQuery(referenceRoutes.subdistricts);
  const post = useApiMutation(noticesRoutes.post, [noticesRoutes.recent]);
  const form = useForm<z.input<typeof postNoticeSchema>, unknown, PostNotice>({
    resolver: zodResolver(postNoticeSchema),
    defaultValues: { text: '', level: 'info', subdistrictCodes: [] },
  });
  const { errors } = form.formState;
  const names = new Map(
    (subdistricts.data?.features ?? []).map((f) => [
      f.properties.code,
      language === 'en' ? f.properties.nameEn : f.properties.name,
    ]),
  );
  const submit = form.handleSubmit((body) =>
    post.mutate(
      { body },
      {
        onSuccess: () => form.reset({ text: '', level: 'info', subdistrictCodes: [] }),
        onError: (e) => applyServerError(e, form.setError, ['text', 'level', 'subdistrictCodes']),
      },
    ),
  );

  return (
    <section className="desk-page notices" data-testid="notices-page">
      <h2>{t('notices.title')}</h2>
      <form
        noValidate
        className="desk-form"
        onSubmit={(e) => void submit(e)}
        data-testid="notice-form"
      >
        <h3>{t('notices.post')}</h3>
        <label>
          {t('notices.text')}
          <textarea
            rows={3}
            {...form.register('text')}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby="notice-text-error"
          />
        </label>
        <FieldIssue id="notice-text-error" error={errors.text} />
        <label>
          {t('notices.level')}
          <select {...form.register('level')}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`notices.levels.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('notices.subdistricts')}
          <select
            multiple
            size={4}
            {...form.register('subdistrictCodes')}
            aria-describedby="notice-subdistricts-hint"
          >
            {[...names].map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="desk-form__hint" id="notice-subdistricts-hint">
          {t('notices.subdistrictsHint')}
        </span>
        <FieldIssue id="notice-subdistricts-error" error={errors.subdistrictCodes as never} />
        <button type="submit" className="button button--primary" disabled={post.isPending}>
          {t('notices.postButton')}
        </button>
        {post.error !== null && !errors.text && <ActionError error={post.error} />}
      </form>
      {notices.error !== null && <ActionError error={notices.error} />}
      <ul className="notices__list" data-testid="notices-list">
        {(notices.data ?? []).map((n) => (
          <li key={n.id} className={`notices__item notices__item--${n.level}`}>
            <p className="notices__meta">
              <span>{t(`notices.levels.${n.level}`)}</span> · <span>{n.author}</span> ·{' '}
              <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
              {n.subdistrictCodes.length > 0 &&
                ` · ${n.subdistrictCodes.map((c) => names.get(c) ?? c).join('、')}`}
            </p>
            <p>{n.text}</p>
          </li>
        ))}
      </ul>
      {notices.data?.length === 0 && <p>{t('notices.none')}</p>}
    </section>
  );
}
