import type { INestApplication } from '@nestjs/common';
import type { EventBus } from '@nestjs/cqrs';
import {
  ConfirmPlacementCommand,
  ConfirmPlacementHandler,
  HirerLimitFactsReader,
  PlacementFacts,
  RuleBookReader,
  StreamStates,
  UseCaseExecutor,
  type RequestContext,
} from '@banenpool/application';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { caller, startTestApi } from './support/api-client.js';

const caoContent = {
  wageScales: { A: [1471, 1495] },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
};

/** A confirmation folds the placement stream once per attempt and reads each stream it takes facts from once. */
describe('confirming a placement reads each stream once', () => {
  let app: INestApplication;
  let reads: string[];
  let batches: string[][];
  let handler: ConfirmPlacementHandler;
  const context: RequestContext = { caller: { label: 'operator:test' }, correlationId: 'reads-1' };

  beforeAll(async () => {
    app = await startTestApi();
    const operator = caller(app, 'demo-operator');
    const command = async (path: string, body: object) => expect((await operator.post(path).send(body)).status).toBe(201);
    await command('/caos', { code: 'recreatie', name: 'CAO Recreatie (illustrative)' });
    await command('/caos/recreatie/versions', { effectiveFrom: '2026-01-01', content: caoContent });
    await command('/employers', { employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2026-01-01' });
    await command('/employers/waarbeek/cao-applications', { caoCode: 'recreatie', from: '2026-01-01' });
    await command('/employers/waarbeek/sites', { siteId: 'park', name: 'Attractiepark', area: 'hengelo' });
    await command('/employers/waarbeek/function-classifications', { functionName: 'attractiemedewerker', scale: 'A', from: '2026-01-01' });
    const anna = { workerId: 'anna', name: 'Anna de Vries', birthDate: '1995-03-02', homeArea: 'hengelo', skills: ['attractions'] };
    await command('/workers', { ...anna, availability: { hoursPerWeek: 40 } });
    await command('/workers/anna/contracts', {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2026-03-01',
      guaranteedHoursPerWeek: 24,
      maxHoursPerWeek: 32,
    });
    const period = { from: '2026-04-01', to: '2026-10-31' };
    const terms = {
      workerId: 'anna',
      employerId: 'waarbeek',
      siteId: 'park',
      functionName: 'attractiemedewerker',
      legalForm: 'payroll',
      hoursPerWeek: 24,
      period,
    };
    await command('/placements', { placementId: 'anna-park', ...terms });

    // The handler on the app's own store, wrapped to record which streams it reads.
    const store = app.get<EventStore>(EVENT_STORE);
    reads = [];
    batches = [];
    const counting = new Proxy(store, {
      get: (target, property) => {
        if (property === 'readStream') return (streamId: string) => (reads.push(streamId), target.readStream(streamId));
        if (property === 'readStreamsForReplay')
          return (streamIds: string[]) => (reads.push(...streamIds), batches.push(streamIds), target.readStreamsForReplay(streamIds));
        return Reflect.get(target, property, target);
      },
    });
    const eventBus = { publish: () => undefined } as unknown as EventBus;
    const streams = new StreamStates(counting);
    const facts = new PlacementFacts(streams, new RuleBookReader(streams), new HirerLimitFactsReader(streams));
    handler = new ConfirmPlacementHandler(new UseCaseExecutor(counting, eventBus), facts);
  });
  afterAll(() => app.close());

  it('reads the placement once, and the worker, employer, CAO and each rule table once each', async () => {
    const accepted = await handler.execute(new ConfirmPlacementCommand('anna-park', 0, context));
    expect(accepted.events).toEqual(['PlacementConfirmed']);
    expect([...reads].sort()).toEqual([
      'cao-recreatie',
      'employer-waarbeek',
      'placement-anna-park',
      'rules-chain-rule',
      'rules-employer-charges',
      'rules-holiday-allowance',
      'rules-minimum-wage',
      'rules-retention',
      'rules-sick-pay-and-leave',
      'rules-vat',
      'rules-wage-cost-subsidy',
      'rules-working-time',
      'worker-anna',
    ]);
    // The rule tables come in one read, not one each.
    expect(batches.filter((ids) => ids.some((id) => id.startsWith('rules-')))).toEqual([
      expect.arrayContaining(reads.filter((id) => id.startsWith('rules-'))),
    ]);
  });
});
