import { z } from 'zod';
import { allocationDecider } from './allocation/allocation.decider.js';
import { allocationEvents } from './allocation/allocation.events.js';
import { auditAccessEvents } from './audit-access/audit-access.events.js';
import { caoDecider } from './cao/cao.decider.js';
import { caoEvents } from './cao/cao.events.js';
import { sampleContent } from './cao/cao.fixtures.js';
import { capacityDecider } from './capacity/capacity.decider.js';
import { capacityEvents } from './capacity/capacity.events.js';
import { employerDecider } from './employer/employer.decider.js';
import { employerEvents } from './employer/employer.events.js';
import { eventSchemaVersions, parsePoolEvent, poolEvents, schemaVersionOf } from './event-schemas.js';
import { placementDecider } from './placement/placement.decider.js';
import { placementEvents } from './placement/placement.events.js';
import { payRunEvents } from './payroll/pay-run.events.js';
import { ruleEvents } from './rules/rules.events.js';
import { timesheetEvents } from './timesheet/timesheet.events.js';
import { rateAgreementEvents } from './rate-agreement/rate-agreement.events.js';
import { invoiceEvents } from './invoice/invoice.events.js';
import { lksEvents } from './lks/lks.events.js';
import { schoonmaakVersions, shippedRules, visschedijk } from './placement/placement-pay.fixtures.js';
import { annaFacts, officeFacts, terms } from './placement/placement.fixtures.js';
import { fold, type Decider } from './shared/decider.js';
import { parseEventWith, type EventRegistry } from './shared/event-schema.js';
import { given, SPEC_NOW } from './shared/given-when-then.js';
import { workerDecider } from './worker/worker.decider.js';
import { workerEvents } from './worker/worker.events.js';

/** What a decider wrote, as the store gives it back (JSON), read through the schemas. */
function parsedDecision<C, E extends { type: string }, S>(decider: Decider<C, E, S>, history: readonly E[], command: C) {
  const decided = JSON.parse(JSON.stringify(decider.decide(command, fold(decider, history), SPEC_NOW))) as {
    type: string;
    data: unknown;
  }[];
  return decided.map((event) => parsePoolEvent(event.type, schemaVersionOf(event.type), event.data));
}

