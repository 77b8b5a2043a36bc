export * from './command-executor.js';
export * from './placement-process.js';
export * from './allocation-input.js';
export * from './allocation-facts.js';
export * from './allocation-acceptance.js';
