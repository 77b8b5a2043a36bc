import { requireSiteOpen, type SiteFacts } from '../employer/site-facts.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireCents, requireDate, requireHours, requirePeriod, requireText } from '../shared/guards.js';
import { addDays, formatPeriod, localDateOf, type LocalDate, type Period } from '../shared/local-date.js';
import { requireWorkPattern } from '../shared/work-pattern.js';
import { noCoveringContract } from '../shared/working-hours.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { WorkerFacts } from '../worker/worker-facts.js';
import { requireWorkingTimeFits, workLoad } from '../worker/working-time.js';
import type { ConfirmPlacement, EndPlacementEarly, ExtendPlacement, PlacementCommand, ProposePlacement } from './placement.commands.js';
import { LEGAL_FORMS, type PlacementConfirmed, type PlacementEvent, type PlacementTerms } from './placement.events.js';
import { agreedPayOf, hirerTermsFor } from './placement-pay.js';
import { requireWithinHirerLimits } from './hirer-limits.js';

export type ProposedPlacement = PlacementTerms & { readonly status: 'proposed' };
/** What the confirmation recorded about pay: the agreed scale and step, whether the hirer's terms apply, the first day's pay. */
export type PlacementConfirmation = Omit<PlacementConfirmed['data'], keyof PlacementTerms>;
export type ConfirmedPlacement = PlacementTerms & PlacementConfirmation & { readonly status: 'confirmed' };
export type WithdrawnPlacement = PlacementTerms &
  Partial<PlacementConfirmation> & { readonly status: 'withdrawn'; readonly reason: string };
/** `lastDay` is the day it actually ended; `earlyEndReason` is set when that was before its agreed end. */
export type EndedPlacement = PlacementTerms &
  PlacementConfirmation & {
    readonly status: 'ended';
    readonly lastDay: LocalDate;
    readonly earlyEndReason?: string;
  };

export type Placement = ProposedPlacement | ConfirmedPlacement | WithdrawnPlacement | EndedPlacement;
export type PlacementState = { readonly status: 'none' } | Placement;

export const placementDecider: Decider<PlacementCommand, PlacementEvent, PlacementState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (event.type === 'PlacementProposed') return { ...event.data, status: 'proposed' };
    if (state.status === 'none') return state; // a placement's history always starts with PlacementProposed
    switch (event.type) {
      case 'PlacementConfirmed':
        return { ...event.data, status: 'confirmed' };
      case 'PlacementExtended':
        return { ...state, period: { from: state.period.from, to: event.data.to } };
      case 'PlacementEndedEarly':
        return state.status === 'confirmed'
          ? { ...state, status: 'ended', lastDay: event.data.lastDay, earlyEndReason: event.data.reason }
          : state;
      case 'PlacementEnded':
        return state.status === 'confirmed' ? { ...state, status: 'ended', lastDay: event.data.lastDay } : state;
      case 'PlacementWithdrawn':
        return { ...state, status: 'withdrawn', reason: event.data.reason };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, now) {
    switch (command.type) {
      case 'ProposePlacement':
        return propose(command, state);
      case 'ConfirmPlacement':
        return confirm(command, inStatus(state, 'proposed'));
      case 'ExtendPlacement':
        return extend(command, inStatus(state, 'confirmed'));
      case 'EndPlacementEarly':
        return endEarly(command, inStatus(state, 'confirmed'));
      case 'EndPlacement':
        return end(inStatus(state, 'confirmed'), localDateOf(now));
      case 'WithdrawPlacement': {
        const placement = inStatus(state, 'proposed', 'confirmed');
        requireText(command.reason, 'The reason for withdrawing');
        return [{ type: 'PlacementWithdrawn', data: { placementId: placement.placementId, reason: command.reason } }];
      }
      default:
        return assertNever(command);
    }
  },
};

function propose(command: ProposePlacement, state: PlacementState): PlacementEvent[] {
  if (state.status !== 'none') conflict('placement_already_exists', `Placement ${state.placementId} already exists.`);
  const { type: _command, ...terms } = command;
  for (const [value, what] of [
    [terms.placementId, 'The placement id'],
    [terms.workerId, 'The worker id'],
    [terms.employerId, 'The employer id'],
    [terms.siteId, 'The site id'],
    [terms.functionName, 'The function'],
  ] as const) {
    requireText(value, what);
  }
  if (!LEGAL_FORMS.includes(terms.legalForm))
    refuse('invalid_legal_form', `The legal form must be ${LEGAL_FORMS.join(' or ')}, not "${terms.legalForm}".`);
  requireHours(terms.hoursPerWeek, 'The hours a week');
  if (terms.pattern !== undefined) requireWorkPattern(terms.pattern, terms.hoursPerWeek);
  requirePeriod(terms.period, 'The placement period');
  if (terms.billRateCents !== undefined) requireCents(terms.billRateCents, 'The bill rate');
  return [{ type: 'PlacementProposed', data: terms }];
}

