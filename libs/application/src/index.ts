export * from './command-executor.js';
export * from './placement-process.js';
