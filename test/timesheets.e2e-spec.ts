import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/**
 * Timesheets over HTTP: hours registered per placement and ISO week, submitted, and approved or
 * rejected by the placement's own hirer (or an operator on its behalf). Anna works for two hirers
 * from 2027-01-06: Visschedijk (cleaning) and De Waarbeek (park); Bram for Visschedijk only.
 * 2027-W03 runs from Monday 18 January; Visschedijk's site is closed in 2027-W07 (15–21 February).
 */
describe('timesheets over HTTP', () => {
  let app: INestApplication;
  let lastPosition = '';
  const operator = () => caller(app, 'demo-operator');
  const visschedijk = () => caller(app, 'demo-employer-visschedijk');
  const waarbeek = () => caller(app, 'demo-employer-waarbeek');
  const auditor = () => caller(app, 'demo-auditor');

  const expectStatus = async (request: Promise<{ status: number; body: { position?: string } }>, status: number) => {
    const response = await request;
    if (response.status !== status) expect({ status: response.status, body: response.body }).toEqual({ status });
    if (response.body.position) lastPosition = response.body.position;
    return response.body as { events?: string[]; version?: number; code?: string; detail?: string; status?: number };
  };
  const post = (path: string, body: object) => expectStatus(operator().post(path).send(body), 201);

  const line = (day: string, start = '08:00', end = '16:30', breakMinutes = 30, hourType = 'normal') => ({
    day,
    start,
    end,
    breakMinutes,
    hourType,
  });
  /** Full days on these dates, 08:00–16:30 with a half-hour break: 8 h each. */
  const workWeek = (...days: string[]) => days.map((day) => line(day));
  const W03 = ['2027-01-18', '2027-01-19', '2027-01-20', '2027-01-21', '2027-01-22'];
  const W04 = ['2027-01-25', '2027-01-26', '2027-01-27', '2027-01-28', '2027-01-29'];
  const W05 = ['2027-02-01', '2027-02-02', '2027-02-03'];

  const sheet = async (id: string, as = operator()) => (await as.get(`/timesheets/${id}`).expect(200)).body;
  const list = async (query: string, as = operator()) =>
    (await as.get(`/timesheets?${query}${query ? '&' : ''}waitFor=${lastPosition}`).expect(200)).body as {
      items: { timesheetId: string; status: string; employerId: string }[];
      total: number;
    };

  beforeAll(async () => {
    app = await startTestApi();
    await post('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await post('/caos/schoonmaak/versions', {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1600] },
        surcharges: { timeBands: [], publicHolidayBp: 10000 },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 38,
        seasonalClause: false,
        illustrative: true,
      },
    });
    for (const [employerId, siteId] of [
      ['visschedijk', 'hengelo'],
      ['waarbeek', 'park'],
    ]) {
      await post('/employers', { employerId, name: employerId, memberFrom: '2026-01-01' });
      await post(`/employers/${employerId}/cao-applications`, { caoCode: 'schoonmaak', from: '2026-01-01' });
      await post(`/employers/${employerId}/sites`, { siteId, name: siteId, area: 'hengelo' });
      await post(`/employers/${employerId}/function-classifications`, { functionName: 'schoonmaker', scale: 'A', from: '2026-01-01' });
    }
    for (const workerId of ['anna', 'bram']) {
      await post('/workers', {
        workerId,
        name: workerId,
        birthDate: '1990-05-01',
        homeArea: 'hengelo',
        skills: ['cleaning'],
        availability: { hoursPerWeek: 48 },
      });
      await post(`/workers/${workerId}/contracts`, {
        contractId: 'c1',
        kind: 'indefinite',
        from: '2026-06-01',
        guaranteedHoursPerWeek: 8,
        maxHoursPerWeek: 48,
      });
    }
    const place = async (placementId: string, workerId: string, employerId: string, siteId: string, hoursPerWeek: number) => {
      await post('/placements', {
        placementId,
        workerId,
        employerId,
        siteId,
        functionName: 'schoonmaker',
        legalForm: 'payroll',
        hoursPerWeek,
        period: { from: '2027-01-06', to: '2027-03-28' },
      });
      await post(`/placements/${placementId}/confirmation`, { step: 0 });
    };
    await place('anna-vd', 'anna', 'visschedijk', 'hengelo', 24);
    await place('anna-wb', 'anna', 'waarbeek', 'park', 16);
    await place('bram-vd', 'bram', 'visschedijk', 'hengelo', 24);
    // Declared after the placements were confirmed (confirming into a closure is refused): their days then are closed.
    await post('/employers/visschedijk/closures', {
      siteId: 'hengelo',
      period: { from: '2027-02-15', to: '2027-02-21' },
      reason: 'Maintenance',
    });
    await post('/placements', {
      placementId: 'bram-proposed',
      workerId: 'bram',
      employerId: 'waarbeek',
      siteId: 'park',
      functionName: 'schoonmaker',
      legalForm: 'payroll',
      hoursPerWeek: 8,
      period: { from: '2027-01-06', to: '2027-03-28' },
    });
    // The placement process commits the worker's hours: from then on the worker's sheets at every hirer count together.
    await operator().get(`/workers/anna?waitFor=${lastPosition}&purpose=pool_operations`).expect(200);
    for (let attempt = 0; (await sheetCommitments('anna')) < 2; attempt++) {
      if (attempt > 100) throw new Error('The placement process did not commit Anna’s hours');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(() => app?.close());

  const sheetCommitments = async (workerId: string) =>
    ((await operator().get(`/workers/${workerId}?purpose=pool_operations`).expect(200)).body as { commitments: unknown[] }).commitments
      .length;

  it('registers, submits and approves by the placement’s own hirer', async () => {
    const hours = await expectStatus(
      visschedijk()
        .put('/timesheets/anna-vd-2027-W03/hours')
        .send({ lines: workWeek(...W03) }),
      200,
    );
    expect(hours).toMatchObject({ streamId: 'timesheet-anna-vd-2027-W03', version: 0, events: ['HoursRegistered'] });
    // A draft is registered again, replacing its lines.
    const again = await expectStatus(
      visschedijk()
        .put('/timesheets/anna-vd-2027-W03/hours')
        .send({ lines: [...workWeek(...W03), { ...line('2027-01-23', '09:00', '13:00', 0, 'overtime'), remark: 'Stocktaking' }] }),
      200,
    );
    expect(again).toMatchObject({ version: 1, events: ['HoursRegistered'] });
    await expectStatus(visschedijk().post('/timesheets/anna-vd-2027-W03/submission'), 201);
    const approved = await expectStatus(visschedijk().post('/timesheets/anna-vd-2027-W03/approval'), 201);
    expect(approved).toMatchObject({ version: 3, events: ['TimesheetApproved'] });

    const response = await visschedijk().get('/timesheets/anna-vd-2027-W03').expect(200);
    expect(response.headers.etag).toBe('"3"');
    expect(response.body).toMatchObject({
      timesheetId: 'anna-vd-2027-W03',
      placementId: 'anna-vd',
      workerId: 'anna',
      employerId: 'visschedijk',
      week: '2027-W03',
      status: 'approved',
      version: 3,
      approved: { approvedVersion: 1, by: 'employer:demo@visschedijk' },
    });
    expect(response.body.approved.lines).toHaveLength(6);
    expect(response.body.approved.onBehalfOf).toBeUndefined();
    expect((await list('workerId=anna')).items).toEqual([
      expect.objectContaining({
        timesheetId: 'anna-vd-2027-W03',
        status: 'approved',
        approved: expect.objectContaining({ approvedVersion: 1 }),
      }),
    ]);
  });

  it('takes a rejection with its reason, then a correction, then an operator’s approval on the hirer’s behalf', async () => {
    await expectStatus(
      operator()
        .put('/timesheets/anna-vd-2027-W04/hours')
        .send({ lines: workWeek(...W04) }),
      200,
    );
    await expectStatus(operator().post('/timesheets/anna-vd-2027-W04/submission'), 201);
    await expectStatus(visschedijk().post('/timesheets/anna-vd-2027-W04/rejection').send({ reason: 'Wednesday was a sick day' }), 201);
    expect(await sheet('anna-vd-2027-W04')).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'Wednesday was a sick day', by: 'employer:demo@visschedijk' },
    });
    // A rejected sheet is answered by a correction, not by approving it.
    expect(await expectStatus(operator().post('/timesheets/anna-vd-2027-W04/approval'), 409)).toMatchObject({
      code: 'timesheet_not_submitted',
    });
    const corrected = workWeek(...W04).map((l) => (l.day === '2027-01-27' ? { ...l, hourType: 'sick' } : l));
    const correction = await expectStatus(
      visschedijk().post('/timesheets/anna-vd-2027-W04/corrections').send({ lines: corrected, reason: 'Wednesday sick' }),
      201,
    );
    expect(correction.events).toEqual(['TimesheetCorrected']);
    await expectStatus(operator().post('/timesheets/anna-vd-2027-W04/approval'), 201);
    const body = await sheet('anna-vd-2027-W04');
    expect(body).toMatchObject({ status: 'approved', approved: { approvedVersion: 1, by: 'operator:demo', onBehalfOf: 'visschedijk' } });
    expect(body.approved.lines.map((l: { hourType: string }) => l.hourType)).toEqual(['normal', 'normal', 'sick', 'normal', 'normal']);
    expect(body.rejection).toBeUndefined();
  });

  it('lets another employer neither see nor decide on a hirer’s sheets', async () => {
    await expectStatus(
      operator()
        .put('/timesheets/bram-vd-2027-W03/hours')
        .send({ lines: workWeek(...W03) }),
      200,
    );
    await expectStatus(operator().post('/timesheets/bram-vd-2027-W03/submission'), 201);
    const before = (await sheet('bram-vd-2027-W03')).version;
    await waarbeek().get('/timesheets/bram-vd-2027-W03').expect(403);
    await waarbeek().post('/timesheets/bram-vd-2027-W03/approval').expect(403);
    await waarbeek().post('/timesheets/bram-vd-2027-W03/rejection').send({ reason: 'Not ours to judge' }).expect(403);
    await waarbeek().post('/timesheets/bram-vd-2027-W03/corrections').send({ lines: [], reason: 'Not ours' }).expect(403);
    await waarbeek().put('/timesheets/bram-vd-2027-W04/hours').send({ lines: [] }).expect(403);
    await waarbeek().post('/timesheets/bram-vd-2027-W03/submission').expect(403);
    // Even with the right version as If-Match: access is judged first.
    await waarbeek().post('/timesheets/bram-vd-2027-W03/approval').set('If-Match', `"${before}"`).expect(403);
    await waarbeek().post('/timesheets/approvals').send({ employerId: 'visschedijk', week: '2027-W03' }).expect(403);
    await waarbeek().get(`/timesheets?employerId=visschedijk&waitFor=${lastPosition}`).expect(403);
    expect(await list('', waarbeek())).toEqual(expect.objectContaining({ items: [], total: 0 }));
    expect((await list('', visschedijk())).items.map((i) => i.timesheetId)).toEqual([
      'anna-vd-2027-W03',
      'bram-vd-2027-W03',
      'anna-vd-2027-W04',
    ]);
    // Auditors read, and only read.
    expect((await sheet('bram-vd-2027-W03', auditor())).status).toBe('submitted');
    await auditor().post('/timesheets/bram-vd-2027-W03/approval').expect(403);
    expect((await sheet('bram-vd-2027-W03')).version).toBe(before);
  });

  it('approves a hirer’s submitted sheets of a week in one go', async () => {
    for (const placementId of ['anna-vd', 'bram-vd']) {
      await expectStatus(
        visschedijk()
          .put(`/timesheets/${placementId}-2027-W05/hours`)
          .send({ lines: workWeek(...W05) }),
        200,
      );
    }
    await expectStatus(visschedijk().post('/timesheets/anna-vd-2027-W05/submission'), 201);
    await expectStatus(
      visschedijk().post('/timesheets/approvals').set('If-Match', '"1"').send({ employerId: 'visschedijk', week: '2027-W05' }),
      400,
    );
    const answer = await expectStatus(
      visschedijk().post('/timesheets/approvals').send({ employerId: 'visschedijk', week: '2027-W05' }),
      201,
    );
    // Bram's sheet is still a draft: not approved, not refused either, as it was never submitted.
    expect(answer).toEqual({
      employerId: 'visschedijk',
      week: '2027-W05',
      consistency: 'reached',
      accepted: [{ timesheetId: 'anna-vd-2027-W05', version: 2 }],
      refused: [],
      position: expect.any(String),
    });
    expect((await sheet('anna-vd-2027-W05')).approved).toEqual(
      expect.objectContaining({ by: 'employer:demo@visschedijk', approvedVersion: 1 }),
    );
    expect((await sheet('bram-vd-2027-W05')).status).toBe('draft');
    expect(
      await expectStatus(operator().post('/timesheets/approvals').send({ employerId: 'visschedijk', week: '2027-W05' }), 201),
    ).toMatchObject({
      accepted: [],
      refused: [],
    });
    expect((await list('status=approved&weekFrom=2027-W05&weekTo=2027-W05')).items.map((i) => i.timesheetId)).toEqual(['anna-vd-2027-W05']);
  });

  it('judges the Working Hours Act on the registered hours of all the worker’s hirers', async () => {
    // Anna works 8 h at Visschedijk on Monday 18 January (approved above): 6 more at the park makes 14 h.
    const refused = await expectStatus(
      waarbeek()
        .put('/timesheets/anna-wb-2027-W03/hours')
        .send({ lines: [line('2027-01-18', '17:00', '23:00', 0)] }),
      422,
    );
    expect(refused).toMatchObject({ code: 'shift_limit_exceeded' });
    expect(refused.detail).toMatch(/14 h \(8 h on other timesheets \+ 6 h on this timesheet\)/);
    await waarbeek().get('/timesheets/anna-wb-2027-W03').expect(404);
    // Saturday afternoon is free: Visschedijk's overtime ends at 13:00 (12 h that day in all).
    await expectStatus(
      waarbeek()
        .put('/timesheets/anna-wb-2027-W03/hours')
        .send({ lines: [line('2027-01-23', '14:00', '22:00', 0)] }),
      200,
    );
    // The park's 22:00 end leaves her 7 h of rest before a Sunday shift from 05:00 at Visschedijk: less than even the shortened 8 h.
    const rest = await expectStatus(
      visschedijk()
        .post('/timesheets/anna-vd-2027-W03/corrections')
        .send({ lines: [...workWeek(...W03), line('2027-01-24', '05:00', '09:00', 0)], reason: 'Sunday shift' }),
      422,
    );
    expect(rest.code).toBe('daily_rest_too_short');
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const version = (await sheet('bram-vd-2027-W05')).version;
    const register = (lines: unknown, week = '2027-W05') => visschedijk().put(`/timesheets/bram-vd-${week}/hours`).send({ lines });
    // The placement starts on Wednesday 6 January, in week 2027-W01.
    expect(await expectStatus(register([line('2027-01-05')], '2027-W01'), 422)).toMatchObject({ code: 'day_outside_placement' });
    await operator().get('/timesheets/bram-vd-2027-W01').expect(404);
    const refusals: [string, unknown, number, string?][] = [
      ['a day outside the week', [line('2027-02-08')], 422, 'day_outside_week'],
      ['an end before the start', [line('2027-02-01', '16:00', '08:00')], 422, 'line_ends_before_start'],
      ['25:00', [line('2027-02-01', '08:00', '25:00')], 400],
      ['a start at 24:00', [line('2027-02-01', '24:00', '24:00')], 400],
      ['a negative break', [line('2027-02-01', '08:00', '16:00', -30)], 400],
      ['a break as long as the line', [line('2027-02-01', '08:00', '09:00', 60)], 422, 'break_too_long'],
      ['an unknown hour type', [line('2027-02-01', '08:00', '16:00', 0, 'bonus')], 400],
      ['overlapping lines', [line('2027-02-01'), line('2027-02-01', '12:00', '14:00', 0)], 422, 'lines_overlap'],
      ['71 lines', Array.from({ length: 71 }, () => line('2027-02-01')), 400],
      ['a blank remark', [{ ...line('2027-02-01'), remark: '   ' }], 400],
    ];
    for (const [what, lines, status, code] of refusals) {
      const body = await expectStatus(register(lines), status);
      expect({ what, code: body.code }).toEqual({ what, code });
    }
    // 10,000 lines are far over the body limit: refused before they are even parsed.
    const huge = await register(Array.from({ length: 10_000 }, () => line('2027-02-01')));
    expect({ status: huge.status, problem: huge.body.status }).toEqual({ status: 413, problem: 413 });
    // The site's closure, and a placement that was only proposed.
    expect(await expectStatus(register([line('2027-02-16')], '2027-W07'), 422)).toMatchObject({ code: 'site_closed' });
    expect(await expectStatus(operator().put('/timesheets/bram-proposed-2027-W05/hours').send({ lines: [] }), 422)).toMatchObject({
      code: 'placement_not_confirmed',
    });
    await operator().put('/timesheets/nobody-2027-W05/hours').send({ lines: [] }).expect(404);
    await operator().put('/timesheets/bram-vd-2027-W54/hours').send({ lines: [] }).expect(400);
    await operator().put('/timesheets/bram-vd/hours').send({ lines: [] }).expect(400);
    await operator().post('/timesheets/bram-vd-2027-W05/rejection').send({ reason: '' }).expect(400);
    // Submitting a draft twice, or approving it, is a conflict with its state.
    expect(await expectStatus(operator().post('/timesheets/bram-vd-2027-W05/approval'), 409)).toMatchObject({
      code: 'timesheet_not_submitted',
    });
    expect((await sheet('bram-vd-2027-W05')).version).toBe(version);
    await operator().get('/timesheets/bram-vd-2027-W07').expect(404);
    await operator().get('/timesheets/bram-proposed-2027-W05').expect(404);
    await operator().get('/timesheets?weekFrom=2027-W05&weekTo=2027-W04').expect(400);
    await operator().get('/timesheets?status=paid').expect(400);
  });

  it('gives 20 concurrent approvals, and 20 concurrent corrections with one If-Match, one winner each', async () => {
    await expectStatus(operator().post('/timesheets/bram-vd-2027-W05/submission'), 201);
    const submitted = (await sheet('bram-vd-2027-W05')).version as number;
    const approvals = await Promise.all(Array.from({ length: 20 }, () => visschedijk().post('/timesheets/bram-vd-2027-W05/approval')));
    expect(approvals.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    const approved = await sheet('bram-vd-2027-W05');
    expect(approved).toMatchObject({ version: submitted + 1, status: 'approved', approved: { approvedVersion: 1 } });

    const corrections = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        visschedijk()
          .post('/timesheets/bram-vd-2027-W05/corrections')
          .set('If-Match', `"${approved.version}"`)
          .send({ lines: [line('2027-02-01', '08:00', `${String(9 + (i % 8)).padStart(2, '0')}:00`, 0)], reason: `Correction ${i}` }),
      ),
    );
    expect(corrections.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(await sheet('bram-vd-2027-W05')).toMatchObject({ version: approved.version + 1, status: 'submitted', corrections: 1 });
    // The approval that was paid stays while the correction awaits the hirer.
    expect((await sheet('bram-vd-2027-W05')).approved).toMatchObject({ approvedVersion: 1 });
  });
});
