import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireBasisPoints, requireDate, requireHours, requirePeriod, requireText } from '../shared/guards.js';
import {
  addDays,
  ageOn,
  formatPeriod,
  laterOf,
  localDateOf,
  overlaps,
  WEEKDAYS,
  type LocalDate,
  type Period,
} from '../shared/local-date.js';
import { requireWorkPattern, samePattern } from '../shared/work-pattern.js';
import { noCoveringContract } from '../shared/working-hours.js';
import { requireLocation } from '../geography/location.js';
import { chainPositionFor } from './chain-rule.js';
import { requirePaidInFull } from './erasure-pay.js';
import type {
  CommitHours,
  EndContract,
  EraseWorkerData,
  OfferContract,
  RecordDirectContract,
  RegisterWorker,
  ReleaseHours,
  WorkerCommand,
} from './worker.commands.js';
import {
  ERASURE_REASONS,
  type Availability,
  type ContractTerms,
  type DatedTargetGroupStatus,
  type HoursCommitted,
  type WorkerDataErased,
  type WorkerEvent,
} from './worker.events.js';
import { contractCovering, contractPeriod, workLoadsOf } from './worker-hours.js';
import type { ErasedWorker, HoursCommitment, PoolWorker, WorkerState } from './worker.state.js';
import { reachOf, requireWorkingTimeFits, workLoad } from './working-time.js';

/** The pool employs no one younger than this (the youngest age with a statutory minimum wage). */
export const MINIMUM_WORKER_AGE = 15;

export const workerDecider: Decider<WorkerCommand, WorkerEvent, WorkerState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (event.type === 'WorkerRegistered') {
      const { workerId, name, birthDate, homeArea, location, skills, availability } = event.data;
      return {
        status: 'registered',
        workerId,
        name,
        birthDate,
        homeArea,
        location,
        skills,
        availability,
        contracts: [],
        directContracts: [],
        commitments: [],
      };
    }
    if (state.status === 'none') return state; // a worker's history always starts with WorkerRegistered
    if (event.type === 'WorkerDataErased') return erasedOf(state, event);
    if (state.status === 'erased') return evolveErased(state, event);
    switch (event.type) {
      case 'TargetGroupStatusRecorded': {
        // Kept whole, with its dates: a later recording changes the days from its own start, not the days before.
        const { inRegister, wageValueBp, validFrom, validUntil } = event.data;
        return { ...state, targetGroupHistory: [...(state.targetGroupHistory ?? []), { inRegister, wageValueBp, validFrom, validUntil }] };
      }
      case 'SkillAdded':
        return { ...state, skills: [...state.skills, event.data.skill] };
      case 'SkillRemoved':
        return { ...state, skills: state.skills.filter((s) => s !== event.data.skill) };
      case 'AvailabilityChanged':
        return { ...state, availability: event.data.availability };
      case 'PoolContractAgreed':
        return { ...state, contracts: [...state.contracts, { contractId: event.data.contractId, terms: event.data.terms }] };
      case 'PoolContractEnded': {
        const { contractId, lastDay } = event.data;
        return { ...state, contracts: state.contracts.map((c) => (c.contractId === contractId ? { ...c, lastDay } : c)) };
      }
      case 'DirectContractRecorded': {
        const { contractId, employerId, from, to } = event.data;
        return { ...state, directContracts: [...state.directContracts, { contractId, employerId, from, to }] };
      }
      // Each copies the commitments: evolveAll folds a whole history without a copy per event.
      case 'HoursCommitted': {
        const commitment = commitmentOf(event);
        return { ...state, commitments: [...state.commitments.filter((c) => c.placementId !== commitment.placementId), commitment] };
      }
      case 'HoursReleased': {
        const { placementId, period } = event.data;
        const commitments = state.commitments.flatMap((c) => (c.placementId === placementId ? keptOf(c, period) : [c]));
        return { ...state, commitments };
      }
      default:
        return assertNever(event);
    }
  },

  /**
   * The same as evolving event by event, with the commitments kept in one Map for the whole run:
   * each HoursCommitted then changes one entry instead of copying every commitment, so a long
   * history folds in linear time. The other events leave the commitments alone (their evolve never
   * reads them), except a registration, which starts them afresh.
   */
  evolveAll(state, events) {
    let folded = state;
    let pending: Map<string, HoursCommitment> | undefined;
    for (const event of events) {
      // The erasure copies the commitments: hand it the ones folded so far.
      if (pending !== undefined && event.type === 'WorkerDataErased') {
        folded = withCommitments(registeredWorker(folded), pending);
        pending = undefined;
      }
      if (folded.status === 'registered' && isCommitmentEvent(event)) {
        pending = changeCommitment(pending ?? byPlacement(folded.commitments), event);
        continue;
      }
      const before = folded;
      folded = workerDecider.evolve(folded, event);
      if (folded.status === 'none' || before.status === 'none' || folded.commitments !== before.commitments) pending = undefined;
    }
    return pending === undefined || folded.status !== 'registered' ? folded : withCommitments(folded, pending);
  },

  decide(command, state, now) {
    switch (command.type) {
      case 'RegisterWorker':
        return register(command, state, localDateOf(now));
      case 'RecordTargetGroupStatus': {
        const worker = registeredWorker(state);
        // Only a status given at registration may hold "since registration"; a later one says from when.
        requireDate(command.status.validFrom, 'The first day the target-group status holds');
        requireTargetGroupStatus(command.status);
        return [{ type: 'TargetGroupStatusRecorded', data: { workerId: worker.workerId, ...command.status } }];
      }
      case 'AddSkill': {
        const worker = registeredWorker(state);
        requireText(command.skill, 'The skill');
        return worker.skills.includes(command.skill)
          ? []
          : [{ type: 'SkillAdded', data: { workerId: worker.workerId, skill: command.skill } }];
      }
      case 'RemoveSkill': {
        const worker = registeredWorker(state);
        return worker.skills.includes(command.skill)
          ? [{ type: 'SkillRemoved', data: { workerId: worker.workerId, skill: command.skill } }]
          : [];
      }
      case 'ChangeAvailability': {
        const worker = registeredWorker(state);
        requireAvailability(command.availability);
        return [{ type: 'AvailabilityChanged', data: { workerId: worker.workerId, availability: command.availability } }];
      }
      case 'OfferContract':
        return offerContract(command, registeredWorker(state));
      case 'RecordDirectContract':
        return recordDirectContract(command, registeredWorker(state));
      case 'EndContract':
        return endContract(command, registeredWorker(state));
      case 'CommitHours':
        return commitHours(command, registeredWorker(state));
      case 'ReleaseHours':
        // Also after an erasure: the placement process releases the hours of a placement that ends.
        return releaseHours(command, workerWithHours(state));
      case 'EraseWorkerData':
        return eraseWorkerData(command, state, localDateOf(now));
      default:
        return assertNever(command);
    }
  },
};

