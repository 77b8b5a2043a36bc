// Verifies every hard constraint on a set of proposals, straight from the input (not from the
// solver's model), and lists what is wrong. An empty list means the proposals may be accepted as a
// whole against this snapshot.
import { addDays, WORKING_HOURS_ACT_WEEK_LIMIT } from '@banenpool/domain';
import type { AllocationInput, AllocationResult, Violation } from './allocation.types.js';
import { hashNormalized, normalizeInput, normalizeWeights } from './canonical.js';
import { distanceKm } from './prepare.js';

const EPS = 1e-9;

/**
 * Checks, for every proposal and every week of it:
 * - it was made for exactly this input and these weights (`stale_input` otherwise: the confirmed
 *   placements, availability or demand it was computed against differ — proposals never change
 *   confirmed placements, they only add hours on top of them);
 * - the worker and request exist; the proposal is well formed (consecutive Mondays, from/to, the
 *   request's employer, site and hours);
 * - the worker has the request's skill; the site is within the travel cut-off;
 * - the week is an open demand week of the request (closed site weeks are not in the demand);
 * - no worker is proposed twice for the same request and week; no request week gets more proposals
 *   than open places; no request gets more proposals than its places (`places`);
 * - per worker and week: committed + proposed ≤ availability, ≤ the contract maximum and ≤ 60 h.
 */
