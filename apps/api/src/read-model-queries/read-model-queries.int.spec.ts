import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@banenpool/platform';
import request from 'supertest';
import { AppModule } from '../app.module.js';
import { configureHttpApp } from '../http/configure-http-app.js';
import { ReadModelQueriesModule } from './read-model-queries.module.js';

const caoContent = (scales: Record<string, number[]>) => ({
  wageScales: scales,
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

/** The read-model queries over HTTP: roles, employer scoping, validation, read-your-writes. */
describe('read-model queries over HTTP', () => {
  let app: INestApplication;
  let position = '';
  const as = (key: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${key}`),
    put: (path: string) => request(app.getHttpServer()).put(path).set('Authorization', `Bearer ${key}`),
  });
  const operator = as('demo-operator');
  const auditor = as('demo-auditor');
  const park = as('demo-employer-waarbeek');
  const facility = as('demo-employer-visschedijk');

  const command = async (path: string, body: object, by = operator) => {
    const response = await by.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    if (response.body.position) position = response.body.position;
  };
  /** A placement's week: Monday and Tuesday worked, Wednesday sick (8 h each), registered and submitted by an operator, approved by its hirer. */
  const approvedWeek = async (id: string, days: string[], hirer: ReturnType<typeof as>) => {
    const lines = days.map((day, i) => ({ day, start: '08:00', end: '16:30', breakMinutes: 30, hourType: i === 2 ? 'sick' : 'normal' }));
    const steps = [
      () => operator.put(`/timesheets/${id}/hours`).send({ lines }).expect(200),
      () => operator.post(`/timesheets/${id}/submission`).expect(201),
      () => hirer.post(`/timesheets/${id}/approval`).expect(201),
    ];
    for (const step of steps) position = (await step()).body.position;
  };
  /** A GET that includes every command so far, and what the placement process did because of them. */
  const read = (path: string, by = operator) => by.get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${position}`);
  const placement = (
    placementId: string,
    workerId: string,
    employerId: string,
    siteId: string,
    functionName: string,
    from: string,
    to: string,
    extra: object = {},
  ) =>
    command('/placements', {
      placementId,
      workerId,
      employerId,
      siteId,
      functionName,
      legalForm: 'payroll',
      hoursPerWeek: 24,
      period: { from, to },
      ...extra,
    });

  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config), ReadModelQueriesModule] }).compile();
    app = moduleRef.createNestApplication();
    configureHttpApp(app);
    await app.init();

    await command('/caos', { code: 'recreatie', name: 'CAO Recreatie (illustrative)' });
    await command('/caos/recreatie/versions', { effectiveFrom: '2026-01-01', content: caoContent({ A: [1480, 1512] }) });
    await command('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await command('/caos/schoonmaak/versions', { effectiveFrom: '2026-01-01', content: caoContent({ A: [1525, 1598] }) });
    for (const [employerId, name, caoCode, siteId, functionName] of [
      ['waarbeek', 'De Waarbeek', 'recreatie', 'park', 'attractiemedewerker'],
      ['visschedijk', 'Visschedijk Facilitair', 'schoonmaak', 'hengelo', 'schoonmaker'],
    ]) {
      await command('/employers', { employerId, name, memberFrom: '2026-01-01' });
      await command(`/employers/${employerId}/cao-applications`, { caoCode, from: '2026-01-01' });
      await command(`/employers/${employerId}/sites`, { siteId, name: siteId, area: 'hengelo' });
      await command(`/employers/${employerId}/function-classifications`, { functionName, scale: 'A', from: '2026-01-01' });
    }
    await command('/employers/waarbeek/closures', {
      siteId: 'park',
      period: { from: '2026-11-01', to: '2027-03-31' },
      reason: 'Winter closure',
    });
    for (const [workerId, name, inRegister] of [
      ['anna', 'Anna de Vries', true],
      ['dewi', 'Dewi Pranoto', false],
    ] as const) {
      await command('/workers', {
        workerId,
        name,
        birthDate: '1995-03-02',
        homeArea: 'hengelo',
        skills: ['cleaning', 'attractions'],
        availability: { hoursPerWeek: 40 },
        targetGroup: { inRegister },
      });
      await command(`/workers/${workerId}/contracts`, {
        contractId: 'c1',
        kind: 'indefinite',
        from: '2026-03-01',
        guaranteedHoursPerWeek: 24,
        maxHoursPerWeek: 32,
      });
      await placement(`${workerId}-park`, workerId, 'waarbeek', 'park', 'attractiemedewerker', '2026-04-01', '2026-10-31');
      await command(`/placements/${workerId}-park/confirmation`, { step: 1 });
    }
    await command(
      '/capacity-requests',
      {
        requestId: 'vd-winter',
        employerId: 'visschedijk',
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        requiredSkill: 'cleaning',
        period: { from: '2026-11-02', to: '2027-03-28' },
        hoursPerWeek: 24,
        headcount: 2,
      },
      facility,
    );
    await placement('anna-winter', 'anna', 'visschedijk', 'hengelo', 'schoonmaker', '2026-11-02', '2027-03-28', {
      capacityRequestId: 'vd-winter',
    });
    await command('/placements/anna-winter/confirmation', { step: 1 });
  });
  afterAll(() => app?.close());

  it('shows the board, with employers limited to their own placements', async () => {
    const board = await read('/board?fromWeek=2026-W44&toWeek=2026-W45&purpose=pool_operations')
      .expect(200)
      .expect('X-Consistency', 'reached');
    expect(
      board.body.items.map(
        (i: { week: string; workerId: string; placements: { placementId: string }[] }) =>
          `${i.week} ${i.workerId} ${i.placements[0].placementId}`,
      ),
    ).toEqual(['2026-W44 anna anna-park', '2026-W44 dewi dewi-park', '2026-W45 anna anna-winter']);
    // Confirmed before the minimum wage from July 2026 on was published: the board shows the agreed scale and step, no first-day wage.
    expect(board.body.items[2].placements[0]).toMatchObject({ hourlyCents: null, cao: { code: 'schoonmaak', scale: 'A', step: 1 } });
    expect(board.body.items[0].placements[0]).toMatchObject({ hourlyCents: 1512, wageBasis: 'cao', cao: { code: 'recreatie', step: 1 } });
    expect(board.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    // The total counts every (week, worker) item, not the page's, also on a last page and past the end.
    const weeks = '/board?fromWeek=2026-W44&toWeek=2026-W45&purpose=pool_operations';
    expect((await read(`${weeks}&limit=2&offset=2`).expect(200)).body).toMatchObject({ total: 3, items: [{ workerId: 'anna' }] });
    expect((await read(`${weeks}&limit=2&offset=5`).expect(200)).body).toEqual({ items: [], total: 3, limit: 2, offset: 5 });

    const own = await read('/board?fromWeek=2026-W44&toWeek=2026-W45', park).expect(200);
    expect(own.body.items.map((i: { placements: { employerId: string }[] }) => i.placements[0].employerId)).toEqual([
      'waarbeek',
      'waarbeek',
    ]);
    await read('/board?employerId=visschedijk', park).expect(403);
    await read('/board?fromWeek=2026-W44&skill=attractions&siteId=park&limit=1&offset=1&purpose=payroll_audit', auditor).expect(200);
  });

  it('shows capacity gaps filled by the placement process, scoped to the employer', async () => {
    const gaps = await read('/capacity-gaps?requestId=vd-winter&fromWeek=2026-W45&toWeek=2026-W45', facility).expect(200);
    expect(gaps.body.items).toMatchObject([
      {
        week: '2026-W45',
        asked: { headcount: 2, hours: 48 },
        filled: { headcount: 1, hours: 24, placementIds: ['anna-winter'] },
        open: { headcount: 1, hours: 24 },
      },
    ]);
    expect((await read('/capacity-gaps?openOnly=true', park).expect(200)).body.total).toBe(0);
    await read('/capacity-gaps?employerId=visschedijk', park).expect(403);
  });

  it('shows worker hours, released workers and upcoming ends to pool staff only', async () => {
    const hours = await read('/worker-hours?workerId=dewi&fromWeek=2026-W45&toWeek=2026-W46').expect(200);
    expect(hours.body.items.map((w: { week: string; shortfallHours: number }) => `${w.week} ${w.shortfallHours}`)).toEqual([
      '2026-W45 24',
      '2026-W46 24',
    ]);
    const released = await read('/released-workers?from=2026-11-02&to=2027-03-28', auditor).expect(200);
    expect(released.body.items).toMatchObject([
      { workerId: 'dewi', uncoveredHours: 21 * 24, releases: [{ cause: 'site_closure', placementId: 'dewi-park' }] },
    ]);
    const ends = await read('/upcoming-ends?asOf=2026-10-01&horizonMonths=1').expect(200);
    expect(ends.body.items.map((e: { placementId: string }) => e.placementId)).toEqual(['dewi-park']);
    for (const path of ['/worker-hours', '/released-workers', '/upcoming-ends', '/banenafspraak', '/banenafspraak/quarters'])
      await read(path, facility).expect(403);
    await read('/upcoming-ends').expect(200);
    await read('/worker-hours').expect(200);
    await read('/released-workers').expect(200);
  });

  it('gives an employer its own view and nobody else’s', async () => {
    const view = await read('/employer-views/visschedijk?fromWeek=2026-W45&toWeek=2026-W45', facility).expect(200);
    expect(view.body).toMatchObject({
      employerId: 'visschedijk',
      requests: { open: 1, openPlaces: 1 },
      placements: { confirmed: 1 },
      hoursByWeek: [{ week: '2026-W45', hours: 24, workers: 1 }],
    });
    expect(
      (await read('/employer-views/visschedijk/placements?status=confirmed', facility).expect(200)).body.items.map(
        (p: { placementId: string }) => p.placementId,
      ),
    ).toEqual(['anna-winter']);
    expect((await read('/employer-views/visschedijk/requests', auditor).expect(200)).body.total).toBe(1);
    await read('/employer-views/visschedijk', park).expect(403);
    await read('/employer-views/visschedijk/placements', park).expect(403);
    await read('/employer-views/nobody').expect(404);
  });

  it('attributes the approved hours of target-group workers to the hirer, for operators and auditors', async () => {
    // Planned hours count for nothing until the hirer approves them.
    expect((await read('/banenafspraak', auditor).expect(200)).body.total).toBe(0);
    // Anna (in the register) and Dewi (not): a week each at the park, approved by De Waarbeek; Anna's first winter week at Visschedijk.
    await approvedWeek('anna-park-2026-W44', ['2026-10-26', '2026-10-27', '2026-10-28'], park);
    await approvedWeek('dewi-park-2026-W44', ['2026-10-26', '2026-10-27', '2026-10-28'], park);
    await approvedWeek('anna-winter-2026-W45', ['2026-11-02', '2026-11-03', '2026-11-04'], facility);

    const weeks = await read('/banenafspraak?hirerId=visschedijk&fromWeek=2026-W45&toWeek=2026-W45', auditor).expect(200);
    // Her sick Wednesday is paid, so it counts.
    expect(weeks.body.items).toEqual([
      { hirerId: 'visschedijk', period: '2026-W45', weekStart: '2026-11-02', weeks: 1, hours: '24.00', jobs: '0.94', workers: 1 },
    ]);
    const quarters = await read('/banenafspraak/quarters?fromQuarter=2026-Q4&toQuarter=2026-Q4').expect(200);
    // 24 h over the 14 weeks of Q4 2026: 0.07 jobs; Dewi's hours do not count.
    expect(
      quarters.body.items.map(
        (q: { hirerId: string; hours: string; jobs: string; workers: number }) => `${q.hirerId} ${q.hours} ${q.jobs} ${q.workers}`,
      ),
    ).toEqual(['visschedijk 24.00 0.07 1', 'waarbeek 24.00 0.07 1']);
    const dewi = await read('/worker-hours?workerId=dewi&fromWeek=2026-W44&toWeek=2026-W45').expect(200);
    expect(
      dewi.body.items.map(
        (w: { week: string; placedHours: number; approvedHours: number | null }) => `${w.week} ${w.placedHours} ${w.approvedHours}`,
      ),
    ).toEqual(['2026-W44 24 24', '2026-W45 0 null']);
  });

  it.each([
    '/board?fromWeek=2026-W54&purpose=pool_operations',
    '/board?fromWeek=2025-W53&purpose=pool_operations',
    '/board?fromWeek=2026-45&purpose=pool_operations',
    '/board?fromWeek=2026-W46&toWeek=2026-W45&purpose=pool_operations',
    '/board?limit=0&purpose=pool_operations',
    '/board?limit=abc&purpose=pool_operations',
    '/board?limit=501&purpose=pool_operations',
    '/board?offset=-1&purpose=pool_operations',
    '/board?employerId=no%20spaces&purpose=pool_operations',
    '/board?skill=&purpose=pool_operations',
    '/board?unknown=1&purpose=pool_operations',
    '/board?employerId=a&employerId=b&purpose=pool_operations',
    '/board?limit=1&limit=2&purpose=pool_operations',
    '/capacity-gaps?openOnly=maybe',
    '/worker-hours?fromWeek=2026-W01&toWeek=2028-W30',
    '/worker-hours?shortfallOnly=2',
    '/released-workers?from=2026-02-30',
    '/released-workers?from=2027-01-01&to=2026-12-31',
    '/released-workers?from=2026-01-01&to=2029-01-01',
    '/upcoming-ends?horizonMonths=0',
    '/upcoming-ends?horizonMonths=1.5',
    '/upcoming-ends?asOf=tomorrow',
    '/employer-views/visschedijk?fromWeek=2026-W99',
    '/employer-views/visschedijk/placements?status=lost',
    '/banenafspraak/quarters?fromQuarter=2026-Q5',
    '/banenafspraak/quarters?fromQuarter=2027-Q1&toQuarter=2026-Q4',
    '/banenafspraak?waitFor=not-a-position',
  ])('refuses bad query input with a 400 problem: %s', async (path) => {
    const response = await operator.get(path).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