function register(command: RegisterWorker, state: WorkerState, today: LocalDate): WorkerEvent[] {
  if (state.status !== 'none') conflict('worker_already_registered', `Worker ${state.workerId} is already registered.`);
  const { workerId, name, birthDate, postcode, coordinates, homeArea, availability, targetGroup } = command;
  requireText(workerId, 'The worker id');
  requireText(name, 'The name');
  const { location, area } = requireLocation({ postcode, coordinates, place: homeArea });
  requireDate(birthDate, 'The birth date');
  if (birthDate > today || ageOn(birthDate, today) < MINIMUM_WORKER_AGE) {
    refuse(
      'worker_too_young',
      `A worker born on ${birthDate} is not yet ${MINIMUM_WORKER_AGE} today (${today}); the pool employs no one younger.`,
    );
  }
  command.skills.forEach((skill) => requireText(skill, 'A skill'));
  requireAvailability(availability);
  const skills = [...new Set(command.skills)];
  const events: WorkerEvent[] = [
    { type: 'WorkerRegistered', data: { workerId, name, birthDate, homeArea: area, location, skills, availability } },
  ];
  if (targetGroup === undefined) return events;
  requireTargetGroupStatus(targetGroup);
  return [...events, { type: 'TargetGroupStatusRecorded', data: { workerId, ...targetGroup } }];
}

