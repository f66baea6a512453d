import type { WarningDetailDto, WarningDto } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export const fetchActiveWarnings = (token: string, signal?: AbortSignal): Promise<WarningDto[]> =>
  apiRequest<WarningDto[]>('/api/warnings?active=true', { token, signal });

export const fetchWarning = (token: string, id: string): Promise<WarningDto> =>
  apiRequest<WarningDto>(`/api/warnings/${encodeURIComponent(id)}`, { token });

/** One warning with its whole CAP chain (lineage), whatever its state. */
export const fetchWarningDetail = (
  token: string,
  id: string,
  signal?: AbortSignal,
): Promise<WarningDetailDto> =>
  apiRequest<WarningDetailDto>(`/api/warnings/${encodeURIComponent(id)}`, { token, signal });
