import { reportsRoutes } from '@sanfang/shared';
import { downloadRoute } from '../../api/download';

/** The daily report or monthly bulletin as a printable HTML or CSV file. */
export function downloadReport(
  token: string,
  kind: 'daily' | 'monthly',
  period: string,
  format: 'html' | 'csv',
): Promise<void> {
  const route = kind === 'daily' ? reportsRoutes.daily : reportsRoutes.monthly;
  const query = kind === 'daily' ? { date: period, format } : { month: period, format };
  return downloadRoute(route, query, token, `duty-report-${period}.${format}`);
}
