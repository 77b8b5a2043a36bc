import { schemaVersionOf, type DomainEvent } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';

const WEEK_MS = 7 * 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface WorkerStreamShape {
  /** The Monday of the contract's first day and of the first week's hours. */
  from?: string;
  /** Every n-th week's hours are released again (1: every week). */
  releaseEvery?: number;
}

/** A worker registered, then a contract, then weekly hours committed and (some weeks) released under it. */
export function workerStream(
  workerId: string,
  weeks: number,
  { from = '2026-01-05', releaseEvery = 2 }: WorkerStreamShape = {},
): DomainEvent<string, unknown>[] {
  const events: DomainEvent<string, unknown>[] = [
    {
      type: 'WorkerRegistered',
      data: {
        workerId,
        name: 'Wisselend',
        birthDate: '1990-01-01',
        homeArea: 'hengelo',
        skills: ['cleaning'],
        availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
      },
    },
    {
      type: 'PoolContractAgreed',
      data: {
        workerId,
        contractId: 'c1',
        terms: { kind: 'indefinite', from, guaranteedHoursPerWeek: 16, maxHoursPerWeek: 32 },
      },
    },
  ];
  const first = Date.parse(`${from}T00:00:00Z`);
  for (let week = 0; week < weeks; week++) {
    const monday = first + week * WEEK_MS;
    const period = { from: isoDate(monday), to: isoDate(monday + 6 * 86_400_000) };
    const placementId = `${workerId}-week-${week}`;
    events.push({ type: 'HoursCommitted', data: { workerId, placementId, contractId: 'c1', hoursPerWeek: 16, period } });
    if (week % releaseEvery === 0) events.push({ type: 'HoursReleased', data: { workerId, placementId, hoursPerWeek: 16, period } });
  }
  return events;
}

let streams = 0;

/**
 * Appends the events as a new worker's stream in batches of the given sizes (cycled), each batch
 * at its own millisecond; answers the worker's id.
 */
export async function writtenWorker(
  store: EventStore,
  events: readonly DomainEvent<string, unknown>[],
  sizes: readonly number[],
): Promise<string> {
  const workerId = `as-of-${process.pid}-${++streams}`;
  const stamped = events.map((e) => ({ ...e, data: { ...(e.data as object), workerId } }));
  for (let at = 0, batch = 0; at < stamped.length; batch++) {
    const size = sizes[batch % sizes.length];
    const slice = stamped.slice(at, at + size).map((e) => ({ type: e.type, data: e.data, schemaVersion: schemaVersionOf(e.type) }));
    await store.appendToStream(`worker-${workerId}`, slice, { expectedVersion: 'any' });
    at += size;
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  return workerId;
}

/** Instants around every event: a millisecond before it, at it, and well after the last. */
export function instantsAround(recordedAt: readonly Date[]): Date[] {
  const times = recordedAt.flatMap((at) => [at.getTime() - 1, at.getTime()]);
  return [...new Set([...times, Math.max(...times) + 60_000])].map((t) => new Date(t));
}
