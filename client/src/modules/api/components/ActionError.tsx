import { useTranslation } from 'react-i18next';
import { isApiRequestError } from '../apiRequestError';
import { errorMessageKey } from '../errorMessageKey';

/** Why the server refused an action: our words for its code, then its own code and message. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="form-error" role="alert" data-testid="action-error">
      <p>{t(errorMessageKey(error))}</p>
      {isApiRequestError(error) && (
        <p className="form-error__detail" data-code={error.code}>
          {t('apiError.detail', { code: error.code, message: error.message })}
        </p>
      )}
    </div>
  );
}
