import { cloneElement, useId, type ReactElement } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ErrorMessageKey } from '../errorMessageKey';
import { SERVER_ERROR } from '../utils/fieldErrors';
import { FORM_ISSUES, type FormIssue } from '../../../vocabulary/formIssues';

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A labelled form control with its error under it: the client's zod check (in the console's
 * language, by issue kind) or the server's `{code, message}` put at this field by its `path`.
 */
export function FormField({
  label,
  error,
  children,
  hint,
}: {
  label: string;
  error?: FieldError;
  hint?: string;
  children: ReactElement<ControlProps>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const issue = (FORM_ISSUES as readonly string[]).includes(error?.type ?? '')
    ? (error?.type as FormIssue)
    : 'invalid';
  const text = !error
    ? null
    : error.type.startsWith(SERVER_ERROR)
      ? t('forms.server', {
          reason: t(`errors.${error.type.slice(SERVER_ERROR.length)}` as ErrorMessageKey),
          detail: error.message ?? '',
        })
      : t(`forms.issues.${issue}`);
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`form-field${error ? ' form-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <span className="form-field__hint" id={hintId}>
          {hint}
        </span>
      )}
      {text && (
        <span className="form-field__error" id={errorId} role="alert" data-testid="field-error">
          {text}
        </span>
      )}
    </div>
  );
}
