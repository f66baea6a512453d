import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ErrorMessageKey } from '../errorMessageKey';
import { SERVER_ERROR } from '../utils/fieldErrors';
import { FORM_ISSUES, type FormIssue } from '../../../vocabulary/formIssues';

/**
 * A field's error under the field (give the control `aria-describedby={id}`): the client's zod
 * check in the console's words by issue kind, or the server's `{code, message}` that
 * `applyServerError` put at this field by its `path`. `FormField` shows it for a labelled control;
 * a form that lays its controls out itself (a fieldset, a row of numbers) places it directly.
 */
export function FieldIssue({
  id,
  error,
  testId = `field-error-${id}`,
}: {
  id: string;
  error: FieldError | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const type = String(error.type ?? '');
  const issue: FormIssue = (FORM_ISSUES as readonly string[]).includes(type)
    ? (type as FormIssue)
    : 'invalid';
  const text = type.startsWith(SERVER_ERROR)
    ? t('forms.server', {
        reason: t(`errors.${type.slice(SERVER_ERROR.length)}` as ErrorMessageKey),
        detail: error.message ?? '',
      })
    : t(`forms.issues.${issue}`);
  return (
    <span className="form-field__error" id={id} role="alert" data-testid={testId}>
      {text}
    </span>
  );
}
