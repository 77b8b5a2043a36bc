export * from './config/app-config.js';
export * from './infrastructure/tokens.js';
export * from './observability/logging.js';
export * from './auth/actor.js';
export * from './auth/auth.guard.js';
export * from './auth/api-key-ring.js';
export * from './idempotency/idempotency-record.entity.js';
export * from './idempotency/idempotency.interceptor.js';
