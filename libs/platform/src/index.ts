export * from './config/app-config.js';
export * from './infrastructure/infrastructure.module.js';
export * from './infrastructure/tokens.js';
export * from './observability/observability.module.js';
export * from './observability/logging.js';
export * from './auth/actor.js';
export * from './auth/auth.guard.js';
