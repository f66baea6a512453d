import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiRequestError } from '../apiRequestError';

/** A field error's type when the server refused the value: `server:<code>`. */
export const SERVER_ERROR = 'server:';

/**
 * The form field a server error names: `{path: 'body.reason'}` → `reason`,
 * `body.items.0.sku` → `items.0.sku`. Undefined when it names none.
 */
export function fieldOfPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const field = path.replace(/^(body|query)\.?/, '');
  return field === '' ? undefined : field;
}

/**
 * Put a refused request's `{code, message, path}` at its field (`setError`); true when it found
 * one of `fields` (by the path or its first segment). Otherwise the caller shows it for the form.
 */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  /** Where the form shows a body field under another name: `{ occupancy: 'value' }`. */
  aliases: Record<string, string> = {},
): boolean {
  if (!isApiRequestError(error)) return false;
  const named = fieldOfPath(error.path);
  if (!named) return false;
  const field = aliases[named] ?? named;
  const target = fields.includes(field) ? field : fields.find((f) => field.startsWith(`${f}.`));
  if (!target) return false;
  // The type carries the code (shown in the console's words), the message the server's detail.
  setError(target as Path<T>, { type: `${SERVER_ERROR}${error.code}`, message: error.message });
  return true;
}
