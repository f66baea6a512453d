import { dispatchesRoutes, type DispatchDto } from '@sanfang/shared';
import { callApi } from '../../api/call';

export const fetchDispatches = (
  token: string,
  responseId: string,
  signal?: AbortSignal,
): Promise<DispatchDto[]> =>
  callApi(dispatchesRoutes.list, { query: { responseId }, token, signal });
