import { warningsRoutes, type WarningDetailDto, type WarningDto } from '@sanfang/shared';
import { callApi } from '../../api/call';

export const fetchActiveWarnings = (token: string, signal?: AbortSignal): Promise<WarningDto[]> =>
  callApi(warningsRoutes.list, { query: { active: 'true' }, token, signal });

export const fetchWarning = (token: string, id: string): Promise<WarningDto> =>
  callApi(warningsRoutes.get, { params: { id }, token });

/** One warning with its whole CAP chain (lineage), whatever its state. */
export const fetchWarningDetail = (
  token: string,
  id: string,
  signal?: AbortSignal,
): Promise<WarningDetailDto> => callApi(warningsRoutes.get, { params: { id }, token, signal });