function requireTargetGroupStatus(status: DatedTargetGroupStatus): void {
  if (status.wageValueBp !== undefined) requireBasisPoints(status.wageValueBp, 'The wage value', { min: 1 });
  const { validFrom, validUntil } = status;
  if (validFrom !== undefined) requirePeriod({ from: validFrom, to: validUntil }, 'The target-group status');
  else if (validUntil !== undefined) requireDate(validUntil, 'The last day the target-group status holds');
}

function requireAvailability(availability: Availability): void {
  if (availability.kind === 'hours_per_week') {
    requireHours(availability.hoursPerWeek, 'Available hours a week', { allowZero: true });
  } else {
    for (const [weekday, hours] of Object.entries(availability.hoursByWeekday)) {
      if (!(WEEKDAYS as readonly string[]).includes(weekday)) refuse('invalid_weekday', `"${weekday}" is not a weekday.`);
      requireHours(hours, `Available hours on ${weekday}`, { allowZero: true, max: 24 });
    }
  }
  availability.unavailable.forEach((period) => requirePeriod(period, 'An unavailable period'));
}

function offerContract(command: OfferContract, worker: PoolWorker): WorkerEvent[] {
  const { contractId, terms } = command;
  requireText(contractId, 'The contract id');
  if (worker.contracts.some((c) => c.contractId === contractId))
    conflict('contract_already_exists', `${worker.name} already has a contract ${contractId}.`);
  requireTerms(terms);
  // Contracts follow one another: a new one starts after every earlier one has ended, so the
  // covering contract of a period is unambiguous and no past chain is rewritten.
  const running = worker.contracts.find((c) => overlaps(contractPeriod(c), { from: terms.from }));
  if (running) {
    refuse(
      'contracts_overlap',
      `${worker.name}'s contract ${running.contractId} runs ${formatPeriod(contractPeriod(running))}; a new contract must start after it has ended, not on ${terms.from}.`,
    );
  }
  const chain = terms.kind === 'fixed_term' ? chainPositionFor(worker, terms, command) : undefined;
  return [{ type: 'PoolContractAgreed', data: { workerId: worker.workerId, contractId, terms, chain } }];
}

function requireTerms(terms: ContractTerms): void {
  requirePeriod({ from: terms.from, to: terms.kind === 'fixed_term' ? terms.to : undefined }, 'The contract');
  requireHours(terms.maxHoursPerWeek, 'The maximum hours a week');
  requireHours(terms.guaranteedHoursPerWeek, 'The guaranteed hours a week', { allowZero: true });
  if (terms.guaranteedHoursPerWeek > terms.maxHoursPerWeek) {
    refuse(
      'guaranteed_above_maximum',
      `The guaranteed ${terms.guaranteedHoursPerWeek} h a week exceed the maximum of ${terms.maxHoursPerWeek} h a week.`,
    );
  }
}

function recordDirectContract(command: RecordDirectContract, worker: PoolWorker): WorkerEvent[] {
  const { contractId, employerId, from, to } = command;
  requireText(contractId, 'The direct contract id');
  requireText(employerId, 'The employer id');
  requirePeriod({ from, to }, 'The direct contract');
  if (worker.directContracts.some((c) => c.contractId === contractId && c.employerId === employerId)) {
    conflict('direct_contract_already_recorded', `${worker.name}'s direct contract ${contractId} with ${employerId} is already recorded.`);
  }
  return [{ type: 'DirectContractRecorded', data: { workerId: worker.workerId, employerId, contractId, from, to, kind: 'fixed_term' } }];
}

function endContract(command: EndContract, worker: PoolWorker): WorkerEvent[] {
  const contract = worker.contracts.find((c) => c.contractId === command.contractId);
  if (!contract) notFound('contract_not_found', `${worker.name} has no contract ${command.contractId}.`);
  if (contract.lastDay !== undefined)
    refuse('contract_already_ended', `Contract ${contract.contractId} was already ended on ${contract.lastDay}.`);
  requireDate(command.lastDay, 'The last day of the contract');
  requireText(command.reason, 'The reason for ending the contract');
  const period = contractPeriod(contract);
  if (command.lastDay < period.from || (period.to !== undefined && command.lastDay > period.to)) {
    refuse('end_outside_contract', `Contract ${contract.contractId} runs ${formatPeriod(period)}; it cannot end on ${command.lastDay}.`);
  }
  const stranded = worker.commitments.find((c) => c.contractId === contract.contractId && c.period.to > command.lastDay);
  if (stranded) {
    refuse(
      'contract_has_commitments',
      `Placement ${stranded.placementId} has ${stranded.hoursPerWeek} h a week committed under contract ${contract.contractId} until ${stranded.period.to}; ` +
        `release those hours before ending the contract on ${command.lastDay}.`,
    );
  }
  const { lastDay, reason } = command;
  return [{ type: 'PoolContractEnded', data: { workerId: worker.workerId, contractId: contract.contractId, lastDay, reason } }];
}

