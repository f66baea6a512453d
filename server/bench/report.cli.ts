/** npm run bench:report — rewrites bench/REPORT.md from bench/results without running anything. */
import { writeReport } from './report/write-report';

console.log(`${writeReport()} written`);
