import { dispatchesRoutes, type DispatchDto } from '@sanfang/shared';
import { callApi } from '../../api/call';

export const fetchDispatches = (
  token: string,
  responseId: string,
  signal?: AbortSignal,
): Promise<DispatchDto[]> =>
  // The whole snapshot (the API's ceiling, above a whole-district activation's 2,436): the board
  // pages through it itself (virtualised), never a truncated first page.
  callApi(dispatchesRoutes.list, { query: { responseId, limit: '10000' }, token, signal });