function commitHours(command: CommitHours, worker: PoolWorker): WorkerEvent[] {
  const { placementId, hoursPerWeek, period, pattern } = command;
  requireText(placementId, 'The placement id');
  requireHours(hoursPerWeek, 'The hours a week');
  requirePeriod(period, 'The placement period');
  if (pattern !== undefined) requireWorkPattern(pattern, hoursPerWeek);
  const current = worker.commitments.find((c) => c.placementId === placementId);
  if (current && sameCommitment(current, command)) return [];
  const contract = contractCovering(worker, period) ?? noCoveringContract(period);
  requireWorkingTimeFits({
    birthDate: worker.birthDate,
    rules: command.rules,
    contractMaxHoursPerWeek: contract.terms.maxHoursPerWeek,
    others: workLoadsOf(worker, { exceptPlacementId: placementId, within: reachOf(period) }),
    adding: workLoad(placementId, hoursPerWeek, pattern, period),
    changed: period,
  });
  const data = { workerId: worker.workerId, placementId, contractId: contract.contractId, hoursPerWeek, period };
  return [{ type: 'HoursCommitted', data: pattern === undefined ? data : { ...data, pattern } }];
}

const sameCommitment = (current: HoursCommitment, { hoursPerWeek, period, pattern }: CommitHours): boolean =>
  current.hoursPerWeek === hoursPerWeek &&
  current.period.from === period.from &&
  current.period.to === period.to &&
  samePattern(current.pattern, pattern);

function releaseHours(command: ReleaseHours, worker: PoolWorker | ErasedWorker): WorkerEvent[] {
  if (command.from !== undefined) requireDate(command.from, 'The date to release hours from');
  const commitment = worker.commitments.find((c) => c.placementId === command.placementId);
  // Releasing what is not (or no longer) committed changes nothing, so a compensation can be retried safely.
  if (!commitment) return [];
  const from = laterOf(command.from ?? commitment.period.from, commitment.period.from);
  if (from > commitment.period.to) return [];
  const { placementId, hoursPerWeek, period } = commitment;
  return [{ type: 'HoursReleased', data: { workerId: worker.workerId, placementId, hoursPerWeek, period: { from, to: period.to } } }];
}

type CommitmentEvent = Extract<WorkerEvent, { type: 'HoursCommitted' | 'HoursReleased' }>;

const isCommitmentEvent = (event: WorkerEvent): event is CommitmentEvent =>
  event.type === 'HoursCommitted' || event.type === 'HoursReleased';

// In the order evolve has always kept them: a placement committed again moves to the end.
const byPlacement = (commitments: readonly HoursCommitment[]): Map<string, HoursCommitment> =>
  new Map(commitments.map((c) => [c.placementId, c]));

const withCommitments = (worker: PoolWorker, commitments: ReadonlyMap<string, HoursCommitment>): PoolWorker => ({
  ...worker,
  commitments: [...commitments.values()],
});

const commitmentOf = ({ data: { workerId: _worker, ...commitment } }: HoursCommitted): HoursCommitment => commitment;

/** What is left of a commitment after releasing its hours from a day on: its days before that day, if any. */
const keptOf = (commitment: HoursCommitment, released: Period): HoursCommitment[] =>
  released.from <= commitment.period.from
    ? []
    : [{ ...commitment, period: { from: commitment.period.from, to: addDays(released.from, -1) } }];