export function checkProposals(input: AllocationInput, output: Pick<AllocationResult, 'proposals' | 'inputHash' | 'weights'>): Violation[] {
  const normalized = normalizeInput(input);
  const violations: Violation[] = [];
  const hash = hashNormalized(normalized, normalizeWeights(output.weights));
  if (hash !== output.inputHash) {
    violations.push({
      code: 'stale_input',
      message: `The proposals were made for input ${output.inputHash.slice(0, 12)}…, not for this input (${hash.slice(0, 12)}…).`,
    });
  }
  const workers = new Map(normalized.workers.map((w) => [w.workerId, w]));
  const requests = new Map(normalized.demand.map((d) => [d.requestId, d]));

  const perCell = new Map<string, number>();
  const perWorkerWeek = new Map<string, { workerId: string; weekStart: string; hours: number }>();
  const seen = new Set<string>();
  const perRequest = new Map<string, number>();

  for (const proposal of output.proposals) {
    const { proposalId, workerId, requestId } = proposal;
    const base = { proposalId, workerId, requestId };
    const worker = workers.get(workerId);
    const request = requests.get(requestId);
    if (!worker) violations.push({ ...base, code: 'unknown_worker', message: `Worker ${workerId} is not in the input.` });
    if (!request) violations.push({ ...base, code: 'unknown_request', message: `Request ${requestId} is not in the input.` });
    if (!worker || !request) continue;

    perRequest.set(requestId, (perRequest.get(requestId) ?? 0) + 1);
    const weeks = proposal.weekStarts;
    const consecutive = weeks.every((week, i) => i === 0 || addDays(weeks[i - 1], 7) === week);
    if (weeks.length === 0 || !consecutive || proposal.from !== weeks[0] || proposal.to !== addDays(weeks[weeks.length - 1], 6)) {
      violations.push({
        ...base,
        code: 'malformed_proposal',
        message: `Proposal ${proposalId} is not one run of consecutive weeks from ${proposal.from} to ${proposal.to}.`,
      });
    }
    if (proposal.employerId !== request.employerId || proposal.siteId !== request.siteId) {
      violations.push({
        ...base,
        code: 'malformed_proposal',
        message: `Proposal ${proposalId} names employer ${proposal.employerId} / site ${proposal.siteId}, but request ${requestId} is for ${request.employerId} / ${request.siteId}.`,
      });
    }
    if (proposal.hoursPerWeek !== request.hoursPerWeek) {
      violations.push({
        ...base,
        code: 'hours_mismatch',
        message: `Proposal ${proposalId} has ${proposal.hoursPerWeek} h/week; request ${requestId} asks ${request.hoursPerWeek} h/week.`,
      });
    }
    if (!worker.skills.includes(request.skill)) {
      violations.push({
        ...base,
        code: 'missing_skill',
        message: `Worker ${workerId} lacks skill ${request.skill} that request ${requestId} requires.`,
      });
    }
    const km = distanceKm(normalized.distancesKm, worker.homeArea, request.area);
    if (!(km <= normalized.maxTravelKm)) {
      violations.push({
        ...base,
        code: 'over_travel_cutoff',
        message: `${worker.homeArea} → ${request.area} is ${km} km, over the cut-off of ${normalized.maxTravelKm} km.`,
      });
    }
    for (const weekStart of weeks) {
      const at = { ...base, weekStart };
      const demandWeek = request.weeks.find((w) => w.weekStart === weekStart);
      if (!demandWeek || demandWeek.openHeadcount <= 0) {
        violations.push({
          ...at,
          code: 'no_open_demand',
          message: `Request ${requestId} has no open place in the week of ${weekStart} (closed, outside its period, or already filled).`,
        });
      }
      const key = `${requestId}|${workerId}|${weekStart}`;
      if (seen.has(key)) {
        violations.push({
          ...at,
          code: 'duplicate_assignment',
          message: `Worker ${workerId} is proposed twice for request ${requestId} in the week of ${weekStart}.`,
        });
      }
      seen.add(key);
      const cellKey = `${requestId}|${weekStart}`;
      perCell.set(cellKey, (perCell.get(cellKey) ?? 0) + 1);
      const wwKey = `${workerId}|${weekStart}`;
      const ww = perWorkerWeek.get(wwKey) ?? { workerId, weekStart, hours: 0 };
      ww.hours += proposal.hoursPerWeek;
      perWorkerWeek.set(wwKey, ww);
    }
  }

  for (const [cellKey, count] of perCell) {
    const [requestId, weekStart] = cellKey.split('|');
    const open = requests.get(requestId)?.weeks.find((w) => w.weekStart === weekStart)?.openHeadcount ?? 0;
    if (open > 0 && count > open) {
      // a week without open places is already flagged as no_open_demand
      violations.push({
        code: 'over_filled',
        requestId,
        weekStart,
        message: `Request ${requestId} gets ${count} proposals in the week of ${weekStart} for ${open} open place(s).`,
      });
    }
  }

  for (const [requestId, count] of perRequest) {
    const places = requests.get(requestId)?.places;
    if (places !== undefined && count > places) {
      violations.push({
        code: 'over_places',
        requestId,
        message: `Request ${requestId} gets ${count} proposals for ${places} place(s) left (one per worker and unbroken run of weeks).`,
      });
    }
  }

  for (const { workerId, weekStart, hours } of perWorkerWeek.values()) {
    const worker = workers.get(workerId)!;
    const committed = worker.commitments.filter((c) => c.weekStart === weekStart).reduce((sum, c) => sum + c.hours, 0);
    const available = worker.availability.find((a) => a.weekStart === weekStart)?.availableHours ?? 0;
    const total = committed + hours;
    const at = { workerId, weekStart };
    if (total > available + EPS) {
      violations.push({
        ...at,
        code: 'over_availability',
        message: `Worker ${workerId} would work ${total} h in the week of ${weekStart} (${committed} committed + ${hours} proposed), more than the ${available} h available.`,
      });
    }
    if (total > worker.contractMaxHours + EPS) {
      violations.push({
        ...at,
        code: 'over_contract_max',
        message: `Worker ${workerId} would work ${total} h in the week of ${weekStart} (${committed} committed + ${hours} proposed), more than the contract maximum of ${worker.contractMaxHours} h.`,
      });
    }
    if (total > WORKING_HOURS_ACT_WEEK_LIMIT + EPS) {
      violations.push({
        ...at,
        code: 'over_working_hours_act',
        message: `Worker ${workerId} would work ${total} h in the week of ${weekStart}, more than the Working Hours Act's ${WORKING_HOURS_ACT_WEEK_LIMIT} h.`,
      });
    }
  }
  return violations;
}