describe('event schemas', () => {
  // Every decider spec's `then` reads the decided events through the schemas too; these show one decision per stream.
  it.each([
    [
      'cao',
      () =>
        parsedDecision(caoDecider, [{ type: 'CaoRegistered', data: { code: 'schoonmaak', name: 'Schoonmaak' } }], {
          type: 'PublishCaoVersion',
          effectiveFrom: '2026-01-01',
          content: sampleContent(),
        }),
    ],
    [
      'employer',
      () =>
        parsedDecision(employerDecider, [], { type: 'JoinPool', employerId: 'visschedijk', name: 'Visschedijk', memberFrom: '2024-01-01' }),
    ],
    [
      'worker',
      () =>
        parsedDecision(workerDecider, [], {
          type: 'RegisterWorker',
          workerId: 'anna',
          name: 'Anna de Vries',
          birthDate: '2000-05-10',
          homeArea: 'Hengelo',
          skills: ['cleaning'],
          availability: {
            kind: 'by_weekday',
            hoursByWeekday: { monday: 8, friday: 4 },
            unavailable: [{ from: '2026-07-01', to: '2026-07-21' }],
          },
          targetGroup: { inRegister: true, wageValueBp: 7000 },
        }),
    ],
    [
      'capacity',
      () =>
        parsedDecision(capacityDecider, [], {
          type: 'RequestCapacity',
          requestId: 'vd-winter',
          employerId: 'visschedijk',
          siteId: 'office',
          functionName: 'cleaner',
          requiredSkill: 'cleaning',
          period: { from: '2026-01-05', to: '2026-03-29' },
          hoursPerWeek: 24,
          headcount: 2,
          site: officeFacts,
        }),
    ],
    [
      'placement',
      () =>
        parsedDecision(placementDecider, [{ type: 'PlacementProposed', data: terms }], {
          type: 'ConfirmPlacement',
          worker: annaFacts,
          site: officeFacts,
          step: 0,
          hirer: visschedijk,
          caoVersions: schoonmaakVersions,
          rules: shippedRules,
          hirerLimits: { employerId: terms.employerId, otherPlacements: [] },
        }),
    ],
    [
      'allocation',
      () =>
        parsedDecision(allocationDecider, [], {
          type: 'RecordAllocationRun',
          run: {
            runId: 'winter-1',
            scope: { fromWeek: '2026-11-02', toWeek: '2026-11-09', employerIds: [], requestIds: [] },
            input: { position: '742-1031', hash: 'ab12', requests: 1, workers: 1 },
            solver: { name: 'greedy', version: '1', method: 'greedy' },
            weights: { fill: 1 },
            timeLimitSeconds: 10,
            result: { status: 'heuristic', objective: 48, bound: null, gap: null, solveTimeMs: 3 },
            proposals: [],
          },
        }),
    ],
  ])('reads what the %s decider writes', (_, decide) => {
    const parsed = decide();
    expect(parsed.length).toBeGreaterThan(0);
    for (const result of parsed) expect(result).toMatchObject({ ok: true });
  });

  it('makes a decider spec fail when the decider writes an event its schema refuses', () => {
    const careless: Decider<'go', { type: string; data: unknown }, null> = {
      initialState: null,
      evolve: (state) => state,
      decide: () => [{ type: 'SkillAdded', data: { workerId: 'anna', skill: '' } }],
    };
    expect(() =>
      given(careless, [])
        .when('go')
        .then([{ type: 'SkillAdded', data: { workerId: 'anna', skill: '' } }]),
    ).toThrow('fails its schema');
  });

  it('keeps what each type promises and gives the reason for what it refuses', () => {
    const terms = {
      placementId: 'p1',
      workerId: 'w',
      employerId: 'e',
      siteId: 's',
      functionName: 'f',
      legalForm: 'payroll',
      hoursPerWeek: 8,
    };
    expect(parsePoolEvent('PlacementProposed', 1, { ...terms, period: { from: '2026-01-05', to: '2026-01-31' } })).toMatchObject({
      ok: true,
    });
    expect(parsePoolEvent('PlacementProposed', 1, { ...terms, period: { from: '2026-02-01', to: '2026-01-31' } })).toMatchObject({
      ok: false,
      reason: 'invalid_data',
      detail: expect.stringContaining('ends before it starts'),
    });
    const refused: [string, unknown][] = [
      ['PlacementExtended', { placementId: 'p1', previousTo: '2026-01-31', to: '2026-02-30' }],
      ['CapacityRequestAmended', { requestId: 'r', period: { from: '2026-01-05', to: '2026-01-31' }, hoursPerWeek: 169, headcount: 1 }],
      ['CapacityRequestAmended', { requestId: 'r', period: { from: '2026-01-05', to: '2026-01-31' }, hoursPerWeek: 8, headcount: 1.5 }],
      ['WorkerRegistered', { name: 'Sanne' }],
      ['SkillAdded', null],
      ['TargetGroupStatusRecorded', { workerId: 'w', inRegister: 'yes' }],
      [
        'PoolContractAgreed',
        { workerId: 'w', contractId: 'c', terms: { kind: 'seasonal', from: '2026-01-01', guaranteedHoursPerWeek: 0, maxHoursPerWeek: 8 } },
      ],
    ];
    for (const [type, data] of refused) expect(parsePoolEvent(type, 1, data)).toMatchObject({ ok: false, reason: 'invalid_data' });
    expect(parsePoolEvent('SomethingHappened', 1, {})).toMatchObject({ ok: false, reason: 'unknown_type' });
    expect(parsePoolEvent('SkillAdded', 2, { workerId: 'w', skill: 'cleaning' })).toMatchObject({ ok: false, reason: 'unknown_version' });
  });

  it('drops fields no schema names, so a reader sees only what the type promises', () => {
    expect(parsePoolEvent('SkillAdded', 1, { workerId: 'w', skill: 'cleaning', note: 'x' })).toEqual({
      ok: true,
      event: { type: 'SkillAdded', data: { workerId: 'w', skill: 'cleaning' } },
    });
  });

  it('reads an older version through its upcaster and checks the result against today’s schema', () => {
    const registry = {
      SkillAdded: {
        version: 2,
        data: z.object({ workerId: z.string(), skill: z.string(), level: z.enum(['basic', 'expert']) }),
        upcasters: { 1: z.object({ workerId: z.string(), skill: z.string() }).transform((v1) => ({ ...v1, level: 'basic' as const })) },
      },
    } as const satisfies EventRegistry;
    expect(parseEventWith(registry, 'SkillAdded', 1, { workerId: 'w', skill: 'cleaning' })).toEqual({
      ok: true,
      event: { type: 'SkillAdded', data: { workerId: 'w', skill: 'cleaning', level: 'basic' } },
    });
    expect(parseEventWith(registry, 'SkillAdded', 1, { workerId: 'w' })).toMatchObject({ ok: false, reason: 'invalid_data' });
    expect(parseEventWith(registry, 'SkillAdded', 2, { workerId: 'w', skill: 'cleaning' })).toMatchObject({
      ok: false,
      reason: 'invalid_data',
    });
  });

  it('defines every type in exactly one stream', () => {
    const streams = [
      caoEvents,
      employerEvents,
      workerEvents,
      capacityEvents,
      placementEvents,
      allocationEvents,
      auditAccessEvents,
      ruleEvents,
      timesheetEvents,
      payRunEvents,
      rateAgreementEvents,
      invoiceEvents,
      lksEvents,
    ];
    const types = streams.flatMap((registry) => Object.keys(registry));
    expect(new Set(types).size).toBe(types.length);
    expect(Object.keys(poolEvents).sort()).toEqual([...types].sort());
    expect(Object.keys(eventSchemaVersions).sort()).toEqual([...types].sort());
  });
});

describe('schemaVersionOf', () => {
  it('knows every event type and the version each is written with today', () => {
    expect(schemaVersionOf('PlacementConfirmed')).toBe(2);
    expect(schemaVersionOf('CaoVersionCorrected')).toBe(1);
  });

  it('throws for a type no stream writes', () => expect(() => schemaVersionOf('SomethingHappened')).toThrow('Unknown event type'));
});
