import { isValidLocalDate } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): boolean => typeof value === 'string' && value.length > 0 && value.length <= 500;
const date = (value: unknown): boolean => isValidLocalDate(value);
const hours = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 168;
const integer = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 2_000_000_000;
const period = (value: unknown): boolean => isObject(value) && date(value.from) && date(value.to) && (value.to as string) >= (value.from as string);
const has = (data: Data, checks: Record<string, (value: unknown) => boolean>): boolean => Object.entries(checks).every(([key, check]) => check(data[key]));

const TERMS = { placementId: text, workerId: text, employerId: text, siteId: text, functionName: text, legalForm: text, hoursPerWeek: hours, period };
const PAY_CAO = { code: text, versionFrom: date, revision: integer, scale: text, step: integer };

/** What each event type the read models use must carry; types not listed are not used by them. */
const SHAPES: Record<string, (data: Data) => boolean> = {
  PlacementProposed: (d) => has(d, TERMS) && (d.capacityRequestId === undefined || text(d.capacityRequestId)) && (d.billRateCents === undefined || integer(d.billRateCents)),
  PlacementConfirmed: (d) =>
    SHAPES.PlacementProposed(d) && isObject(d.pay) && integer(d.pay.hourlyCents) && text(d.pay.wageBasis) && isObject(d.pay.cao) && has(d.pay.cao, PAY_CAO),
  PlacementExtended: (d) => has(d, { placementId: text, to: date }),
  PlacementEndedEarly: (d) => has(d, { placementId: text, lastDay: date }),
  PlacementEnded: (d) => has(d, { placementId: text, lastDay: date }),
  PlacementWithdrawn: (d) => has(d, { placementId: text }),
  WorkerRegistered: (d) => has(d, { workerId: text, name: text }) && Array.isArray(d.skills) && d.skills.every(text),
  SkillAdded: (d) => has(d, { workerId: text, skill: text }),
  SkillRemoved: (d) => has(d, { workerId: text, skill: text }),
  TargetGroupStatusRecorded: (d) => has(d, { workerId: text, inRegister: (v) => typeof v === 'boolean' }),
  PoolContractAgreed: (d) =>
    has(d, { workerId: text, contractId: text }) &&
    isObject(d.terms) &&
    has(d.terms, { from: date, guaranteedHoursPerWeek: hours, maxHoursPerWeek: hours }) &&
    (d.terms.kind === 'indefinite' || (d.terms.kind === 'fixed_term' && date(d.terms.to))),
  PoolContractEnded: (d) => has(d, { workerId: text, contractId: text, lastDay: date }),
  CapacityRequested: (d) => has(d, { requestId: text, employerId: text, siteId: text, functionName: text, requiredSkill: text, period, hoursPerWeek: hours, headcount: integer }),
  CapacityRequestAmended: (d) => has(d, { requestId: text, period, hoursPerWeek: hours, headcount: integer }),
  CapacityRequestWithdrawn: (d) => has(d, { requestId: text }),
  CapacitySlotReserved: (d) => has(d, { requestId: text, placementId: text }),
  CapacitySlotReleased: (d) => has(d, { requestId: text, placementId: text }),
  EmployerJoinedPool: (d) => has(d, { employerId: text, name: text, memberFrom: date }),
  EmployerLeftPool: (d) => has(d, { employerId: text, memberUntil: date }),
  SiteAdded: (d) => has(d, { employerId: text, siteId: text, name: text, area: text }),
  SeasonalClosureDeclared: (d) => has(d, { employerId: text, siteId: text, period, reason: text }),
};

/**
 * The events a read model can use: those of a type it knows whose data has the promised shape.
 * The deciders never write anything else, but a hand-written, legacy or corrupt event must not
 * stop a read model for good (a failing batch is retried forever), so such an event is skipped.
 */
export function usableEvents(events: readonly RecordedEvent[]): RecordedEvent[] {
  return events.filter((event) => {
    const shape = SHAPES[event.type];
    return shape !== undefined && isObject(event.data) && shape(event.data);
  });
}
