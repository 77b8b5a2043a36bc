import type { LocalDate, OpenPeriod, PoolContractAgreed, PoolContractEnded } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { Column, PrimaryColumn, type EntityManager } from 'typeorm';
import { anyOf } from './sql.js';
import { toQuarterHours } from './hours.js';
import { saveRows } from './rows.js';

/**
 * A worker's pool employment contract: its guaranteed and maximum hours a week and the days it
 * runs. Folded commutatively (agreed terms, then at most one end), like the placement facts.
 */
export abstract class ContractFactsColumns {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @PrimaryColumn({ name: 'contract_id', type: 'text' })
  contractId: string;

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom: LocalDate | null;

  /** The agreed end of a fixed-term contract; null for an indefinite one. */
  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo: LocalDate | null;

  /** Set when the contract was ended (PoolContractEnded). */
  @Column({ name: 'last_day', type: 'date', nullable: true })
  lastDay: LocalDate | null;

  @Column({ name: 'guaranteed_quarters', type: 'integer', nullable: true })
  guaranteedQuarters: number | null;

  @Column({ name: 'max_quarters', type: 'integer', nullable: true })
  maxQuarters: number | null;
}

export type ContractFacts = { -readonly [K in keyof ContractFactsColumns]: ContractFactsColumns[K] };

type ContractEvent = PoolContractAgreed | PoolContractEnded;

export const CONTRACT_EVENT_TYPES: readonly ContractEvent['type'][] = ['PoolContractAgreed', 'PoolContractEnded'];

export function applyContractEvent(facts: ContractFacts, event: ContractEvent): ContractFacts {
  if (event.type === 'PoolContractEnded') {
    const lastDay = facts.lastDay === null || event.data.lastDay < facts.lastDay ? event.data.lastDay : facts.lastDay;
    return { ...facts, lastDay };
  }
  const { terms } = event.data;
  return {
    ...facts,
    kind: terms.kind,
    periodFrom: terms.from,
    periodTo: terms.kind === 'fixed_term' ? terms.to : null,
    guaranteedQuarters: toQuarterHours(terms.guaranteedHoursPerWeek),
    maxQuarters: toQuarterHours(terms.maxHoursPerWeek),
  };
}

/** The days a contract runs (open-ended for an indefinite contract not ended), once its terms are known. */
export function contractPeriod(contract: ContractFacts): OpenPeriod | undefined {
  if (contract.periodFrom === null) return undefined;
  const ends = [contract.periodTo, contract.lastDay].filter((d): d is LocalDate => d !== null).sort();
  return { from: contract.periodFrom, to: ends[0] };
}

const key = (workerId: string, contractId: string) => `${workerId}\u0000${contractId}`;

/** Folds the batch's contract events into the read model's contract table; returns the touched workers' ids. */
export async function mergeContractFacts<T extends ContractFactsColumns>(
  manager: EntityManager,
  entity: new () => T,
  events: readonly RecordedEvent[],
): Promise<Set<string>> {
  const contractEvents = events
    .filter((e) => e.type === 'PoolContractAgreed' || e.type === 'PoolContractEnded')
    .map((e) => ({ type: e.type, data: e.data }) as ContractEvent);
  if (contractEvents.length === 0) return new Set();
  const workerIds = [...new Set(contractEvents.map((e) => e.data.workerId))];
  const existing = (await manager.findBy(entity, { workerId: anyOf(workerIds) } as never)) as ContractFacts[];
  const facts = new Map(existing.map((row) => [key(row.workerId, row.contractId), { ...row }]));
  const touched = new Map<string, ContractFacts>();
  for (const event of contractEvents) {
    const { workerId, contractId } = event.data;
    const current = facts.get(key(workerId, contractId)) ?? emptyContract(workerId, contractId);
    const next = applyContractEvent(current, event);
    facts.set(key(workerId, contractId), next);
    touched.set(key(workerId, contractId), next);
  }
  await saveRows(manager, entity, [...touched.values()], ['workerId', 'contractId']);
  return new Set(workerIds);
}

export async function contractsOfWorkers<T extends ContractFactsColumns>(
  manager: EntityManager,
  entity: new () => T,
  workerIds: readonly string[],
): Promise<ContractFacts[]> {
  if (workerIds.length === 0) return [];
  return (await manager.findBy(entity, { workerId: anyOf(workerIds) } as never)) as ContractFacts[];
}

function emptyContract(workerId: string, contractId: string): ContractFacts {
  return { workerId, contractId, kind: null, periodFrom: null, periodTo: null, lastDay: null, guaranteedQuarters: null, maxQuarters: null };
}
