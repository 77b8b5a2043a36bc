import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import {
  addWorkingWorker,
  buildPayrollWorld,
  daysOfWeek,
  fourWeekPeriod,
  hoursLine,
  timesheetIdOf,
  type PoolHttp,
} from './support/payroll-world.js';

// Erasure must not cut payroll short (ADR 0021): a pay run leaves an erased worker out (no birth
// date, no age), so a worker whose last hours are approved but not paid by a finalized run, or whose
// contract's last day falls in a period not finalized, cannot be erased yet.

const P02 = fourWeekPeriod('2026-P02');
const WORKER = 'w-unpaid';
const PLACEMENT = 'w-unpaid-visschedijk';
const HIRER = 'visschedijk';
const SHEET = timesheetIdOf(PLACEMENT, P02.weeks[0]);

/** Our worker: a contract and a placement in 2026-P02, one week of hours approved before the run. */
async function joinAndWork(http: PoolHttp) {
  const [monday, tuesday] = daysOfWeek(P02.weeks[0]);
  await addWorkingWorker(http, {
    workerId: WORKER,
    birthDate: '1979-02-14',
    contractFrom: P02.from,
    placement: { placementId: PLACEMENT, employerId: HIRER, from: P02.from, to: P02.to, step: 0 },
    week: P02.weeks[0],
    hours: [hoursLine(monday, '08:00', '14:00'), hoursLine(tuesday, '08:00', '12:00')],
  });
}

describe('erasure while pay may still be owed (409 worker_has_unpaid_hours)', () => {
  let app: INestApplication;
  let http: PoolHttp;

  beforeAll(async () => {
    app = await startTestApi();
    // The run of 2026-P02 is calculated (it pays our sheet) but left open: nothing is locked yet.
    ({ http } = await buildPayrollWorld(app, { periods: [P02.id], weeksPerPeriod: 1, leaveLastOpen: true, beforePayRuns: joinAndWork }));
    await http.post(`/workers/${WORKER}/contracts/c1/end`, { lastDay: P02.to, reason: 'Left the pool' });
  }, 240_000);
  afterAll(() => app?.close());

  it('refuses while the approved sheet is paid by no finalized run, naming the sheet and the period', async () => {
    const refused = await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' }, undefined, 409);
    expect(refused).toMatchObject({ code: 'worker_has_unpaid_hours' });
    expect(JSON.stringify(refused)).toContain(SHEET);
    expect(JSON.stringify(refused)).toContain(`pay period ${P02.id}`);
    const worker = await http.read(`/workers/${WORKER}?purpose=pool_operations`);
    expect(worker).toMatchObject({ workerId: WORKER, name: WORKER }); // nothing erased
  });

  it('erases once the run that pays the sheet (and holds the last day) is finalized', async () => {
    await http.post(`/pay-runs/${P02.id}/finalization`);
    const erased = await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' });
    expect(erased).toMatchObject({ streamId: `worker-${WORKER}`, events: ['WorkerDataErased'] });
  });
});
