import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import {
  addDays,
  approveSheet,
  AUDITOR,
  buildPayrollWorld,
  employerKey,
  hoursLine,
  minutesOf,
  OPERATOR,
  runAndFinalize,
  timesheetIdOf,
  type PayrollWorld,
  type RegisteredDay,
} from './support/payroll-world.js';

/**
 * Wage-cost subsidy (LKS) claims over HTTP, on the shared payroll world: its pay runs 2026-P02
 * (26 January to 22 February) and 2026-P03 (23 February to 22 March) are finalized, so February is
 * paid in full, in both runs. Sem (De Waarbeek, CAO groen scale B step 0: above the minimum wage) gets
 * a decision of wage value 60 % from the municipality of Hengelo; Lotte (step 1) one of 20 % from
 * Enschede, low enough for the 70 % cap. Every expected figure is worked out here from the hours and
 * wage rows the world registered and the shipped rule tables, never copied from an answer.
 */
const MONTH = '2026-02';
const STATUTORY_HOLIDAY_ALLOWANCE_BP = 800; // holiday-allowance table
const CAP_BP = 7000; // wage-cost-subsidy table
const EMPLOYER_CHARGES_ALLOWANCE_BP = 2350;

/** numerator ÷ denominator on non-negative integers, rounded half up. */
const halfUp = (numerator: bigint, denominator: bigint) => Number((2n * numerator + denominator) / (2n * denominator));

interface ClaimLine {
  from: string;
  to: string;
  minutes: number;
  minimumWageHourlyCents: number;
  caoWageHourlyCents: number;
  wageValueBp: number;
  capped: boolean;
  subsidyCents: number;
}
interface Claim {
  claimId: string;
  workerId: string;
  municipality: string;
  status: string;
  lines: ClaimLine[];
  payRunIds: string[];
  subsidyCents: number;
  employerChargesAllowanceCents: number;
  totalCents: number;
  corrects?: string;
  correctedBy?: string;
  paidCents: number;
}

