export * from './event-store.port.js';
export * from './global-position.js';
export * from './errors.js';
export * from './feed-follower.js';
export * from './postgres/connection.js';
export * from './postgres/migrations.js';
export * from './postgres/postgres-event-store.js';
export * from './embedded/embedded-postgres.js';
