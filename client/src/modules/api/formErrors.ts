import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiRequestError } from './apiRequestError';

/**
 * Puts a `{code, message, path}` refusal at the form field its path names (`body.casualties.deaths`
 * → `casualties.deaths`). Returns false when it names none of `fields`: show it at the form.
 */
export function errorAtField<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): boolean {
  if (!isApiRequestError(error) || !error.path?.startsWith('body.')) return false;
  const name = error.path.slice('body.'.length);
  const field = fields.find((f) => f === name);
  if (!field) return false;
  setError(field, { type: 'server', message: `${error.code}: ${error.message}` });
  return true;
}
