export * from './scratch-database.js';
export * from './test-stack.js';
export * from './files-holding.js';
