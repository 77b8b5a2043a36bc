import { requireSiteOpen } from '../employer/site-facts.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireHours, requirePeriod, requireText } from '../shared/guards.js';
import { formatPeriod, type Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import type { AmendCapacityRequest, CapacityCommand, RequestCapacity, ReserveSlot } from './capacity.commands.js';
import type { CapacityEvent } from './capacity.events.js';

export interface CapacityRequest {
  /** open: places may be filled; withdrawn: no more places are filled. */
  readonly status: 'open' | 'withdrawn';
  readonly requestId: string;
  readonly employerId: string;
  readonly siteId: string;
  readonly functionName: string;
  readonly requiredSkill: string;
  readonly period: Period;
  readonly hoursPerWeek: Hours;
  readonly headcount: number;
  /** The placements holding a place, never more than `headcount`. */
  readonly placementIds: readonly string[];
}

export type CapacityState = { readonly status: 'none' } | CapacityRequest;

const MAX_HEADCOUNT = 1000;

export const capacityDecider: Decider<CapacityCommand, CapacityEvent, CapacityState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (event.type === 'CapacityRequested') return { status: 'open', ...event.data, placementIds: [] };
    if (state.status === 'none') return state; // a request's history always starts with CapacityRequested
    switch (event.type) {
      case 'CapacityRequestAmended': {
        const { period, hoursPerWeek, headcount } = event.data;
        return { ...state, period, hoursPerWeek, headcount };
      }
      case 'CapacityRequestWithdrawn':
        return { ...state, status: 'withdrawn' };
      case 'CapacitySlotReserved':
        return { ...state, placementIds: [...state.placementIds, event.data.placementId] };
      case 'CapacitySlotReleased':
        return { ...state, placementIds: state.placementIds.filter((id) => id !== event.data.placementId) };
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RequestCapacity':
        return request(command, state);
      case 'AmendCapacityRequest':
        return amend(command, open(existing(state)));
      case 'WithdrawCapacityRequest': {
        const request = existing(state);
        if (request.status === 'withdrawn') refuse('already_withdrawn', `Capacity request ${request.requestId} is already withdrawn.`);
        requireText(command.reason, 'The reason for withdrawing');
        return [{ type: 'CapacityRequestWithdrawn', data: { requestId: request.requestId, reason: command.reason } }];
      }
      case 'ReserveSlot':
        return reserve(command, existing(state));
      case 'ReleaseSlot': {
        const request = existing(state);
        if (!request.placementIds.includes(command.placementId)) return [];
        return [{ type: 'CapacitySlotReleased', data: { requestId: request.requestId, placementId: command.placementId } }];
      }
      default:
        return assertNever(command);
    }
  },
};

function request(command: RequestCapacity, state: CapacityState): CapacityEvent[] {
  if (state.status !== 'none') conflict('capacity_request_exists', `Capacity request ${state.requestId} already exists.`);
  const { requestId, employerId, siteId, functionName, requiredSkill, period, hoursPerWeek, headcount } = command;
  requireText(requestId, 'The request id');
  requireText(employerId, 'The employer id');
  requireText(functionName, 'The function');
  requireText(requiredSkill, 'The required skill');
  requireTerms(command);
  return [
    { type: 'CapacityRequested', data: { requestId, employerId, siteId, functionName, requiredSkill, period, hoursPerWeek, headcount } },
  ];
}

function amend(command: AmendCapacityRequest, request: CapacityRequest): CapacityEvent[] {
  requireTerms(command);
  const filled = request.placementIds.length;
  if (command.headcount < filled) {
    refuse(
      'headcount_below_filled',
      `${filled} places of request ${request.requestId} are already filled; the headcount cannot go down to ${command.headcount}.`,
    );
  }
  const { period, hoursPerWeek, headcount } = command;
  return [{ type: 'CapacityRequestAmended', data: { requestId: request.requestId, period, hoursPerWeek, headcount } }];
}

// The same checks for a new request and an amendment: the period must suit the employer's site.
function requireTerms({
  period,
  hoursPerWeek,
  headcount,
  site,
}: Pick<RequestCapacity, 'period' | 'hoursPerWeek' | 'headcount' | 'site'>): void {
  requirePeriod(period, 'The requested period');
  requireHours(hoursPerWeek, 'The hours a week');
  if (!Number.isInteger(headcount) || headcount < 1 || headcount > MAX_HEADCOUNT) {
    refuse('invalid_headcount', `The headcount must be a whole number from 1 to ${MAX_HEADCOUNT}, not ${headcount}.`);
  }
  requireSiteOpen(site, period);
}

function reserve(command: ReserveSlot, request: CapacityRequest): CapacityEvent[] {
  if (request.placementIds.includes(command.placementId)) return [];
  open(request);
  requireText(command.placementId, 'The placement id');
  if (request.placementIds.length >= request.headcount) {
    refuse(
      'request_full',
      `All ${request.headcount} places of capacity request ${request.requestId} (${formatPeriod(request.period)}) are filled.`,
    );
  }
  return [{ type: 'CapacitySlotReserved', data: { requestId: request.requestId, placementId: command.placementId } }];
}

function existing(state: CapacityState): CapacityRequest {
  if (state.status === 'none') notFound('capacity_request_not_found', 'This capacity request does not exist.');
  return state;
}

function open(request: CapacityRequest): CapacityRequest {
  if (request.status === 'withdrawn') refuse('request_withdrawn', `Capacity request ${request.requestId} was withdrawn.`);
  return request;
}

/** Places still to fill (none once withdrawn). */
export function openSlots(state: CapacityState): number {
  return state.status === 'open' ? state.headcount - state.placementIds.length : 0;
}
