import { refuse } from '../shared/domain-error.js';
import { requirePeriod, requireText } from '../shared/guards.js';
import { contains, formatPeriod, overlaps, type LocalDate } from '../shared/local-date.js';
import type { RecordCaoBinding } from './cao.commands.js';
import type { CaoEvent } from './cao.events.js';

/** A period in which a CAO binds the pool itself, and why: without one the pool's contracts cannot use its clauses. */
export interface CaoBinding {
  readonly from: LocalDate;
  /** The last day it binds; absent while it binds until further notice. */
  readonly until?: LocalDate;
  readonly basis: string;
}

/** Decides a RecordCaoBinding against the bindings recorded so far (in date order). */
export function recordBinding(command: RecordCaoBinding, code: string, bindings: readonly CaoBinding[]): CaoEvent[] {
  const { from, until, basis } = command;
  requirePeriod({ from, to: until }, 'The binding');
  requireText(basis, 'The basis of the binding');
  const clash = bindings.find((b) => b.from !== from && overlaps(periodOf(b), { from, to: until }));
  if (clash) {
    refuse(
      'cao_bindings_overlap',
      `CAO ${code} already binds the pool ${formatPeriod(periodOf(clash))} (${clash.basis}); a binding ${formatPeriod({ from, to: until })} ` +
        `would overlap it. To change that binding, record it again with the same start (${clash.from}).`,
    );
  }
  return [{ type: 'CaoBindingOnPoolRecorded', data: { code, from, until, basis } }];
}

/** The bindings with one added; one with the same start replaces the earlier record (a correction, the history keeps both). */
export function withBinding(bindings: readonly CaoBinding[], binding: CaoBinding): CaoBinding[] {
  return [...bindings.filter((b) => b.from !== binding.from), binding].sort((a, b) => a.from.localeCompare(b.from));
}

/** The binding in force on a day, if any. */
export function bindingOn(bindings: readonly CaoBinding[], day: LocalDate): CaoBinding | undefined {
  return bindings.find((b) => contains(periodOf(b), day));
}

const periodOf = (binding: CaoBinding) => ({ from: binding.from, to: binding.until });
