import { Injectable } from '@nestjs/common';
import {
  caoDecider,
  caoStreamId,
  caoVersions,
  costFactorOn,
  coveredPlacementCosts,
  employerDecider,
  employerStreamId,
  isPaid,
  placementDecider,
  placementStreamId,
  scopeCovers,
  wagedPlacement,
  workerDecider,
  workerStreamId,
  type CostedPlacement,
  type LocalDate,
  type PoolEmployer,
  type Rate,
  type RateCostFacts,
  type RateScope,
  type ResolvedCaoVersion,
} from '@banenpool/domain';
import { listEmployerPlacements, type EmployerPlacementItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { mapBounded } from '../payroll/collections.js';
import { PayRunInputs } from '../payroll/pay-run-inputs.js';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { StreamStates } from '../shared/stream-states.js';

const READS_IN_FLIGHT = 16;
const PAGE = 500;

/** A hirer as its rates are priced against its costs: its record and every version of the CAOs it applies. */
export interface HirerCosts {
  readonly hirer: PoolEmployer;
  readonly caoVersions: readonly ResolvedCaoVersion[];
}

/** The terms of a rate that decide what it is checked against. */
export interface RatedTerms {
  readonly scope: RateScope;
  readonly from: LocalDate;
  readonly to?: LocalDate;
  readonly rate: Rate;
}

/**
 * Reads what the cost price of a hirer's hour depends on: the hirer, its CAOs' versions and, for a
 * fixed rate, the confirmed or ended placements the rate covers with their workers.
 */
@Injectable()
export class RateCostFactsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly streams: StreamStates,
    private readonly rules: RuleBookReader,
    private readonly readModels: PayRunInputs,
  ) {}

  /** What AgreeRate checks the rate against (404 when the hirer is unknown). */
  async factsFor(employerId: string, terms: RatedTerms): Promise<RateCostFacts> {
    const [{ hirer, caoVersions }, rules] = await Promise.all([this.hirer(employerId), this.rules.read()]);
    if (terms.rate.kind === 'factor') return { kind: 'factor', cost: costFactorOn(hirer, terms.from, rules, caoVersions) };
    await this.caughtUp();
    const placements = await this.paidPlacements(hirer, (item) => scopeCovers(terms.scope, ratedAs(item)));
    return { kind: 'fixed', placements: coveredPlacementCosts(terms.scope, terms, placements, rules, caoVersions) };
  }

  /** The hirer that must exist (404), with its CAOs' versions. */
  async hirer(employerId: string): Promise<HirerCosts> {
    const { state: hirer } = await this.streams.existing(employerDecider, employerStreamId(employerId), `employer ${employerId}`);
    const codes = [...new Set(hirer.caoApplications.map((application) => application.caoCode))];
    const caos = await Promise.all(codes.map((code) => this.streams.load(caoDecider, caoStreamId(code))));
    return { hirer, caoVersions: caos.flatMap(({ state }) => caoVersions(state)) };
  }

  /** Waits until the read models hold every committed event: a placement confirmed a moment ago must be found. */
  caughtUp(): Promise<void> {
    return this.readModels.caughtUp();
  }

  /**
   * The hirer's confirmed and ended placements that `wanted` picks, found in the employer view
   * (call caughtUp first) and read from their streams with their workers' birth dates.
   */
  async paidPlacements(hirer: PoolEmployer, wanted: (item: EmployerPlacementItem) => boolean): Promise<CostedPlacement[]> {
    const items = (await this.placementItems(hirer.employerId))
      .filter((item) => (item.status === 'confirmed' || item.status === 'ended') && wanted(item))
      .sort((a, b) => a.placementId.localeCompare(b.placementId));
    const states = await mapBounded(items, READS_IN_FLIGHT, async ({ placementId }) => {
      return (await this.streams.load(placementDecider, placementStreamId(placementId))).state;
    });
    const placements = states.filter(isPaid);
    const workers = await mapBounded(placements, READS_IN_FLIGHT, async ({ workerId }) => {
      return (await this.streams.existing(workerDecider, workerStreamId(workerId), `worker ${workerId}`)).state;
    });
    // An erased worker's placements ended before the erasure (its preconditions): no cost to check, and no birth date to check it with.
    return placements.flatMap((placement, i) => {
      const worker = workers[i];
      if (worker.status === 'erased') return [];
      return [
        {
          waged: wagedPlacement(placement, hirer),
          hirerTermsApply: placement.hirerTerms.applies,
          worker: { workerId: placement.workerId, birthDate: worker.birthDate },
        },
      ];
    });
  }

  private async placementItems(employerId: string): Promise<EmployerPlacementItem[]> {
    const items: EmployerPlacementItem[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await listEmployerPlacements(this.dataSource, employerId, { limit: PAGE, offset });
      items.push(...page.items);
      if (offset + PAGE >= page.total) return items;
    }
  }
}

/** A placement of the employer view as a rate's scope names it. */
export const ratedAs = (item: Pick<EmployerPlacementItem, 'placementId' | 'functionName'>) => ({
  placementId: item.placementId,
  functionCode: item.functionName,
});
