import type { INestApplication } from '@nestjs/common';
import { checkProposals, type AllocationWeights } from '@banenpool/allocation';
import { buildAllocationInput, readAllocationSnapshot } from '@banenpool/application';
import { addDays, WORKING_HOURS_ACT_WEEK_LIMIT, type AllocationProposal, type AllocationScope } from '@banenpool/domain';
import { comparePositions, formatPosition, type EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { DataSource } from 'typeorm';
import { caller, startTestApi } from './support/api-client.js';

/*
 * In the demo's Twente winter an allocation run places the released park
 * workers at the facility-services company for the park's closure weeks, every hard rule holds on
 * its output, accepting fills the board and the gaps, a proposal made invalid meanwhile is refused
 * with its reason, and the same input gives the same proposals.
 *
 * The world is the demo's own data (demo/scenario.mjs), narrowed to the park, Visschedijk, the park's
 * summer staff, one park worker without the cleaning skill and two cleaners who were never placed
 * (a guaranteed-hours shortfall too, and fewer hours so far: only the pool's having released the
 * park staff puts those first); the demo's winter placements are left out, since placing those
 * people is what the allocation run is for.
 */

interface Scenario {
  caos: { code: string; name: string; version: object; binding?: object }[];
  employers: {
    employerId: string;
    name: string;
    caoCode: string;
    sites: object[];
    functions: { functionName: string; scale: string }[];
    closures: object[];
  }[];
  MEMBER_FROM: string;
  capacityRequests: { requestId: string; employerId: string }[];
  workers: ({ workerId: string; contract: object } & Record<string, unknown>)[];
  placements: ({ placementId: string; workerId: string; employerId: string; step: number; expectRefusal?: string } & Record<
    string,
    unknown
  >)[];
}
// A variable, so the type checker does not look for declarations of the demo's JavaScript.
const SCENARIO = '../demo/scenario.mjs';

const PARK = 'de-waarbeek';
const FACILITY = 'visschedijk';
const WINTER_REQUEST = 'visschedijk-winter-2026';
const PARK_STAFF = ['w-ahmet', 'w-daan', 'w-lotte', 'w-sanne'];
const NO_CLEANING = 'w-luuk';
const NEVER_PLACED = ['w-karin', 'w-hanneke'];
const CLOSURE = { from: '2026-11-01', to: '2027-03-31' };
const SCOPE = { fromWeek: '2026-W45', toWeek: '2027-W12', employerIds: [FACILITY] };
/** The Mondays of 2026-W45 … 2027-W12: the winter request's weeks, all inside the park's closure. */
const WINTER_WEEKS = Array.from({ length: 21 }, (_, i) => addDays('2026-11-02', 7 * i));

type Proposal = AllocationProposal & { decision: { outcome: string; code?: string; reason?: string; placementId?: string } };

describe('allocation runs over HTTP: the Twente winter', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;
  let scenario: Scenario;

  const post = async (path: string, body: object, status = 201) => {
    const response = await operator.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    return response;
  };
  /** Until the read models and the placement process have handled everything written (the process writes in reaction, so twice). */
  const settle = async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    for (let round = 0; round < 10; round++) {
      const head = await store.headPosition();
      if (head && !(await app.get(Projector).waitFor(head, 10_000)))
        throw new Error(`The projections did not reach ${formatPosition(head)}`);
      const after = await store.headPosition();
      if (head && after && comparePositions(head, after) === 0) return formatPosition(head);
    }
    throw new Error('The feed did not come to rest');
  };
  const run = async (runId: string) => (await operator.get(`/allocation-runs/${runId}?limit=500`).expect(200)).body;
  const get = async (path: string) => (await operator.get(path).expect(200)).body;

  beforeAll(async () => {
    scenario = (await import(SCENARIO)) as Scenario;
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
    const employers = scenario.employers.filter((e) => e.employerId === PARK || e.employerId === FACILITY);
    for (const cao of scenario.caos.filter((c) => employers.some((e) => e.caoCode === c.code))) {
      await post('/caos', { code: cao.code, name: cao.name });
      await post(`/caos/${cao.code}/versions`, cao.version);
      if (cao.binding) await post(`/caos/${cao.code}/binding`, cao.binding);
    }
    for (const employer of employers) {
      const id = employer.employerId;
      await post('/employers', { employerId: id, name: employer.name, memberFrom: scenario.MEMBER_FROM });
      await post(`/employers/${id}/cao-applications`, { caoCode: employer.caoCode, from: scenario.MEMBER_FROM });
      for (const site of employer.sites) await post(`/employers/${id}/sites`, site);
      for (const { functionName, scale } of employer.functions)
        await post(`/employers/${id}/function-classifications`, { functionName, scale, from: scenario.MEMBER_FROM });
      for (const closure of employer.closures) await post(`/employers/${id}/closures`, closure);
    }
    for (const request of scenario.capacityRequests.filter((r) => employers.some((e) => e.employerId === r.employerId)))
      await post('/capacity-requests', request);
    for (const { contract, ...registration } of scenario.workers.filter((w) =>
      [...PARK_STAFF, NO_CLEANING, ...NEVER_PLACED].includes(w.workerId),
    )) {
      await post('/workers', registration);
      await post(`/workers/${registration.workerId}/contracts`, contract);
    }
    for (const { step, expectRefusal: _none, ...terms } of scenario.placements.filter((p) => p.employerId === PARK)) {
      await post('/placements', terms);
      await post(`/placements/${terms.placementId}/confirmation`, { step });
    }
    await settle();
  });
  afterAll(() => app?.close());

  let first: {
    proposals: { items: Proposal[] };
    input: { hash: string; position: string };
    weights: AllocationWeights;
    scope: AllocationScope;
    result: { status: string };
  };
  let parkPlacementsBefore: unknown[];

  it('the park’s staff are released for the winter: the read model says so', async () => {
    const released = await get(`/released-workers?from=2026-11-02&to=2026-11-08&employerId=${PARK}&limit=100`);
    expect([...new Set(released.items.map((r: { workerId: string }) => r.workerId))].sort()).toEqual(PARK_STAFF);
  });

  it('an allocation run places the released park workers at Visschedijk for the closure weeks', async () => {
    parkPlacementsBefore = await Promise.all(
      scenario.placements.filter((p) => p.employerId === PARK).map((p) => get(`/placements/${p.placementId}`)),
    );
    const started = await post('/allocation-runs', { runId: 'winter-1', scope: SCOPE, timeLimitSeconds: 10 });
    expect(started.body).toMatchObject({
      runId: 'winter-1',
      streamId: 'allocation-winter-1',
      events: ['AllocationRunCompleted'],
      proposals: 4,
    });
    first = await run('winter-1');
    expect(first).toMatchObject({ runId: 'winter-1', solver: { name: 'HiGHS', method: 'mip' }, result: { status: 'optimal' } });
    expect(first.scope).toEqual({ fromWeek: '2026-11-02', toWeek: '2027-03-22', employerIds: [FACILITY], requestIds: [] });
    const proposals = first.proposals.items;
    expect(proposals.map((p) => p.workerId).sort()).toEqual(PARK_STAFF);
    for (const p of proposals) {
      expect(p).toMatchObject({
        requestId: WINTER_REQUEST,
        employerId: FACILITY,
        siteId: 'hengelo',
        hoursPerWeek: 24,
        decision: { outcome: 'open' },
      });
      // The whole winter, every week of it inside the park's closure.
      expect(p.weekStarts).toEqual(WINTER_WEEKS);
      expect(p.from >= CLOSURE.from && p.to <= CLOSURE.to).toBe(true);
      expect(p.explanation).toMatch(/cleaning/);
      expect(p.reasons.shortfallHoursCovered).toBeGreaterThan(0);
      // Released by the park's closure in every one of these weeks: what puts them before Karin and Hanneke.
      expect(p.reasons.releasedWeeks).toBe(WINTER_WEEKS.length);
      expect(p.explanation).toContain('released by the pool (placement ended or site closed) in all of these weeks');
    }
  });

  it('every hard rule holds on the output, checked by the engine against the input it was made from and directly', async () => {
    const snapshot = await readAllocationSnapshot(
      {
        dataSource: app.get(DataSource),
        store: app.get<EventStore>(EVENT_STORE),
        waitForReadModels: (p) => app.get(Projector).waitFor(p, 10_000),
      },
      first.scope,
    );
    const input = buildAllocationInput(snapshot.facts, first.scope);
    // Nothing but the run itself was written since: checkProposals finds no stale input (the same hash) and no broken rule.
    const proposals = first.proposals.items.map((p) => ({
      ...p,
      reasons: { ...p.reasons, releasedWeeks: p.reasons.releasedWeeks ?? 0, homeArea: '', siteArea: '' },
    }));
    expect(checkProposals(input, { proposals, inputHash: first.input.hash, weights: first.weights })).toEqual([]);

    const gaps = await get(`/capacity-gaps?requestId=${WINTER_REQUEST}&limit=100`);
    for (const p of first.proposals.items) {
      const worker = await get(`/workers/${p.workerId}?purpose=pool_operations`);
      const contract = worker.contracts[0];
      expect(worker.skills).toContain('cleaning');
      expect(contract.terms.from <= p.from && (contract.terms.to === undefined || contract.terms.to >= p.to)).toBe(true);
      const weekly =
        worker.availability.kind === 'by_weekday'
          ? Object.values(worker.availability.hoursByWeekday as Record<string, number>).reduce((a, b) => a + b, 0)
          : worker.availability.hoursPerWeek;
      for (const weekStart of p.weekStarts) {
        const committed = worker.commitments
          .filter((c: { period: { from: string; to: string } }) => c.period.from <= addDays(weekStart, 6) && c.period.to >= weekStart)
          .reduce((s: number, c: { hoursPerWeek: number }) => s + c.hoursPerWeek, 0);
        const total = committed + p.hoursPerWeek;
        expect(total).toBeLessThanOrEqual(weekly);
        expect(total).toBeLessThanOrEqual(contract.terms.maxHoursPerWeek);
        expect(total).toBeLessThanOrEqual(WORKING_HOURS_ACT_WEEK_LIMIT);
      }
    }
    for (const week of WINTER_WEEKS) {
      const gap = gaps.items.find((g: { weekStart: string }) => g.weekStart === week);
      expect(first.proposals.items.filter((p) => p.weekStarts.includes(week)).length).toBeLessThanOrEqual(gap.open.headcount);
    }
    // Proposing changed nothing: the confirmed park placements are as they were.
    const after = await Promise.all(
      scenario.placements.filter((p) => p.employerId === PARK).map((p) => get(`/placements/${p.placementId}`)),
    );
    expect(after).toEqual(parkPlacementsBefore);
    expect(await get(`/board?employerId=${FACILITY}&limit=10&purpose=pool_operations`)).toMatchObject({ total: 0 });
  });

  it('names a keyed run without a runId after its Idempotency-Key, so a retry meets the same run', async () => {
    const keyed = () =>
      operator.post('/allocation-runs').set('Idempotency-Key', 'winter-keyed').send({ scope: SCOPE, timeLimitSeconds: 2 });
    const first = await keyed().expect(201);
    expect(first.body.runId).toMatch(/^run-[0-9a-f]{20}$/);
    const again = await keyed().expect(201);
    expect(again.body.runId).toBe(first.body.runId);
    const unkeyed = await operator.post('/allocation-runs').send({ scope: SCOPE, timeLimitSeconds: 2 }).expect(201);
    expect(unkeyed.body.runId).not.toBe(first.body.runId);
  });

  it('running twice on the same input gives the same proposals', async () => {
    await post('/allocation-runs', { runId: 'winter-2', scope: { ...SCOPE, employerIds: [FACILITY, FACILITY] } });
    const second = await run('winter-2');
    // Read at a later position (the first run's own event came in between), from the same facts.
    expect(second.input).toMatchObject({ hash: first.input.hash, requests: 1, workers: 6 });
    expect(second.input.position).not.toBe(first.input.position);
    const shape = (items: Proposal[]) => items.map(({ decision: _d, ...p }) => p);
    expect(shape(second.proposals.items)).toEqual(shape(first.proposals.items));
    expect(second.result.objective).toBe((first.result as { objective?: number }).objective);
  });

  it('accepting places them as manual placements; one made invalid meanwhile is refused with its reason', async () => {
    // Sanne (contract maximum 32 h) gets 16 h in December at Visschedijk Enschede: 16 + 24 no longer fits.
    await post('/placements', {
      placementId: 'sanne-december',
      workerId: 'w-sanne',
      employerId: FACILITY,
      siteId: 'enschede',
      functionName: 'schoonmaker',
      legalForm: 'payroll',
      hoursPerWeek: 16,
      period: { from: '2026-12-07', to: '2026-12-20' },
    });
    await post('/placements/sanne-december/confirmation', { step: 0 });
    await settle();

    const accepted = (await post('/allocation-runs/winter-1/acceptance', { all: true, step: 1 })).body;
    expect(accepted.accepted.map((a: { proposalId: string }) => a.proposalId.split(':')[1]).sort()).toEqual([
      'w-ahmet',
      'w-daan',
      'w-lotte',
    ]);
    expect(accepted.refused).toEqual([
      {
        proposalId: `${WINTER_REQUEST}:w-sanne:2026-11-02`,
        code: 'over_availability',
        reason: expect.stringMatching(
          /w-sanne would work 40 h in the week of 2026-12-07 .*than the 28 h available.*contract maximum of 32 h/,
        ),
      },
    ]);
    const position = await settle();

    const recorded = await run('winter-1');
    const sanne = recorded.proposals.items.find((p: Proposal) => p.workerId === 'w-sanne');
    expect(sanne.decision).toMatchObject({ outcome: 'refused', code: 'over_availability', by: 'operator:demo' });
    for (const { placementId, proposalId } of accepted.accepted) {
      const placement = await get(`/placements/${placementId}`);
      const proposal = recorded.proposals.items.find((p: Proposal) => p.proposalId === proposalId);
      expect(proposal.decision).toMatchObject({ outcome: 'accepted', placementId });
      // The same placement as a manual one: confirmed at the step in the CAO scale, its place of the request held;
      // its first day's pay is not known yet (the minimum wage from July 2026 on is not published).
      expect(placement).toMatchObject({
        status: 'confirmed',
        capacityRequestId: WINTER_REQUEST,
        functionName: 'schoonmaker',
        period: { from: '2026-11-02', to: '2027-03-28' },
        agreed: { caoCode: 'schoonmaak', step: 1 },
        firstDayPay: { known: false, reason: expect.stringContaining('has no figures for 2026-11-02') },
      });
    }

    const board = await get(
      `/board?employerId=${FACILITY}&siteId=hengelo&fromWeek=2026-W45&toWeek=2027-W12&limit=500&waitFor=${position}&purpose=pool_operations`,
    );
    expect(board.total).toBe(3 * WINTER_WEEKS.length);
    expect(new Set(board.items.map((b: { workerId: string }) => b.workerId))).toEqual(new Set(['w-ahmet', 'w-daan', 'w-lotte']));
    const gaps = await get(`/capacity-gaps?requestId=${WINTER_REQUEST}&limit=100&waitFor=${position}`);
    expect(gaps.items).toHaveLength(WINTER_WEEKS.length);
    for (const gap of gaps.items)
      expect(gap).toMatchObject({
        asked: { headcount: 4, hours: 96 },
        filled: { headcount: 3, hours: 72 },
        open: { headcount: 1, hours: 24 },
      });
    const request = await get(`/capacity-requests/${WINTER_REQUEST}`);
    expect(request.openSlots).toBe(1);
    // The park's confirmed placements are still untouched.
    expect(
      await Promise.all(scenario.placements.filter((p) => p.employerId === PARK).map((p) => get(`/placements/${p.placementId}`))),
    ).toEqual(parkPlacementsBefore);
  });

  it('a proposal is decided at most once: accepting it again is a 409 that changes nothing', async () => {
    const before = await run('winter-1');
    const ahmet = before.proposals.items.find((p: Proposal) => p.workerId === 'w-ahmet');
    const again = await post('/allocation-runs/winter-1/acceptance', { proposalIds: [ahmet.proposalId], step: 1 }, 409);
    expect(again.body).toMatchObject({ code: 'proposal_already_decided' });
    expect((await run('winter-1')).version).toBe(before.version);
  });

  it('auditors replay a run: who decided what and when, the run as known at a moment, and the proposals for a date', async () => {
    const auditor = caller(app, 'demo-auditor');
    const { body: history } = await auditor.get('/audit/allocation-runs/winter-1/history').expect(200);
    const entries = history.entries as {
      type: string;
      actor?: string;
      recordedAt: string;
      data: { proposalId?: string; outcome?: string };
    }[];
    expect(entries[0]).toMatchObject({ type: 'AllocationRunCompleted', actor: 'operator:demo' });
    const decisions = entries.slice(1).map((e) => [e.type, e.data.proposalId?.split(':')[1], e.actor]);
    expect(decisions.sort()).toEqual([
      ['AllocationProposalAccepted', 'w-ahmet', 'operator:demo'],
      ['AllocationProposalAccepted', 'w-daan', 'operator:demo'],
      ['AllocationProposalAccepted', 'w-lotte', 'operator:demo'],
      ['AllocationProposalRefused', 'w-sanne', 'operator:demo'],
    ]);
    // As known right after the run was recorded: every proposal still open.
    const { body: atRecording } = await auditor.get(`/audit/allocation-runs/winter-1/as-of?knownAt=${entries[0].recordedAt}`).expect(200);
    expect(atRecording).toMatchObject({
      question: 'as_known_at',
      eventsReplayed: 1,
      state: { status: 'completed', runId: 'winter-1', decisions: {} },
    });
    // On a day in the closure: the proposals for that week, each with what was decided.
    const { body: onDay } = await auditor.get('/audit/allocation-runs/winter-1/as-of?on=2027-01-13').expect(200);
    expect(onDay.applies).toMatchObject({ week: '2027-01-11', inScope: true });
    const outcomes = (onDay.applies.proposals as { workerId: string; decision: { outcome: string } }[]).map((p) => [
      p.workerId,
      p.decision.outcome,
    ]);
    expect(outcomes.sort()).toEqual([
      ['w-ahmet', 'accepted'],
      ['w-daan', 'accepted'],
      ['w-lotte', 'accepted'],
      ['w-sanne', 'refused'],
    ]);
    // A diff is kept for contracts and placements only; an unknown run is a 404.
    await auditor.get(`/audit/allocation-runs/winter-1/diff?from=${entries[0].recordedAt}`).expect(422);
    await auditor.get('/audit/allocation-runs/no-such-run/history').expect(404);
    await caller(app, `demo-employer-${FACILITY}`).get('/audit/allocation-runs/winter-1/history').expect(403);
  });

  it('rejects the proposals of a run, with the reason', async () => {
    const rejected = await post('/allocation-runs/winter-2/rejection', { all: true, reason: 'Accepted from run winter-1 instead' });
    expect(rejected.body.events).toEqual(Array(4).fill('AllocationProposalRejected'));
    const recorded = await run('winter-2');
    for (const p of recorded.proposals.items)
      expect(p.decision).toEqual({ outcome: 'rejected', by: 'operator:demo', reason: 'Accepted from run winter-1 instead' });
  });

  it('never proposes a week in which the site is closed, even when the closure came after the request', async () => {
    await post('/capacity-requests', {
      requestId: 'enschede-january',
      employerId: FACILITY,
      siteId: 'enschede',
      functionName: 'schoonmaker',
      requiredSkill: 'cleaning',
      period: { from: '2026-12-28', to: '2027-01-24' },
      hoursPerWeek: 8,
      headcount: 1,
    });
    await post(`/employers/${FACILITY}/closures`, {
      siteId: 'enschede',
      period: { from: '2027-01-06', to: '2027-01-06' },
      reason: 'Inventory day',
    });
    await settle();
    await post('/allocation-runs', {
      runId: 'enschede-1',
      scope: { fromWeek: '2026-W53', toWeek: '2027-W03', requestIds: ['enschede-january'] },
    });
    const proposals: Proposal[] = (await run('enschede-1')).proposals.items;
    const weeks = proposals.flatMap((p) => p.weekStarts).sort();
    // Not the week of 4 January, which holds the closed day. The closure splits the request in two
    // runs, and each run would be a placement of its own: the engine gives the request's one place to
    // the longer, and nothing is cut after the solve.
    expect(weeks).toEqual(['2027-01-11', '2027-01-18']);
    expect((await run('enschede-1')).result).toMatchObject({ status: 'optimal' });
    expect((await run('enschede-1')).result).not.toHaveProperty('droppedOverPlaces');
    for (const p of proposals) expect(p.to < '2027-01-06' || p.from > '2027-01-06').toBe(true);
  });

  it('auditors read runs and write nothing; employers see none; bad input is a 4xx that records nothing', async () => {
    const auditor = caller(app, 'demo-auditor');
    await auditor.get('/allocation-runs/winter-1').expect(200);
    await auditor.post('/allocation-runs').send({ runId: 'by-auditor', scope: SCOPE }).expect(403);
    await caller(app, `demo-employer-${FACILITY}`).get('/allocation-runs/winter-1').expect(403);
    await operator.get('/allocation-runs/no-such-run').expect(404);
    const bad: [object, number][] = [
      [{ runId: 'bad-1', scope: { ...SCOPE, fromWeek: '2027-W13', toWeek: '2026-W45' } }, 400],
      [{ runId: 'bad-2', scope: { ...SCOPE, toWeek: '2027-W53' } }, 400],
      [{ runId: 'bad-3', scope: SCOPE, weights: { fill: -1 } }, 400],
      [{ runId: 'bad-4', scope: SCOPE, timeLimitSeconds: 600 }, 400],
      [{ runId: 'bad-5', scope: SCOPE, surprise: true }, 400],
      [{ runId: 'winter-1', scope: SCOPE }, 409],
    ];
    for (const [body, status] of bad) await post('/allocation-runs', body, status);
    await post('/allocation-runs/winter-1/acceptance', {}, 400);
    await post('/allocation-runs/winter-1/acceptance', { all: true }, 400); // the step is the operator's choice, never a silent 0
    await post('/allocation-runs/winter-1/acceptance', { all: true, proposalIds: ['x'], step: 0 }, 400);
    await post('/allocation-runs/winter-1/acceptance', { proposalIds: ['no-such-proposal'], step: 0 }, 404);
    await post('/allocation-runs/no-such-run/rejection', { all: true, reason: 'No such run' }, 404);
    const stale = await operator.post('/allocation-runs/winter-1/acceptance').set('If-Match', '"0"').send({ all: true, step: 0 });
    expect(stale.status).toBe(409);
    for (const runId of ['bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5']) await operator.get(`/allocation-runs/${runId}`).expect(404);
  });

  it('an acceptance cut short after proposing the placement carries on from there when retried', async () => {
    // Same input as enschede-1, so the same proposal; its placement id is the run's own.
    await post('/allocation-runs', {
      runId: 'enschede-2',
      scope: { fromWeek: '2026-W53', toWeek: '2027-W03', requestIds: ['enschede-january'] },
    });
    const [proposal]: Proposal[] = (await run('enschede-2')).proposals.items;
    const { from, to, workerId, employerId, siteId, hoursPerWeek } = proposal;
    await post('/placements', {
      placementId: 'enschede-2.p1',
      workerId,
      employerId,
      capacityRequestId: 'enschede-january',
      siteId,
      functionName: 'schoonmaker',
      legalForm: 'payroll',
      hoursPerWeek,
      period: { from, to },
    });
    const retried = await post('/allocation-runs/enschede-2/acceptance', { all: true, step: 0 });
    expect(retried.body).toMatchObject({ accepted: [{ proposalId: proposal.proposalId, placementId: 'enschede-2.p1' }], refused: [] });
    expect(await get('/placements/enschede-2.p1')).toMatchObject({ status: 'confirmed' });
  });

  it('an acceptance and a rejection of the same run at once: one decision per proposal, and no placement stands for one not accepted', async () => {
    const [proposal]: Proposal[] = (await run('enschede-1')).proposals.items;
    const answers = await Promise.all([
      operator.post('/allocation-runs/enschede-1/acceptance').send({ all: true, step: 0 }),
      operator.post('/allocation-runs/enschede-1/rejection').send({ all: true, reason: 'Planned by hand' }),
    ]);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    await settle();
    const decided: Proposal = (await run('enschede-1')).proposals.items[0];
    expect(['accepted', 'rejected', 'refused']).toContain(decided.decision.outcome);
    const placement = await operator.get('/placements/enschede-1.p1');
    if (decided.decision.outcome === 'accepted') expect(placement.body).toMatchObject({ status: 'confirmed' });
    else expect(placement.status === 404 || placement.body.status === 'withdrawn').toBe(true);
    expect(decided.proposalId).toBe(proposal.proposalId);
  });
});
