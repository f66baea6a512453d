import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loginRequestSchema } from '@sanfang/shared';
import { errorMessageKey } from '../../api/errorMessageKey';
import { LanguageSwitch } from '../../../i18n/LanguageSwitch';
import { useAuth } from '../state/useAuth';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn, signedOutReason } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Same schema the server validates with, so the form never sends what it would reject.
    const parsed = loginRequestSchema.safeParse({ username: username.trim(), password });
    if (!parsed.success) {
      setError(t('auth.required'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await signIn(parsed.data);
    } catch (caught) {
      setError(t(errorMessageKey(caught)));
      setSubmitting(false);
    }
  }

  const notice = !error && signedOutReason === 'sessionExpired' ? t('auth.sessionExpired') : null;

  return (
    <main className="sign-in">
      <form className="sign-in__form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="sign-in__language">
          <LanguageSwitch />
        </div>
        <h1 className="sign-in__app">{t('app.name')}</h1>
        <p className="sign-in__district">{t('app.district')}</p>
        <h2 className="sign-in__title">{t('auth.title')}</h2>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            // The page's one job is signing in: the first field takes focus.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="sign-in__error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        {notice && (
          <p className="sign-in__notice" role="status">
            {notice}
          </p>
        )}
        <button className="button button--primary" type="submit" disabled={submitting}>
          {submitting ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </main>
  );
}
