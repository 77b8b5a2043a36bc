import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireLocation, type Location } from '../geography/location.js';
import { requireDate, requirePeriod, requireText } from '../shared/guards.js';
import { contains, formatPeriod, overlaps, type LocalDate, type OpenPeriod, type Period } from '../shared/local-date.js';
import type {
  AddSite,
  ApplyCao,
  ClassifyFunction,
  DeclareSeasonalClosure,
  EmployerCommand,
  JoinPool,
  LeavePool,
  StatePlacementLimits,
} from './employer.commands.js';
import type { EmployerEvent } from './employer.events.js';

export interface Site {
  readonly siteId: string;
  readonly name: string;
  /** The town's name (or the postcode); before locations, the area as typed. */
  readonly area: string;
  /** Absent when its SiteAdded was written before locations and read without its upcaster, or named an unknown area. */
  readonly location?: Location;
}

export interface SeasonalClosure {
  readonly siteId: string;
  readonly period: Period;
  readonly reason: string;
}

export interface CaoApplication {
  readonly caoCode: string;
  readonly from: LocalDate;
}

export interface FunctionClassification {
  readonly functionName: string;
  readonly caoCode: string;
  readonly scale: string;
  readonly from: LocalDate;
}

/** The employer's placement limits from `from` until the next statement; an absent limit is none. */
export interface PlacementLimits {
  readonly maxPlacementMonths?: number;
  readonly maxWorkerMonths?: number;
  readonly from: LocalDate;
  readonly reason?: string;
}

export interface PoolEmployer {
  readonly status: 'joined';
  readonly employerId: string;
  readonly name: string;
  /** Open-ended until the employer leaves. */
  readonly membership: OpenPeriod;
  /** In date order; each runs until the next one starts. */
  readonly caoApplications: readonly CaoApplication[];
  readonly sites: readonly Site[];
  /** In date order per function. */
  readonly classifications: readonly FunctionClassification[];
  readonly closures: readonly SeasonalClosure[];
  /** In date order; each applies until the next one. */
  readonly placementLimits: readonly PlacementLimits[];
}

export type EmployerState = { readonly status: 'none' } | PoolEmployer;

export const employerDecider: Decider<EmployerCommand, EmployerEvent, EmployerState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (event.type === 'EmployerJoinedPool') {
      const { employerId, name, memberFrom } = event.data;
      const membership = { from: memberFrom };
      return {
        status: 'joined',
        employerId,
        name,
        membership,
        caoApplications: [],
        sites: [],
        classifications: [],
        closures: [],
        placementLimits: [],
      };
    }
    if (state.status === 'none') return state; // an employer's history always starts with EmployerJoinedPool
    switch (event.type) {
      case 'EmployerLeftPool':
        return { ...state, membership: { from: state.membership.from, to: event.data.memberUntil } };
      case 'CaoApplied':
        return { ...state, caoApplications: [...state.caoApplications, { caoCode: event.data.caoCode, from: event.data.from }] };
      case 'SiteAdded': {
        const { siteId, name, area, location } = event.data;
        return { ...state, sites: [...state.sites, { siteId, name, area, location }] };
      }
      case 'FunctionClassified': {
        const { functionName, caoCode, scale, from } = event.data;
        return { ...state, classifications: [...state.classifications, { functionName, caoCode, scale, from }] };
      }
      case 'SeasonalClosureDeclared': {
        const { siteId, period, reason } = event.data;
        return { ...state, closures: [...state.closures, { siteId, period, reason }] };
      }
      case 'PlacementLimitsStated': {
        const { employerId: _employer, ...limits } = event.data;
        return { ...state, placementLimits: [...state.placementLimits.filter((l) => l.from !== limits.from), limits] };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'JoinPool':
        return join(command, state);
      case 'LeavePool':
        return leave(command, joined(state));
      case 'ApplyCao':
        return applyCao(command, joined(state));
      case 'AddSite':
        return addSite(command, joined(state));
      case 'ClassifyFunction':
        return classify(command, joined(state));
      case 'DeclareSeasonalClosure':
        return declareClosure(command, joined(state));
      case 'StatePlacementLimits':
        return statePlacementLimits(command, joined(state));
      default:
        return assertNever(command);
    }
  },
};

