import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ActionError } from '../../api/components/ActionError';
import { FormField } from '../../api/components/FormField';
import { applyServerError } from '../../api/utils/fieldErrors';

/** How a form field is typed in and turned into the body the schema parses. */
export type FieldKind = 'text' | 'number' | 'list' | 'select' | 'checkbox' | 'map';

export interface FieldSpec {
  name: string;
  /** Already translated. */
  label: string;
  kind: FieldKind;
  options?: readonly { value: string; label: string }[];
  hint?: string;
  /** Left out of the body when empty (optional fields of an update). */
  optional?: boolean;
  /** An empty value is sent as null (a select's "none" option). */
  nullable?: boolean;
}

type Values = Record<string, string | boolean>;

/** A value as the form holds it (text), from a body value. */
export function toFormValue(kind: FieldKind, v: unknown): string | boolean {
  if (kind === 'checkbox') return v === true;
  if (kind === 'list') return Array.isArray(v) ? v.join(', ') : '';
  if (kind === 'map')
    return v && typeof v === 'object'
      ? Object.entries(v)
          .map(([k, n]) => `${k}=${String(n)}`)
          .join(', ')
      : '';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function toBodyValue(kind: FieldKind, v: string | boolean | undefined): unknown {
  if (kind === 'checkbox') return v === true;
  const s = typeof v === 'string' ? v.trim() : '';
  if (kind === 'number') return s === '' ? undefined : Number(s);
  if (kind === 'list') return s === '' ? [] : s.split(/\s*[,，]\s*/).filter(Boolean);
  if (kind === 'map')
    return Object.fromEntries(
      s
        .split(/\s*[,，\n]\s*/)
        .filter(Boolean)
        .map((pair) => {
          const [k, n] = pair.split('=');
          return [k?.trim() ?? '', Number(n)];
        }),
    );
  return typeof v === 'string' ? v : '';
}

/**
 * A form whose body is checked with the server's own zod schema before it is sent (each issue at
 * the field it names, in the console's words), and whose server refusal lands at its field too.
 */
export function SchemaForm({
  title,
  fields,
  schema,
  initial = {},
  submitLabel,
  onSubmit,
  testId,
  resetOnSuccess = false,
}: {
  title: string;
  fields: readonly FieldSpec[];
  schema: z.ZodType;
  initial?: Record<string, unknown>;
  submitLabel: string;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  testId?: string;
  resetOnSuccess?: boolean;
}) {
  const { t } = useTranslation();
  const defaults: Values = Object.fromEntries(
    fields.map((f) => [f.name, toFormValue(f.kind, initial[f.name])]),
  );
  const form = useForm<Values>({ defaultValues: defaults });
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const names = fields.map((f) => f.name);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = values[f.name];
      const v = f.nullable && (raw === '' || raw === undefined) ? null : toBodyValue(f.kind, raw);
      if (f.optional && (v === undefined || v === '')) continue;
      body[f.name] = v;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? '');
        if (names.includes(name)) form.setError(name, { type: issue.code });
        else setFailure(new Error(issue.message));
      }
      return;
    }
    try {
      await onSubmit(body);
      setSaved(true);
      if (resetOnSuccess) form.reset(defaults);
    } catch (e) {
      if (!applyServerError(e, form.setError, names)) setFailure(e);
    }
  });
  const errors = form.formState.errors;
  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="resource-form"
      data-testid={testId}
      noValidate
    >
      <h3>{title}</h3>
      {fields.map((f) => (
        <FormField key={f.name} label={f.label} hint={f.hint} error={errors[f.name]}>
          {f.kind === 'select' ? (
            <select {...form.register(f.name)}>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.kind === 'checkbox' ? (
            <input type="checkbox" {...form.register(f.name)} />
          ) : (
            <input
              type={f.kind === 'number' ? 'number' : 'text'}
              step={f.kind === 'number' ? 'any' : undefined}
              {...form.register(f.name)}
            />
          )}
        </FormField>
      ))}
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        {submitLabel}
      </button>
      {saved && (
        <span role="status" data-testid="form-saved">
          {t('adm.saved')}
        </span>
      )}
      {failure !== null && <ActionError error={failure} />}
    </form>
  );
}
