// Public surface of pasearch report reading: recognising a report, its data, and the installed policy.
export { isPasearchReport, reportLines, type ReportLine } from './lines.js';
export * from './report.js';
export * from './policy.js';
