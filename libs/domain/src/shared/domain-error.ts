/**
 * A refused command, in words a person understands. `kind` decides the HTTP status at the edge:
 * not_found → 404, conflict → 409, rule → 422.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'rule',
    /** Stable, machine-readable reason, e.g. "chain_rule_exceeded". */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

// Function declarations (not arrow constants) so TypeScript narrows after `if (...) refuse(...)`.

/** A business rule says no (422). */
export function refuse(code: string, message: string): never {
  throw new DomainError('rule', code, message);
}

/** The stream (or a thing inside it that the command names) does not exist (404). */
export function notFound(code: string, message: string): never {
  throw new DomainError('not_found', code, message);
}

/** The thing to create exists already (409). */
export function conflict(code: string, message: string): never {
  throw new DomainError('conflict', code, message);
}
