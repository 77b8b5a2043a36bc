// @banenpool/audit: what auditors ask of the records — history, state as of a moment or a date, diffs — by replay over the EventStore port.
export * from './audit-subject.js';
export * from './audit-access.js';
export * from './history-entry.js';
export * from './history.js';
export * from './history-csv.js';
export * from './rules-used.js';
export * from './subject-events.js';
export * from './as-of.js';
export * from './erasure.js';
export * from './placement-wage.js';
export * from './subject-views.js';
export * from './diff.js';
export * from './money-text.js';
export * from './instant.js';
export * from './invoice-subject.js';
export * from './invoice-provenance.js';
export * from './invoice-provenance-text.js';