/** Changes the placement's entry in place, as evolve changes it in a copy: the Map is the fold's own, never a state's. */
function changeCommitment(commitments: Map<string, HoursCommitment>, event: CommitmentEvent): Map<string, HoursCommitment> {
  const { placementId } = event.data;
  const current = commitments.get(placementId);
  if (event.type === 'HoursCommitted') {
    commitments.delete(placementId); // committed again: to the end
    return commitments.set(placementId, commitmentOf(event));
  }
  if (current === undefined) return commitments;
  const [kept] = keptOf(current, event.data.period);
  if (kept === undefined) commitments.delete(placementId);
  else commitments.set(placementId, kept); // released in part: where it was
  return commitments;
}

/** The registered worker; refused for a worker never registered (404) or one whose data was erased (409). */
export function registeredWorker(state: WorkerState): PoolWorker {
  const worker = workerWithHours(state);
  if (worker.status === 'erased') {
    conflict(
      'worker_erased',
      `The personal data of worker ${worker.workerId} was erased on ${worker.erasedOn}; nothing more can be recorded about them.`,
    );
  }
  return worker;
}

function workerWithHours(state: WorkerState): PoolWorker | ErasedWorker {
  if (state.status === 'none') notFound('worker_not_found', 'This worker is not registered.');
  return state;
}

/**
 * Erasure is for people who have left: nothing running or planned may still need their data, and
 * nothing may still be owed to them (a pay run cannot pay an erased worker: no birth date, no age).
 * Erasing again is no events, so that a retry after a crash still shreds the key and purges copies.
 */
function eraseWorkerData(command: EraseWorkerData, state: WorkerState, today: LocalDate): WorkerEvent[] {
  const worker = workerWithHours(state);
  if (worker.status === 'erased') return [];
  if (!(ERASURE_REASONS as readonly string[]).includes(command.reason)) {
    refuse('invalid_erasure_reason', `The reason for an erasure is one of ${ERASURE_REASONS.join(', ')}.`);
  }
  const running = worker.contracts.find((c) => {
    const { to } = contractPeriod(c);
    return to === undefined || to >= today;
  });
  if (running) {
    conflict(
      'worker_has_contract',
      `Worker ${worker.workerId}'s contract ${running.contractId} runs ${formatPeriod(contractPeriod(running))}; end it before erasing their data.`,
    );
  }
  const planned = worker.commitments.find((c) => c.period.to > today);
  if (planned) {
    conflict(
      'worker_has_planned_hours',
      `Worker ${worker.workerId} has hours committed to placement ${planned.placementId} until ${planned.period.to}; release them before erasing their data.`,
    );
  }
  requirePaidInFull(worker, command.pay);
  // The register periods without the wage value: what the banenafspraak count needs (art. 17(3)(b) GDPR).
  const targetGroupStatuses = (worker.targetGroupHistory ?? []).map(({ inRegister, validFrom, validUntil }) => ({
    inRegister,
    ...(validFrom !== undefined && { validFrom }),
    ...(validUntil !== undefined && { validUntil }),
  }));
  const { workerId } = worker;
  return [{ type: 'WorkerDataErased', data: { workerId, reason: command.reason, erasedOn: today, retained: { targetGroupStatuses } } }];
}

/** Keeps only what is not personal data: the contracts and hours that pay, invoices and the chain rule rest on. */
function erasedOf(worker: PoolWorker | ErasedWorker, event: WorkerDataErased): ErasedWorker {
  const { workerId, contracts, directContracts, commitments } = worker;
  return { status: 'erased', workerId, erasedOn: event.data.erasedOn, contracts, directContracts, commitments };
}

/** After the erasure only the placement process's release of hours is decided; any other event changes nothing a person can be found by. */
function evolveErased(worker: ErasedWorker, event: Exclude<WorkerEvent, WorkerDataErased>): ErasedWorker {
  switch (event.type) {
    case 'HoursCommitted':
    case 'HoursReleased':
      return { ...worker, commitments: [...changeCommitment(byPlacement(worker.commitments), event).values()] };
    case 'PoolContractEnded': {
      const { contractId, lastDay } = event.data;
      return { ...worker, contracts: worker.contracts.map((c) => (c.contractId === contractId ? { ...c, lastDay } : c)) };
    }
    case 'WorkerRegistered':
    case 'TargetGroupStatusRecorded':
    case 'SkillAdded':
    case 'SkillRemoved':
    case 'AvailabilityChanged':
    case 'PoolContractAgreed':
    case 'DirectContractRecorded':
      return worker;
    default:
      return assertNever(event);
  }
}
