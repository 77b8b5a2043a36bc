/**
 * A place in the global ordered feed. Both adapters order by a pair:
 * PostgreSQL by (transaction id, sequence position), KurrentDB by (commit, prepare) position.
 * Compared lexicographically; written as "commit-prepare" where it crosses a boundary (HTTP, logs).
 */
export interface GlobalPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START: GlobalPosition = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function formatPosition(position: GlobalPosition): string {
  return `${position.commit}-${position.prepare}`;
}

const POSITION_PATTERN = /^(\d{1,20})-(\d{1,20})$/;

/** Parses "commit-prepare"; returns undefined for anything else, so callers can answer 400. */
export function parsePosition(text: string): GlobalPosition | undefined {
  const match = POSITION_PATTERN.exec(text);
  if (!match) return undefined;
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