function confirm(command: ConfirmPlacement, placement: ProposedPlacement): PlacementEvent[] {
  requireFactsAbout(placement, command.worker, command.site);
  requireSiteOpen(command.site, placement.period);
  requireHoursFit(command.worker, command.rules, placement, placement.period);
  requireWithinHirerLimits(command.hirerLimits, placement, command.rules);
  const { status: _status, ...terms } = placement;
  const pay = agreedPayOf({ ...terms, step: command.step, hirer: command.hirer }, command.worker, command.rules, command.caoVersions);
  return [{ type: 'PlacementConfirmed', data: { ...terms, ...pay, hirerTerms: hirerTermsFor(terms.legalForm) } }];
}

function extend(command: ExtendPlacement, placement: ConfirmedPlacement): PlacementEvent[] {
  requireDate(command.to, 'The new end date');
  const previousTo = placement.period.to;
  if (command.to <= previousTo) {
    refuse(
      'extension_not_later',
      `Placement ${placement.placementId} already runs until ${previousTo}; an extension must end later, not on ${command.to}.`,
    );
  }
  requireFactsAbout(placement, command.worker, command.site);
  const added = { from: addDays(previousTo, 1), to: command.to };
  requireSiteOpen(command.site, added);
  const extended = { ...placement, period: { from: placement.period.from, to: command.to } };
  requireHoursFit(command.worker, command.rules, extended, added);
  requireWithinHirerLimits(command.hirerLimits, extended, command.rules);
  return [{ type: 'PlacementExtended', data: { placementId: placement.placementId, previousTo, to: command.to } }];
}

function endEarly(command: EndPlacementEarly, placement: ConfirmedPlacement): PlacementEvent[] {
  requireDate(command.lastDay, 'The last day');
  requireText(command.reason, 'The reason for ending early');
  const { from, to } = placement.period;
  if (command.lastDay < from || command.lastDay >= to) {
    refuse(
      'end_outside_placement',
      `Placement ${placement.placementId} runs ${formatPeriod(placement.period)}: an early end needs a last day from ${from} to ${addDays(to, -1)}, ` +
        `not ${command.lastDay} (to stop it before it starts, withdraw it).`,
    );
  }
  return [{ type: 'PlacementEndedEarly', data: { placementId: placement.placementId, lastDay: command.lastDay, reason: command.reason } }];
}

function end(placement: ConfirmedPlacement, today: LocalDate): PlacementEvent[] {
  const lastDay = placement.period.to;
  if (today < lastDay) {
    refuse(
      'placement_still_running',
      `Placement ${placement.placementId} runs until ${lastDay} (today is ${today}); to stop it sooner, end it early with a reason.`,
    );
  }
  return [{ type: 'PlacementEnded', data: { placementId: placement.placementId, lastDay } }];
}

// The same limits the worker stream enforces when the hours are committed (one rule, worker/working-time.ts):
// checking them here too refuses the placement before anything is promised to the hirer. `changed` is
// the placement's period, or an extension's added days; `placement` runs over its whole (new) period.
function requireHoursFit(worker: WorkerFacts, rules: RuleBook, placement: PlacementTerms, changed: Period): void {
  const { placementId, hoursPerWeek, pattern, period } = placement;
  requireWorkingTimeFits({
    birthDate: worker.birthDate,
    rules,
    contractMaxHoursPerWeek: worker.contractMaxHoursPerWeek ?? noCoveringContract(changed),
    others: worker.otherCommitments,
    adding: workLoad(placementId, hoursPerWeek, pattern, period),
    changed,
  });
}

// Facts about another worker or site would be a bug in the handler, not a refusal to explain to a user.
function requireFactsAbout(placement: Placement, worker: WorkerFacts, site: SiteFacts): void {
  if (worker.workerId !== placement.workerId || site.siteId !== placement.siteId) {
    throw new Error(
      `Facts about worker ${worker.workerId} at site ${site.siteId} were passed for placement ${placement.placementId} ` +
        `of worker ${placement.workerId} at site ${placement.siteId}`,
    );
  }
}

const NOT_ALLOWED: Record<Placement['status'], { code: string; because: string }> = {
  proposed: { code: 'placement_not_confirmed', because: 'is only proposed, not confirmed' },
  confirmed: { code: 'placement_already_confirmed', because: 'is already confirmed' },
  withdrawn: { code: 'placement_withdrawn', because: 'was withdrawn' },
  ended: { code: 'placement_ended', because: 'has ended' },
};

function inStatus<S extends Placement['status']>(state: PlacementState, ...allowed: S[]): Extract<Placement, { status: S }> {
  if (state.status === 'none') notFound('placement_not_found', 'This placement has not been proposed.');
  if (!(allowed as readonly string[]).includes(state.status)) {
    const { code, because } = NOT_ALLOWED[state.status];
    refuse(code, `Placement ${state.placementId} ${because}.`);
  }
  return state as Extract<Placement, { status: S }>;
}
