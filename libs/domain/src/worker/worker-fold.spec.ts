import fc from 'fast-check';
import { addDays, type LocalDate } from '../shared/local-date.js';
import type { WorkerEvent } from './worker.events.js';
import { workerDecider } from './worker.decider.js';
import { agreed, annaRegistered, committed, indefinite } from './worker.fixtures.js';

// A few placements, so that commitments are committed again, released in part and released whole.
const placementId = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5');
const day = fc.integer({ min: 0, max: 60 }).map((offset): LocalDate => addDays('2026-01-05', offset));

const commitment = fc
  .tuple(placementId, fc.integer({ min: 1, max: 40 }), day, fc.integer({ min: 0, max: 30 }))
  .map(([id, hours, from, length]) => committed(id, hours, from, addDays(from, length)));
const release = fc.tuple(placementId, day).map(([id, from]): WorkerEvent => ({
  type: 'HoursReleased',
  data: { workerId: 'anna', placementId: id, hoursPerWeek: 8, period: { from, to: addDays(from, 30) } },
}));
const skill = fc
  .constantFrom('cleaning', 'welding')
  .map((s): WorkerEvent => ({ type: 'SkillAdded', data: { workerId: 'anna', skill: s } }));
const contract = day.map((from) => agreed(`c-${from}`, indefinite(from)));

/** Histories as a stream may hold them, with the occasional event before registration or a second registration. */
const history = fc.array(
  fc.oneof({ arbitrary: commitment, weight: 5 }, { arbitrary: release, weight: 3 }, skill, contract, fc.constant(annaRegistered)),
  {
    maxLength: 40,
  },
);

const oneByOne = (events: readonly WorkerEvent[], from = workerDecider.initialState) => events.reduce(workerDecider.evolve, from);
const inOneGo = (events: readonly WorkerEvent[], from = workerDecider.initialState) => workerDecider.evolveAll!(from, events);

describe('folding a worker history in one go', () => {
  it('gives the state evolving event by event gives', () => {
    fc.assert(
      fc.property(history, (events) => {
        expect(inOneGo([annaRegistered, ...events])).toStrictEqual(oneByOne([annaRegistered, ...events]));
        expect(inOneGo(events)).toStrictEqual(oneByOne(events));
      }),
    );
  });

  it('gives the same state when the history is folded in two parts, as a load from a snapshot does', () => {
    fc.assert(
      fc.property(history, fc.nat(), (events, cut) => {
        const all = [annaRegistered, ...events];
        const at = cut % (all.length + 1);
        expect(inOneGo(all.slice(at), inOneGo(all.slice(0, at)))).toStrictEqual(oneByOne(all));
      }),
    );
  });

  it('leaves the state it starts from as it was', () => {
    fc.assert(
      fc.property(history, history, (first, then) => {
        const start = inOneGo([annaRegistered, ...first]);
        const copy = structuredClone(start);
        inOneGo(then, start);
        expect(start).toStrictEqual(copy);
      }),
    );
  });
});