/** Today in the Netherlands, as the API takes it. */
const todayInAmsterdam = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('wage-cost subsidy (LKS) claims', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  const today = todayInAmsterdam();

  /** A worker's wage of a day: the CAO's scale and step against the adult minimum wage of the day, the higher one. */
  const wageOf = (workerId: string, day: string) => {
    const worker = world.workers.find((w) => w.workerId === workerId)!;
    const hirer = world.hirers.find((h) => h.employerId === worker.employerId)!;
    const caoCents = (world.caos[hirer.caoCode].wageScales as Record<string, readonly number[]>)[hirer.scale][worker.step];
    const minimumCents = world.minimumWage.find((row) => row.from <= day && day <= row.until)!.adultHourlyCents;
    return { minimumCents, wageCents: Math.max(caoCents, minimumCents), holidayBp: world.caos[hirer.caoCode].holidayPayBp };
  };

  /** The claim the formula gives for a worker's paid days of the month (one line: the world's figures do not change within it). */
  const expectedClaim = (days: readonly Pick<RegisteredDay, 'workerId' | 'day' | 'minutes'>[], wageValueBp: number) => {
    const minutes = days.reduce((sum, d) => sum + d.minutes, 0);
    const { minimumCents, wageCents, holidayBp } = wageOf(days[0].workerId, days[0].day);
    // An hour, in cents × 10^8: (minimum + 8 %) − wage value × (wage + the CAO's holiday allowance), at most 70 % of the first.
    const minimum = BigInt(minimumCents) * BigInt(10_000 + STATUTORY_HOLIDAY_ALLOWANCE_BP);
    const gap = minimum * 10_000n - BigInt(wageCents) * BigInt(10_000 + holidayBp) * BigInt(wageValueBp);
    const cap = minimum * BigInt(CAP_BP);
    const hourly = gap < 0n ? 0n : gap < cap ? gap : cap;
    const subsidyCents = halfUp(hourly * BigInt(minutes), 60n * 100_000_000n);
    const allowance = halfUp(BigInt(subsidyCents) * BigInt(EMPLOYER_CHARGES_ALLOWANCE_BP), 10_000n);
    return { minutes, minimumCents, wageCents, capped: gap > cap, subsidyCents, allowance, totalCents: subsidyCents + allowance };
  };
  const paidDays = (workerId: string) => world.hours.filter((d) => d.workerId === workerId && d.day.startsWith(MONTH));

  const claims = async (
    query: string,
  ): Promise<{ municipalities: { municipality: string; totalCents: number; paidCents: number; claims: Claim[]; corrected: Claim[] }[] }> =>
    world.http.read(`/lks-claims?${query}&purpose=pool_operations`);
  const claimOf = async (claimId: string): Promise<Claim> => world.http.read(`/lks-claims/${claimId}?purpose=pool_operations`);
  const status = async (method: 'get' | 'post', path: string, key: string, body: object = {}) => {
    const request = world.http.as(key)[method](path);
    return (await (method === 'post' ? request.send(body) : request)).status;
  };

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app);
    await world.http.post('/workers/sem/wage-value-decisions', {
      municipality: 'hengelo',
      wageValueBp: 6000,
      from: '2026-01-01',
      reassessOn: addDays(today, 40),
      reference: 'Beschikking 2026/0412',
    });
    await world.http.post('/workers/lotte/wage-value-decisions', {
      municipality: 'enschede',
      wageValueBp: 2000,
      from: '2026-02-01',
      to: '2026-12-31',
      reassessOn: addDays(today, 60),
    });
  }, 180_000);
  afterAll(() => app?.close());

  it('claims a month per worker: for a wage value of 60 % at a CAO wage above the minimum, the formula to the cent', async () => {
    const calculated = await world.http.post('/lks-claims', { month: MONTH });
    expect(calculated).toMatchObject({ month: MONTH, unchanged: 0, events: ['LksClaimCalculated', 'LksClaimCalculated'] });

    const sem = expectedClaim(paidDays('sem'), 6000);
    expect(sem).toMatchObject({ minutes: 4 * 300, capped: false });
    expect(sem.wageCents).toBeGreaterThan(sem.minimumCents);
    const claim = await claimOf(`sem.${MONTH}.1`);
    expect(claim).toMatchObject({
      workerId: 'sem',
      municipality: 'hengelo',
      status: 'calculated',
      payRunIds: ['2026-P02', '2026-P03'],
      subsidyCents: sem.subsidyCents,
      employerChargesAllowanceCents: sem.allowance,
      totalCents: sem.totalCents,
    });
    expect(claim.lines).toEqual([
      expect.objectContaining({
        from: paidDays('sem')[0].day,
        to: paidDays('sem').at(-1)!.day,
        minutes: sem.minutes,
        minimumWageHourlyCents: sem.minimumCents,
        caoWageHourlyCents: sem.wageCents,
        wageValueBp: 6000,
        capped: false,
        subsidyCents: sem.subsidyCents,
      }),
    ]);
  });

  it('caps the subsidy at 70 % of (minimum wage + holiday allowance), and lists the month per municipality', async () => {
    const lotte = expectedClaim(paidDays('lotte'), 2000);
    expect(lotte.capped).toBe(true);
    const sem = expectedClaim(paidDays('sem'), 6000);
    const month = await claims(`month=${MONTH}`);
    expect(month.municipalities.map((m) => [m.municipality, m.totalCents, m.claims.map((c) => c.workerId)])).toEqual([
      ['enschede', lotte.totalCents, ['lotte']],
      ['hengelo', sem.totalCents, ['sem']],
    ]);
    expect((await claimOf(`lotte.${MONTH}.1`)).lines).toEqual([
      expect.objectContaining({ capped: true, subsidyCents: lotte.subsidyCents }),
    ]);
    expect((await claims(`month=${MONTH}&municipality=hengelo`)).municipalities.map((m) => m.municipality)).toEqual(['hengelo']);
    expect((await claims('month=2026-01')).municipalities).toEqual([]);
  });

  it('records no second claim for the same paid hours; submits and records the municipality’s payment', async () => {
    expect(await world.http.post('/lks-claims', { month: MONTH })).toMatchObject({ claims: [], unchanged: 2, events: [] });
    await world.http.post(`/lks-claims/sem.${MONTH}.1/submission`, { submittedOn: '2026-03-05' });
    await world.http.post(`/lks-claims/sem.${MONTH}.1/payments`, { amountCents: 5000, paidOn: '2026-03-20' });
    expect(await claimOf(`sem.${MONTH}.1`)).toMatchObject({ status: 'paid', paidCents: 5000 });
    await world.http.post(`/lks-claims/sem.${MONTH}.1/submission`, {}, OPERATOR, 409);
  });

  it('claims a correction when the paid hours change: a corrected timesheet paid by a later run', async () => {
    // Sem's Friday of week 6 was 08:00–15:00, not 08:00–13:00: corrected, approved again, and paid as a difference in 2026-P04.
    const sheet = timesheetIdOf('sem-waarbeek', '2026-W06');
    const lines = world.hours
      .filter((d) => d.timesheetId === sheet)
      .map(({ day, start, end, breakMinutes }) => hoursLine(day, start, end, breakMinutes));
    const corrected = lines.map((line, i) => (i === lines.length - 1 ? { ...line, end: '15:00' } : line));
    await world.http.post(`/timesheets/${sheet}/corrections`, { lines: corrected, reason: 'Worked until 15:00' });
    await approveSheet(world.http, sheet, 'waarbeek');
    await runAndFinalize(world.http, '2026-P04');

    const answer = await world.http.post('/lks-claims', { month: MONTH, municipality: 'hengelo' });
    expect(answer).toMatchObject({ claims: [{ claimId: `sem.${MONTH}.2`, corrects: `sem.${MONTH}.1` }], unchanged: 0 });
    const days = paidDays('sem').map((d) => (d.day === corrected.at(-1)!.day ? { ...d, minutes: minutesOf(corrected.at(-1)!) } : d));
    const expected = expectedClaim(days, 6000);
    expect(expected.minutes).toBe(4 * 300 + 120);
    expect(await claimOf(`sem.${MONTH}.2`)).toMatchObject({
      corrects: `sem.${MONTH}.1`,
      payRunIds: ['2026-P02', '2026-P03', '2026-P04'],
      totalCents: expected.totalCents,
    });
    const [hengelo] = (await claims(`month=${MONTH}&municipality=hengelo`)).municipalities;
    expect(hengelo).toMatchObject({ totalCents: expected.totalCents, paidCents: 5000 });
    expect(hengelo.corrected.map((c) => [c.claimId, c.correctedBy])).toEqual([[`sem.${MONTH}.1`, `sem.${MONTH}.2`]]);
    await world.http.post(`/lks-claims/sem.${MONTH}.1/submission`, {}, OPERATOR, 422);
  });

  it('lists a reassessment due within 8 weeks of today, not one further off', async () => {
    const due = await world.http.read('/reassessments-due?purpose=pool_operations');
    expect(due).toMatchObject({ asOf: today, weeks: 8 });
    expect(due.items.map((d: { workerId: string; daysLeft: number }) => [d.workerId, d.daysLeft])).toEqual([['sem', 40]]);
    const nine = await world.http.read('/reassessments-due?weeks=9&purpose=pool_operations');
    expect(nine.items.map((d: { workerId: string }) => d.workerId)).toEqual(['sem', 'lotte']);
    expect((await world.http.read(`/reassessments-due?asOf=${addDays(today, -20)}&purpose=pool_operations`)).items).toEqual([]);
  });

  it('keeps wage values and claims from employers (403); auditors read but never write', async () => {
    const hirer = employerKey('waarbeek');
    for (const path of [`/lks-claims?month=${MONTH}`, `/lks-claims/sem.${MONTH}.1`, '/reassessments-due']) {
      expect(await status('get', path, hirer)).toBe(403);
      expect(await status('get', `${path}${path.includes('?') ? '&' : '?'}purpose=banenafspraak_audit`, AUDITOR)).toBe(200);
    }
    const decision = { municipality: 'hengelo', wageValueBp: 5000, from: '2027-01-01', reassessOn: '2027-06-01' };
    for (const key of [hirer, AUDITOR]) {
      expect(await status('post', '/workers/sem/wage-value-decisions', key, decision)).toBe(403);
      expect(await status('post', '/lks-claims', key, { month: MONTH })).toBe(403);
      expect(await status('post', `/lks-claims/sem.${MONTH}.2/submission`, key)).toBe(403);
      expect(await status('post', `/lks-claims/sem.${MONTH}.2/payments`, key, { amountCents: 100, paidOn: '2026-04-01' })).toBe(403);
    }
  });

  it('answers bad input with a 4xx', async () => {
    const decision = { municipality: 'hengelo', wageValueBp: 5000, from: '2027-01-01', reassessOn: '2027-06-01' };
    const refused: ['get' | 'post', string, object, number][] = [
      ['post', '/workers/sem/wage-value-decisions', { ...decision, wageValueBp: 0 }, 400],
      ['post', '/workers/sem/wage-value-decisions', { ...decision, wageValueBp: 10_001 }, 400],
      ['post', '/workers/sem/wage-value-decisions', { ...decision, municipality: 'Hof van Twente' }, 400],
      ['post', '/workers/sem/wage-value-decisions', { ...decision, reassessOn: '2026-12-31' }, 422],
      // Its own end reaches into Sem's decision from 1 January 2026.
      ['post', '/workers/sem/wage-value-decisions', { ...decision, from: '2025-12-01', to: '2026-01-15', reassessOn: '2026-01-10' }, 422],
      ['post', '/workers/nobody/wage-value-decisions', decision, 404],
      ['post', '/lks-claims', { month: '2026-13' }, 400],
      ['post', '/lks-claims', { month: '2026-05' }, 422], // the finalized runs reach 19 April
      ['post', '/lks-claims/nothing.2026-02.1/submission', {}, 404],
      ['post', `/lks-claims/sem.${MONTH}.2/payments`, { amountCents: 100, paidOn: '2026-04-01' }, 422],
      ['post', `/lks-claims/sem.${MONTH}.2/payments`, { amountCents: 0, paidOn: '2026-04-01' }, 400],
      ['post', `/lks-claims/sem.${MONTH}.2/submission`, { submittedOn: '2026-02-28' }, 422],
      ['get', '/lks-claims?purpose=pool_operations', {}, 400],
      ['get', '/lks-claims?month=2026-2&purpose=pool_operations', {}, 400],
      ['get', '/lks-claims/no-such-claim?purpose=pool_operations', {}, 404],
      ['get', '/reassessments-due?weeks=0&purpose=pool_operations', {}, 400],
    ];
    const answers: string[] = [];
    for (const [method, path, body] of refused) answers.push(`${method} ${path} ${await status(method, path, OPERATOR, body)}`);
    expect(answers).toEqual(refused.map(([method, path, , expected]) => `${method} ${path} ${expected}`));
  });
});