function join(command: JoinPool, state: EmployerState): EmployerEvent[] {
  if (state.status !== 'none') conflict('employer_already_joined', `Employer ${state.employerId} has already joined the pool.`);
  requireText(command.employerId, 'The employer id');
  requireText(command.name, 'The employer name');
  requireDate(command.memberFrom, 'The membership start');
  const { employerId, name, memberFrom } = command;
  return [{ type: 'EmployerJoinedPool', data: { employerId, name, memberFrom } }];
}

function leave(command: LeavePool, state: PoolEmployer): EmployerEvent[] {
  if (state.membership.to !== undefined) refuse('already_left', `${state.name} already left the pool on ${state.membership.to}.`);
  requireDate(command.memberUntil, 'The last day of membership');
  if (command.memberUntil < state.membership.from) {
    refuse(
      'leave_before_join',
      `${state.name} joined the pool on ${state.membership.from} and cannot leave before that (${command.memberUntil}).`,
    );
  }
  return [{ type: 'EmployerLeftPool', data: { employerId: state.employerId, memberUntil: command.memberUntil } }];
}

function applyCao(command: ApplyCao, state: PoolEmployer): EmployerEvent[] {
  requireText(command.caoCode, 'The CAO code');
  requireDate(command.from, 'The date the CAO applies from');
  requireWithinMembership(state, command.from);
  const latest = state.caoApplications.at(-1);
  // Applications only move forward in time, so "a later application ends the previous one" stays unambiguous.
  if (latest && command.from <= latest.from) {
    refuse(
      'cao_application_out_of_order',
      `${state.name} applies CAO ${latest.caoCode} from ${latest.from}; a new CAO must apply from a later date than that, not ${command.from}.`,
    );
  }
  return [{ type: 'CaoApplied', data: { employerId: state.employerId, caoCode: command.caoCode, from: command.from } }];
}

function addSite(command: AddSite, state: PoolEmployer): EmployerEvent[] {
  if (siteOf(state, command.siteId)) conflict('site_already_exists', `${state.name} already has a site ${command.siteId}.`);
  requireText(command.siteId, 'The site id');
  requireText(command.name, 'The site name');
  const { siteId, name, postcode, coordinates } = command;
  const { location, area } = requireLocation({ postcode, coordinates, place: command.area });
  return [{ type: 'SiteAdded', data: { employerId: state.employerId, siteId, name, area, location } }];
}

function classify(command: ClassifyFunction, state: PoolEmployer): EmployerEvent[] {
  requireText(command.functionName, 'The function name');
  requireText(command.scale, 'The scale');
  requireDate(command.from, 'The date the classification applies from');
  requireWithinMembership(state, command.from);
  const cao = caoOn(state, command.from);
  if (!cao)
    refuse(
      'no_cao_applied',
      `${state.name} applies no CAO on ${command.from}, so there is no scale to classify ${command.functionName} in.`,
    );
  const latest = state.classifications.findLast((c) => c.functionName === command.functionName);
  if (latest && command.from <= latest.from) {
    refuse(
      'classification_out_of_order',
      `${command.functionName} is classified in scale ${latest.scale} from ${latest.from}; a new classification must apply from a later date than that, not ${command.from}.`,
    );
  }
  const { functionName, scale, from } = command;
  return [{ type: 'FunctionClassified', data: { employerId: state.employerId, functionName, caoCode: cao.caoCode, scale, from } }];
}

function declareClosure(command: DeclareSeasonalClosure, state: PoolEmployer): EmployerEvent[] {
  const { siteId, period, reason } = command;
  if (!siteOf(state, siteId)) notFound('site_not_found', `${state.name} has no site ${siteId}.`);
  requirePeriod(period, 'The closure');
  requireText(reason, 'The reason for the closure');
  requireWithinMembership(state, period);
  const clash = closuresOf(state, siteId).find((c) => overlaps(c.period, period));
  if (clash) {
    refuse(
      'closures_overlap',
      `Site ${siteId} is already closed ${formatPeriod(clash.period)} (${clash.reason}); a closure ${formatPeriod(period)} would overlap it.`,
    );
  }
  return [{ type: 'SeasonalClosureDeclared', data: { employerId: state.employerId, siteId, period, reason } }];
}

