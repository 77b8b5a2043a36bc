export * from './scratch-database.js';
export * from './test-stack.js';
