import { Injectable } from '@nestjs/common';
import {
  caoCodesDuring,
  caoDecider,
  caoStreamId,
  caoVersions,
  employerDecider,
  employerStreamId,
  siteFactsOf,
  registeredWorker,
  workerDecider,
  workerFactsFor,
  workerStreamId,
  type ConfirmPlacement,
  type EmployerState,
  type HirerLimitFacts,
  type Period,
  type PlacementTerms,
  type ResolvedCaoVersion,
  type RuleBook,
  type PoolWorker,
  type SiteFacts,
  type WorkerFacts,
} from '@banenpool/domain';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { StreamStates } from '../shared/stream-states.js';
import { HirerLimitFactsReader } from './hirer-limit-facts.js';

/** Reads, from the worker, employer, CAO and rule-table streams, the facts a placement decision needs. */
@Injectable()
export class PlacementFacts {
  constructor(
    private readonly streams: StreamStates,
    private readonly rules: RuleBookReader,
    private readonly hirerLimitFacts: HirerLimitFactsReader,
  ) {}

  /** Everything ConfirmPlacement needs besides its type, with the step the operator chose. */
  async forConfirmation(terms: PlacementTerms, step: number): Promise<Omit<ConfirmPlacement, 'type'>> {
    const [worker, { state: hirer }, rules] = await Promise.all([
      this.workerState(terms),
      this.streams.load(employerDecider, employerStreamId(terms.employerId)),
      this.rules.read(),
    ]);
    const [caoVersions, hirerLimits] = await Promise.all([
      this.caoVersionsDuring(hirer, terms.period),
      this.hirerLimitFacts.read(terms, hirer, worker),
    ]);
    return {
      worker: workerFactsFor(worker, terms.period, terms.placementId),
      site: siteFactsOf(hirer, terms.siteId),
      step,
      hirer,
      caoVersions,
      rules,
      hirerLimits,
    };
  }

  /** The versions of every CAO the hirer applies on a day of the period: the wage of each day takes the one in force. */
  async caoVersionsDuring(hirer: EmployerState, period: Period): Promise<ResolvedCaoVersion[]> {
    const codes = caoCodesDuring(hirer, period);
    const caos = await Promise.all(codes.map((code) => this.streams.load(caoDecider, caoStreamId(code))));
    return caos.flatMap(({ state }) => caoVersions(state));
  }

  /** The facts for an extension's added days; the rule tables give the Working Hours Act limits. */
  async forPeriod(
    terms: PlacementTerms,
    period: Period,
  ): Promise<{ worker: WorkerFacts; site: SiteFacts; rules: RuleBook; hirerLimits: HirerLimitFacts }> {
    const [worker, employer, rules] = await Promise.all([
      this.workerState(terms),
      this.streams.load(employerDecider, employerStreamId(terms.employerId)),
      this.rules.read(),
    ]);
    const hirerLimits = await this.hirerLimitFacts.read(terms, employer.state, worker);
    return {
      worker: workerFactsFor(worker, period, terms.placementId),
      site: siteFactsOf(employer.state, terms.siteId),
      rules,
      hirerLimits,
    };
  }

  // Read once per command: the worker facts and the hirer limits both come from it.
  private async workerState(terms: PlacementTerms): Promise<PoolWorker> {
    const { state } = await this.streams.existing(workerDecider, workerStreamId(terms.workerId), `worker ${terms.workerId}`);
    return registeredWorker(state); // an erased worker is placed no more (409)
  }
}
