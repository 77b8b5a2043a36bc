import { Injectable } from '@nestjs/common';
import {
  caoDecider,
  caoOn,
  caoPayFacts,
  caoStreamId,
  caoVersionOn,
  employerDecider,
  employerStreamId,
  refuse,
  scaleOf,
  siteFactsOf,
  workerDecider,
  workerFactsFor,
  workerStreamId,
  type CaoPayFacts,
  type Period,
  type PlacementTerms,
  type SiteFacts,
  type WorkerFacts,
} from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** Reads, from the worker, employer and CAO streams, the facts a placement decision needs. */
@Injectable()
export class PlacementFacts {
  constructor(private readonly streams: StreamStates) {}

  async forConfirmation(terms: PlacementTerms, step: number): Promise<{ worker: WorkerFacts; site: SiteFacts; cao: CaoPayFacts }> {
    const [worker, employer] = await Promise.all([
      this.worker(terms, terms.period),
      this.streams.load(employerDecider, employerStreamId(terms.employerId)),
    ]);
    const start = terms.period.from;
    const applied = caoOn(employer.state, start) ?? refuse('no_cao_applied', `Employer ${terms.employerId} applies no CAO on ${start}.`);
    const scale =
      scaleOf(employer.state, terms.functionName, start) ??
      refuse('function_not_classified', `${terms.functionName} has no scale in CAO ${applied.caoCode} at ${terms.employerId} on ${start}.`);
    const { state: cao } = await this.streams.load(caoDecider, caoStreamId(applied.caoCode));
    const version = caoVersionOn(cao, start) ?? refuse('no_cao_version', `CAO ${applied.caoCode} has no version in force on ${start}.`);
    return { worker, site: siteFactsOf(employer.state, terms.siteId), cao: caoPayFacts(version, scale.scale, step) };
  }

  async forPeriod(terms: PlacementTerms, period: Period): Promise<{ worker: WorkerFacts; site: SiteFacts }> {
    const [worker, employer] = await Promise.all([
      this.worker(terms, period),
      this.streams.load(employerDecider, employerStreamId(terms.employerId)),
    ]);
    return { worker, site: siteFactsOf(employer.state, terms.siteId) };
  }

  private async worker(terms: PlacementTerms, period: Period): Promise<WorkerFacts> {
    const { state } = await this.streams.existing(workerDecider, workerStreamId(terms.workerId), `worker ${terms.workerId}`);
    return workerFactsFor(state, period, terms.placementId);
  }
}
