import {
  createIncidentSchema,
  type CreateIncident,
  type EditIncident,
  type IncidentDto,
  type IncidentType,
} from '@sanfang/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';

/** The incident form as typed: every field a string; the body is built from it. */
export interface IncidentFormValues {
  type: IncidentType;
  /** Beijing wall-clock time from a datetime-local input, `YYYY-MM-DDTHH:mm`. */
  occurredAt: string;
  title: string;
  description: string;
  location: { address: string; lon: string; lat: string };
  casualties: { deaths: string; seriousInjuries: string; missing: string; trapped: string };
  directLossCny: string;
}

/** Field names as the server's `{path}` names them (after `body.`). */
export const INCIDENT_FIELDS = [
  'type',
  'occurredAt',
  'title',
  'description',
  'location',
  'location.address',
  'location.lon',
  'location.lat',
  'casualties.deaths',
  'casualties.seriousInjuries',
  'casualties.missing',
  'casualties.trapped',
  'directLossCny',
] as const;

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s);

/** What the form sends (the shared schema's input); empty fields are left out. */
export function incidentBody(v: IncidentFormValues): Record<string, unknown> {
  return {
    type: v.type,
    occurredAt: v.occurredAt ? `${v.occurredAt}:00+08:00` : '',
    title: text(v.title),
    description: v.description,
    location: {
      address: text(v.location.address),
      lon: num(v.location.lon),
      lat: num(v.location.lat),
    },
    casualties: {
      deaths: num(v.casualties.deaths) ?? 0,
      seriousInjuries: num(v.casualties.seriousInjuries) ?? 0,
      missing: num(v.casualties.missing) ?? 0,
      trapped: num(v.casualties.trapped) ?? 0,
    },
    directLossCny: num(v.directLossCny) ?? 0,
  };
}

const resolveBody = zodResolver(createIncidentSchema);

/** Validates the body the form would send with the server's own schema; errors land at fields. */
export const incidentResolver: Resolver<IncidentFormValues, unknown, CreateIncident> = async (
  values,
  context,
  options,
) => {
  const result = await resolveBody(incidentBody(values) as never, context, options as never);
  return result;
};

/** A form filled with an incident's current facts (for editing). */
export function formFromIncident(i: IncidentDto): IncidentFormValues {
  return {
    type: i.type,
    occurredAt: beijingLocal(i.occurredAt),
    title: i.title,
    description: i.description,
    location: {
      address: i.address ?? '',
      lon: i.lon === null ? '' : String(i.lon),
      lat: i.lat === null ? '' : String(i.lat),
    },
    casualties: {
      deaths: String(i.casualties.deaths),
      seriousInjuries: String(i.casualties.seriousInjuries),
      missing: String(i.casualties.missing),
      trapped: String(i.casualties.trapped),
    },
    directLossCny: String(i.directLossCny),
  };
}

/** An instant as a Beijing datetime-local value. */
export function beijingLocal(instant: string | Date): string {
  const d = new Date(new Date(instant).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16);
}

/** The edit body: only what differs from the incident (location and casualties as a whole). */
export function editBody(
  i: IncidentDto,
  body: CreateIncident,
): Omit<EditIncident, 'expectedVersion' | 'reason'> {
  const out: Omit<EditIncident, 'expectedVersion' | 'reason'> = {};
  if (body.type !== i.type) out.type = body.type;
  if (Date.parse(body.occurredAt) !== Date.parse(i.occurredAt)) out.occurredAt = body.occurredAt;
  if (body.title !== undefined && body.title !== i.title) out.title = body.title;
  if (body.description !== i.description) out.description = body.description;
  const l = body.location;
  if ((l.address ?? null) !== i.address || (l.lon ?? null) !== i.lon || (l.lat ?? null) !== i.lat)
    out.location = l;
  const c = body.casualties;
  if (
    c.deaths !== i.casualties.deaths ||
    c.seriousInjuries !== i.casualties.seriousInjuries ||
    c.missing !== i.casualties.missing ||
    c.trapped !== i.casualties.trapped
  )
    out.casualties = c;
  if (body.directLossCny !== i.directLossCny) out.directLossCny = body.directLossCny;
  return out;
}
