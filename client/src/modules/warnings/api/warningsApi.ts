import type { WarningDto } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export const fetchActiveWarnings = (token: string, signal?: AbortSignal): Promise<WarningDto[]> =>
  apiRequest<WarningDto[]>('/api/warnings?active=true', { token, signal });

export const fetchWarning = (token: string, id: string): Promise<WarningDto> =>
  apiRequest<WarningDto>(`/api/warnings/${encodeURIComponent(id)}`, { token });