function statePlacementLimits(command: StatePlacementLimits, state: PoolEmployer): EmployerEvent[] {
  const { maxPlacementMonths, maxWorkerMonths, from, reason } = command;
  requireDate(from, 'The date the placement limits apply from');
  requireWithinMembership(state, from);
  if (maxPlacementMonths !== undefined) requireMonths(maxPlacementMonths, 'The maximum placement duration');
  if (maxWorkerMonths !== undefined) requireMonths(maxWorkerMonths, 'The maximum duration for one worker');
  if (reason !== undefined) requireText(reason, 'The reason for the placement limits');
  if (maxPlacementMonths !== undefined && maxWorkerMonths !== undefined && maxWorkerMonths < maxPlacementMonths) {
    refuse(
      'invalid_placement_limits',
      `A worker may stay ${maxWorkerMonths} months over successive placements, less than the ${maxPlacementMonths} months one placement may last; ` +
        `make the maximum per worker at least the maximum per placement.`,
    );
  }
  const latest = state.placementLimits.at(-1);
  // Like CAO applications, statements only move forward in time (or restate the latest), so each runs until the next.
  if (latest && from < latest.from) {
    refuse(
      'placement_limits_out_of_order',
      `${state.name}'s placement limits were last stated from ${latest.from}; new limits must apply from that date or later, not ${from}.`,
    );
  }
  const unchanged =
    latest?.from === from &&
    latest.maxPlacementMonths === maxPlacementMonths &&
    latest.maxWorkerMonths === maxWorkerMonths &&
    latest.reason === reason;
  if (unchanged) return [];
  return [{ type: 'PlacementLimitsStated', data: { employerId: state.employerId, maxPlacementMonths, maxWorkerMonths, from, reason } }];
}

function requireMonths(months: number, what: string): void {
  if (!Number.isInteger(months) || months < 1 || months > 1200)
    refuse('invalid_months', `${what} must be a whole number of months from 1 to 1200, not ${months}.`);
}

function joined(state: EmployerState): PoolEmployer {
  if (state.status === 'none') notFound('employer_not_found', 'This employer has not joined the pool.');
  return state;
}

function requireWithinMembership(state: PoolEmployer, when: LocalDate | Period): void {
  if (!contains(state.membership, when)) {
    const what = typeof when === 'string' ? when : formatPeriod(when);
    refuse('outside_membership', `${what} is outside ${state.name}'s pool membership (${formatPeriod(state.membership)}).`);
  }
}

export function siteOf(state: EmployerState, siteId: string): Site | undefined {
  return state.status === 'none' ? undefined : state.sites.find((s) => s.siteId === siteId);
}

/** The CAO the employer applies on a date (none outside its membership). */
export function caoOn(state: EmployerState, date: LocalDate): CaoApplication | undefined {
  if (state.status === 'none' || !contains(state.membership, date)) return undefined;
  return state.caoApplications.findLast((a) => a.from <= date);
}

/** The scale of a function on a date, in the CAO applied that day; a classification in an earlier CAO no longer counts. */
export function scaleOf(state: EmployerState, functionName: string, date: LocalDate): FunctionClassification | undefined {
  if (state.status === 'none') return undefined;
  const cao = caoOn(state, date);
  const latest = state.classifications.findLast((c) => c.functionName === functionName && c.from <= date);
  return cao && latest?.caoCode === cao.caoCode ? latest : undefined;
}

export function closuresOf(state: EmployerState, siteId: string): SeasonalClosure[] {
  return state.status === 'none' ? [] : state.closures.filter((c) => c.siteId === siteId);
}

/** Whether the site is closed on any day of the period. */
export function isClosed(state: EmployerState, siteId: string, period: Period): boolean {
  return closuresOf(state, siteId).some((c) => overlaps(c.period, period));
}

/** The placement limits the employer states for placements starting on a date; undefined when it stated none. */
export function placementLimitsOn(state: EmployerState, date: LocalDate): PlacementLimits | undefined {
  return state.status === 'none' ? undefined : state.placementLimits.findLast((l) => l.from <= date);
}
