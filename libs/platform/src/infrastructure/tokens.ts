/** Injection tokens for the ports that have no class of their own. */
export const POSTGRES_CONNECTION = Symbol('POSTGRES_CONNECTION');
export const EVENT_STORE = Symbol('EVENT_STORE');
