import {
  caoDecider,
  caoVersions,
  DomainError,
  isPaid,
  ruleRows,
  wagedPlacement,
  wageOn,
  type DayWage,
  type EmployerState,
  type LocalDate,
  type PlacementConfirmation,
  type PlacementState,
  type ResolvedCaoVersion,
  type RuleBook,
  type RuleTableState,
  type WorkerState,
  EMPTY_RULE_BOOK,
} from '@banenpool/domain';
import type { ReplayEvent } from '@banenpool/event-store';
import { foldStream } from './replay.js';

/** The states a paid placement's wage depends on, each folded from what was recorded by some instant. */
export interface PlacementStates {
  readonly placement: PlacementState;
  /** The hirer: the CAO it applies and the function's scale, by date. */
  readonly hirer: EmployerState;
  /** The versions of every CAO the hirer applies during the placement. */
  readonly caoVersions: readonly ResolvedCaoVersion[];
  readonly worker: WorkerState;
  /** The minimum-wage table; the other tables play no part in a wage. */
  readonly rules: RuleBook;
}

/**
 * The wage the rules give a paid placement's day: the hirer's CAO, the function's scale and the
 * CAO version in force that day (even one recorded after the placement was confirmed), the agreed
 * step, and the minimum wage of that day. `unavailable` says why the rules give none (no version in
 * force, a scale removed, a minimum wage not yet published).
 */
export type WageOnDate = { readonly date: LocalDate; readonly wage: DayWage } | { readonly date: LocalDate; readonly unavailable: string };

export function wageOnDate({ placement, hirer, caoVersions, worker, rules }: PlacementStates, date: LocalDate): WageOnDate | undefined {
  if (!isPaid(placement) || worker.status === 'none') return undefined;
  if (worker.status === 'erased') return { date, unavailable: "The worker's data was erased: their age on the day is unknown." };
  try {
    return { date, wage: wageOn(wagedPlacement(placement, hirer), worker, date, rules, caoVersions) };
  } catch (error) {
    if (error instanceof DomainError) return { date, unavailable: error.message };
    throw error;
  }
}

/** What the confirmation recorded about pay (scale and step, the hirer's terms, the first day's pay); none before it. */
export function recordedConfirmation(placement: PlacementState): PlacementConfirmation | undefined {
  if (placement.status === 'none' || !('agreed' in placement) || placement.agreed === undefined) return undefined;
  const { agreed, hirerTerms, firstDayPay } = placement;
  return hirerTerms && firstDayPay ? { agreed, hirerTerms, firstDayPay } : undefined;
}

/** Every version of the CAOs whose streams follow one another in `events`. */
export function caoVersionsOf(events: readonly ReplayEvent[]): ResolvedCaoVersion[] {
  const streamIds = [...new Set(events.map((event) => event.streamId))];
  return streamIds.flatMap((streamId) =>
    caoVersions(
      foldStream(
        caoDecider,
        events.filter((event) => event.streamId === streamId),
      ),
    ),
  );
}

/** A rule book holding only the minimum-wage table: all a wage reads. */
export function minimumWageBook(table: RuleTableState): RuleBook {
  return { ...EMPTY_RULE_BOOK, minimumWage: ruleRows(table, 'minimum-wage') };
}
