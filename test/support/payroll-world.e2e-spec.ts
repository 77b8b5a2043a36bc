import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './api-client.js';
import { buildPayrollWorld, type PayrollWorld } from './payroll-world.js';

// The shared world other e2e tests start from: it must build, and its finalized runs must pay exactly
// the hours it says it registered.
describe('the shared payroll world', () => {
  let app: INestApplication;
  let world: PayrollWorld;

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('has finalized the run of each period, locking every sheet it registered in it', async () => {
    expect(world.payRuns.map((run) => run.periodId)).toEqual(['2026-P02', '2026-P03']);
    for (const run of world.payRuns) {
      const sheets = new Set(world.hours.filter((day) => day.periodId === run.periodId).map((day) => day.timesheetId));
      expect(run.lockedTimesheets).toBe(sheets.size);
      expect(await world.http.read(`/pay-runs/${run.periodId}`)).toMatchObject({ status: 'finalized', unpaid: [] });
    }
  });

  it('pays each worker the hours registered, per day, in the period of the day', async () => {
    for (const { periodId } of world.payRuns) {
      for (const { workerId } of world.workers) {
        const statement = await world.http.read(`/pay-runs/${periodId}/workers/${workerId}`);
        const registered = world.hours.filter((day) => day.periodId === periodId && day.workerId === workerId);
        expect(statement.days.map((d: { day: string; hours: string }) => [d.day, d.hours])).toEqual(
          registered.map((day) => [day.day, (day.minutes / 60).toFixed(2)]),
        );
      }
    }
  });

  it('has a target-group worker with a wage value, and a worker who turns 18 in the first week', async () => {
    const sem = await world.http.read('/workers/sem?purpose=pool_operations');
    expect(JSON.stringify(sem)).toContain('"wageValueBp":6000');
    const joris = await world.http.read(`/pay-runs/${world.periods[0].id}/workers/joris`);
    expect(joris.days.slice(0, 2).map((d: { lines: { wageSource: string }[] }) => d.lines[0].wageSource)).toEqual([
      expect.stringContaining('at age 17'),
      expect.stringContaining('at age 18'),
    ]);
  });
});
