import {
  dailyReportQuerySchema,
  monthlyReportQuerySchema,
  type DutyReport,
  type MonthlyReport,
} from '../incidents';
import { get, shape } from './route';

/**
 * Duty reports. `format=json` (the default) answers the report; `format=html` (printable) and
 * `format=csv` (attachment) answer text, so the response is typed as the union: a page that
 * asks for JSON narrows it, a download link is `routeUrl(route, {}, { …, format: 'csv' })`.
 */
export const reportsRoutes = {
  daily: get('reports/daily', {
    query: dailyReportQuerySchema,
    response: shape<DutyReport | string>(),
  }),
  monthly: get('reports/monthly', {
    query: monthlyReportQuerySchema,
    response: shape<MonthlyReport | string>(),
  }),
};
