// Public surface of @attls/evaluate: evaluation order, connection matching with explanations,
// effective settings, the batch index and the shadowing/overlap analysis.
export * from './ebcdic.js';
export * from './intervals.js';
export * from './names.js';
export * from './time.js';
export * from './actions.js';
export * from './compile.js';
export * from './connection.js';
export * from './match.js';
export * from './index-matcher.js';
export * from './settings.js';
export * from './analysis.js';
export * from './report.js';
export * from './batch.js';
export * from './cases.js';
export * from './edits.js';
export * from './properties-space.js';
export * from './properties-time.js';
export * from './properties.js';
export * from './diff.js';
export * from './diff-values.js';
export { boxContains, regionPairs, REGION_SHOWN, settingsByRule, type ConnectionOutcome, type RegionPair, type RegionPairs } from './diff-regions.js';
export * from './diff-format.js';
