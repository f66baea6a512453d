import { cloneElement, useId, type ReactElement } from 'react';
import type { FieldError } from 'react-hook-form';
import { FieldIssue } from './FieldIssue';

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
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
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
      <FieldIssue id={errorId} error={error} testId="field-error" />
    </div>
  );
}
