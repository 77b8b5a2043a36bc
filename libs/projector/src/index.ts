export * from './projection.js';
export * from './projection-checkpoint.entity.js';
export * from './projector.js';
export * from './read-model-data-source.js';
export * from './read-model-comparison.js';
export * from './bulk-copy.js';
export * from './sql-names.js';
