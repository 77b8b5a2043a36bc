import { Injectable } from '@nestjs/common';
import {
  employerDecider,
  employerStreamId,
  isPaid,
  placementDecider,
  placementStreamId,
  refuse,
  wagedPlacement,
  wageOn,
  registeredWorker,
  workerDecider,
  workerStreamId,
  type DayWage,
  type LocalDate,
  type PaidPlacement,
} from '@banenpool/domain';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { PlacementFacts } from './placement-facts.js';

/** The wage of a placement on a day, with the placement it is of. */
export interface PlacementDayWage extends DayWage {
  readonly placementId: string;
  readonly workerId: string;
  readonly employerId: string;
}

/** Reads what the wage of a placement's day depends on (hirer, CAO versions, worker, rule tables) and works it out. */
@Injectable()
export class PlacementWages {
  constructor(
    private readonly streams: StreamStates,
    private readonly facts: PlacementFacts,
    private readonly rules: RuleBookReader,
  ) {}

  /** A placement that has a wage: 404 when it does not exist, 403 for another employer's, 422 before its confirmation. */
  async paid(placementId: string, caller?: Caller): Promise<PaidPlacement> {
    const what = `placement ${placementId}`;
    const { state } = await this.streams.existing(placementDecider, placementStreamId(placementId), what);
    if (caller) requireEmployerAccess(caller, state.employerId);
    if (!isPaid(state)) {
      refuse('placement_not_confirmed', `Placement ${placementId} has no agreed scale and step: it is ${state.status}, not confirmed.`);
    }
    return state;
  }

  /** The wage of the placement on `day`, one of its days (422 otherwise, and past the published minimum wage). */
  async on(placement: PaidPlacement, day: LocalDate): Promise<PlacementDayWage> {
    const [{ state: hirer }, worker, rules] = await Promise.all([
      this.streams.load(employerDecider, employerStreamId(placement.employerId)),
      this.streams.existing(workerDecider, workerStreamId(placement.workerId), `worker ${placement.workerId}`),
      this.rules.read(),
    ]);
    const waged = wagedPlacement(placement, hirer);
    const caoVersions = await this.facts.caoVersionsDuring(hirer, waged.period);
    const { placementId, workerId, employerId } = placement;
    return { placementId, workerId, employerId, ...wageOn(waged, registeredWorker(worker.state), day, rules, caoVersions) };
  }
}
