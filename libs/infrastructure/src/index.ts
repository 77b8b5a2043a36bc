// The composition root shared by the api, the projector and the audit CLI: storage, event store,
// read models and projector wired for NestJS, and the /health and /metrics endpoints.
export * from './infrastructure.module.js';
export * from './observability/observability.module.js';
