import type { FieldError as RhfFieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

const KNOWN = ['too_small', 'too_big', 'invalid_type', 'invalid_format', 'server'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (type: string): type is Known => (KNOWN as readonly string[]).includes(type);

/**
 * A field's error, under the field (give the input `aria-describedby={id}`): our words for its
 * kind, then the validator's own message (the server's code and message when it refused).
 */
export function FieldError({ id, error }: { id: string; error: RhfFieldError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const type = String(error.type);
  return (
    <span className="field-error" id={id} role="alert" data-testid={`field-error-${id}`}>
      {t(`forms.errors.${isKnown(type) ? type : 'invalid'}`)}
      {error.message ? ` (${error.message})` : ''}
    </span>
  );
}
