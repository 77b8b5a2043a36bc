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

export const refuse = (code: string, message: string): never => {
  throw new DomainError('rule', code, message);
};
