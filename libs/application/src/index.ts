export * from './command-executor.js';
