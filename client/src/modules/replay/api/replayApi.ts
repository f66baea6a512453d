import { replayRoutes } from '@sanfang/shared';
import { downloadRoute } from '../../api/download';
import { formatInstant, type ReplayRange } from '../../../utils/replayParam';

const query = (r: ReplayRange) => ({
  from: new Date(r.from).toISOString(),
  to: new Date(r.to).toISOString(),
});

const fileStem = (r: ReplayRange) =>
  `replay-${formatInstant(r.from).replace(/[-:]/g, '')}-${formatInstant(r.to).replace(/[-:]/g, '')}`;

/** The range's timeline (every event, one a row) as a CSV file. */
export const downloadTimelineCsv = (token: string, range: ReplayRange): Promise<void> =>
  downloadRoute(replayRoutes.timelineCsv, query(range), token, `${fileStem(range)}.csv`);

/** The range's printable summary (key times, late and overdue counts) as an HTML file. */
export const downloadSummaryHtml = (token: string, range: ReplayRange): Promise<void> =>
  downloadRoute(replayRoutes.summaryHtml, query(range), token, `${fileStem(range)}.html`);

/** The query of the marks route for a range. */
export const rangeQuery = query;
