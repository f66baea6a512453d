import type { DispatchDto } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export const fetchDispatches = (
  token: string,
  responseId: string,
  signal?: AbortSignal,
): Promise<DispatchDto[]> =>
  apiRequest<DispatchDto[]>(`/api/dispatches?responseId=${encodeURIComponent(responseId)}`, {
    token,
    signal,
  });
