// Worker-weeks → proposals: one per worker × request × unbroken run of consecutive weeks, each with
// its reasons and a one-line explanation.
import { addDays, isoWeekOf } from '@banenpool/domain';
import type { AllocationProposal, ContinuityKind } from './allocation.types.js';
import type { Assignment } from './objective.js';
import { distanceKm, type Prepared } from './prepare.js';

const fmt = (hours: number) => (Number.isInteger(hours) ? String(hours) : hours.toFixed(2).replace(/0$/, ''));

export function toProposals(p: Prepared, assignments: readonly Assignment[]): AllocationProposal[] {
  const T = p.weeks.length;
  // Shortfall is a worker-week figure: share what the week's proposals cover in the order of their requests.
  const coverLeft = new Map<number, number>();
  const byPair = new Map<string, { w: number; r: number; weeks: number[] }>();
  const sorted = [...assignments].sort((a, b) => a.r - b.r || a.w - b.w || a.t - b.t);
  for (const a of sorted) {
    const key = `${a.r}:${a.w}`;
    const pair = byPair.get(key) ?? { w: a.w, r: a.r, weeks: [] };
    if (!pair.weeks.includes(a.t)) pair.weeks.push(a.t);
    byPair.set(key, pair);
  }
  const proposals: AllocationProposal[] = [];
  for (const { w, r, weeks } of byPair.values()) {
    const worker = p.workers[w];
    const request = p.requests[r];
    const runs: number[][] = [];
    for (const t of weeks) {
      const run = runs[runs.length - 1];
      if (run && addDays(p.weeks[run[run.length - 1]], 7) === p.weeks[t]) run.push(t);
      else runs.push([t]);
    }
    const km = distanceKm(p.input.distancesKm, worker.homeArea, request.area);
    const continuity: ContinuityKind = worker.knownEmployers.has(request.employer) ? 'returning' : 'new';
    for (const run of runs) {
      let covered = 0;
      const releasedWeeks = run.filter((t) => p.released[w * T + t]).length;
      for (const t of run) {
        const k = w * T + t;
        const left = coverLeft.get(k) ?? p.shortfall[k];
        const part = Math.min(left, request.hours);
        covered += part;
        coverLeft.set(k, left - part);
      }
      const weekStarts = run.map((t) => p.weeks[t]);
      const first = weekStarts[0];
      const last = weekStarts[weekStarts.length - 1];
      const weekText =
        run.length === 1 ? `week ${isoWeekOf(first)}` : `${run.length} consecutive weeks ${isoWeekOf(first)}–${isoWeekOf(last)}`;
      const parts = [
        `${worker.id} has skill ${request.skill}`,
        covered > 0 ? `covers ${fmt(covered)} h of guaranteed-hours shortfall` : 'no guaranteed-hours shortfall to cover',
        ...(releasedWeeks > 0
          ? [
              `released by the pool (placement ended or site closed) in ${releasedWeeks === run.length ? 'all' : releasedWeeks} of these weeks`,
            ]
          : []),
        continuity === 'returning' ? `returns to employer ${request.employerId}` : `new at employer ${request.employerId}`,
        `${fmt(request.hours)} h/week for ${weekText}`,
        `${fmt(km)} km from ${worker.homeArea} to ${request.area}`,
      ];
      proposals.push({
        proposalId: `${request.id}:${worker.id}:${first}`,
        workerId: worker.id,
        requestId: request.id,
        employerId: request.employerId,
        siteId: request.siteId,
        hoursPerWeek: request.hours,
        weekStarts,
        from: first,
        to: addDays(last, 6),
        reasons: {
          skill: request.skill,
          shortfallHoursCovered: covered,
          releasedWeeks,
          continuity,
          consecutiveWeeks: run.length,
          distanceKm: km,
          homeArea: worker.homeArea,
          siteArea: request.area,
        },
        explanation: `${parts.join('; ')}.`,
      });
    }
  }
  return proposals.sort((a, b) =>
    a.requestId < b.requestId
      ? -1
      : a.requestId > b.requestId
        ? 1
        : a.workerId < b.workerId
          ? -1
          : a.workerId > b.workerId
            ? 1
            : a.from < b.from
              ? -1
              : a.from > b.from
                ? 1
                : 0,
  );
}
