import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import {
  agreeRate,
  approveWeek,
  buildPayrollWorld,
  correctCaoVersion,
  daysOfWeek,
  fourWeekPeriod,
  hoursLine,
  MINIMUM_YOUTH_BP,
  minutesOf,
  placeWorker,
  publishCaoVersion,
  registerWeekHours,
  runAndFinalize,
  submitSheet,
  timesheetIdOf,
  WEEK_PATTERN,
  WORLD_CAOS,
  type CaoFigures,
  type PayrollWorld,
  type PoolHttp,
} from './support/payroll-world.js';

/**
 * The acceptance scenario of issue 16 over HTTP, on the shared payroll world (2026-P02 and P03 paid
 * and finalized for Visschedijk, CAO schoonmaak, and De Waarbeek, CAO groen). Before the runs,
 * Visschedijk agrees a factor rate with a G-account share, De Waarbeek a fixed rate, and CAO
 * schoonmaak gets a version from Wednesday 4 February raising scale A step 1 (Joris's). Both periods
 * are invoiced to both hirers and one invoice is paid. Then that version is corrected: Joris's days
 * from 4 February, paid and invoiced, are paid again as differences in 2026-P04 (with his own hours
 * of P04 on a new placement), and invoicing P04 credits the invoice lines holding those days and
 * bills them anew. Sem (De Waarbeek, wage value 60 %, CAO wage above the minimum) gets his LKS claim
 * for February, and the banenafspraak statement of 2026-Q1 counts his approved hours.
 *
 * Every amount expected is computed here from the hours the world registered, the CAO figures and
 * rates this test publishes and the shipped rule rows below, never copied from an answer.
 */
const P02 = fourWeekPeriod('2026-P02');
const P03 = fourWeekPeriod('2026-P03');
const P04 = fourWeekPeriod('2026-P04');

/** Shipped rule rows (rule-tables.seed.ts): VAT 21 %; statutory holiday allowance 8 %; LKS cap 70 % and allowance 23.5 %. */
const VAT_BP = 2100;
const STATUTORY_HOLIDAY_ALLOWANCE_BP = 800;
const LKS_CAP_BP = 7000;
const LKS_EMPLOYER_CHARGES_ALLOWANCE_BP = 2350;

const VISSCHEDIJK = {
  agreementId: 'visschedijk-2026',
  from: P02.from,
  rate: { kind: 'factor', factorBp: 18_750 },
  gAccountShareBp: 2_500,
} as const;
const WAARBEEK = { agreementId: 'waarbeek-2026', from: P02.from, rate: { kind: 'fixed', hourlyCents: 3_475 } } as const;
const RATES = { visschedijk: VISSCHEDIJK, waarbeek: WAARBEEK } as const;

/** CAO schoonmaak's version from 4 February (illustrative): step 1 was published as € 17,00 and is corrected to € 17,60. */
const VERSION_FROM = '2026-02-04';
const SCALE_A = { published: [1450, 1700], corrected: [1450, 1760] } as const;
const CORRECTION_REASON = 'Scale A step 1 was registered as 17,00; the CAO says 17,60';
const schoonmaak = (scaleA: readonly number[]): CaoFigures => ({ ...WORLD_CAOS.schoonmaak, wageScales: { A: scaleA } });

/** Joris's own hours of P04, on a placement of that period (his first ended with P03). */
const P04_PLACEMENT = 'joris-visschedijk-p04';
const P04_WEEK = P04.weeks[0];

const LKS_MONTH = '2026-02';
const QUARTER = { id: '2026-Q1', from: '2026-01-01', to: '2026-03-31' } as const;

/** amount × bp ÷ 10 000, rounded half up (away from zero, for a credit note's negative amounts). */
const share = (cents: number, bp: number) => Math.sign(cents) * Math.floor((Math.abs(cents) * bp + 5_000) / 10_000);
/** numerator ÷ denominator on non-negative integers, rounded half up. */
const halfUp = (numerator: bigint, denominator: bigint) => Number((2n * numerator + denominator) / (2n * denominator));
/** numerator ÷ denominator with two decimals, rounded half up. */
const twoDecimals = (numerator: number, denominator: number) => {
  const hundredths = halfUp(BigInt(100 * numerator), BigInt(denominator));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
};
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const ageOn = (birthDate: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (day.slice(5) < birthDate.slice(5) ? 1 : 0);

interface Source {
  payRunId: string;
  day: string;
  minutes: number;
  grossWageCents: number;
}
interface Line {
  placementId: string;
  workerId: string;
  hourType: string;
  rateAgreementId: string;
  minutes: number;
  grossWageCents: number;
  amountCents: number;
  sources: Source[];
}
interface Totals {
  netCents: number;
  vatCents: number;
  totalCents: number;
  gAccountCents: number;
}
interface Document {
  invoiceId: string;
  number: string;
  year: number;
  sequence: number;
  kind: 'invoice' | 'credit_note';
  employerId: string;
  periodId: string;
  issuedOn: string;
  status: string;
  openCents: number;
  lines: Line[];
  totals: Totals;
  corrects?: { invoiceId: string; lineIndices: number[] }[];
  reasons?: Record<string, unknown>[];
}
interface RunDocument {
  invoiceId: string;
  number: string;
  kind: string;
  employerId: string;
  issued: boolean;
}

/** A paid day as invoicing bills it: whose, how long, the gross wage it was paid, and the run that paid that figure. */
interface BilledDay {
  placementId: string;
  workerId: string;
  day: string;
  minutes: number;
  grossWageCents: number;
  payRunId: string;
}

describe('invoicing after the pay runs: invoices per hirer, a payment, a retroactive CAO correction, an LKS claim, the banenafspraak statement', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  let http: PoolHttp;
  /** The documents of each period per hirer, as first issued. */
  const issued: Record<string, Record<string, Document>> = {};
  let year: number;

  const invoiceRun = (periodId: string) => http.post('/invoice-runs', { periodId });
  const invoice = (id: string): Promise<Document> => http.read(`/invoices/${id}`);

  /** A worker's hourly wage on a day: the CAO's scale and step (youth % under 21) against the minimum wage for the age, the higher one. */
  const hourlyWage = (workerId: string, day: string, schoonmaakA: readonly number[]) => {
    const worker = world.workers.find((w) => w.workerId === workerId)!;
    const hirer = world.hirers.find((h) => h.employerId === worker.employerId)!;
    const cao: CaoFigures = world.caos[hirer.caoCode];
    const scale = hirer.caoCode === 'schoonmaak' && day >= VERSION_FROM ? schoonmaakA : cao.wageScales[hirer.scale];
    const minimum = world.minimumWage.find((row) => row.from <= day && day <= row.until)!.adultHourlyCents;
    const age = ageOn(worker.birthDate, day);
    if (age >= 21) return Math.max(scale[worker.step], minimum);
    const youth = age as keyof typeof MINIMUM_YOUTH_BP;
    return Math.max(share(scale[worker.step], cao.youthBp![youth]), share(minimum, MINIMUM_YOUTH_BP[youth]));
  };

  /** The world's days of a hirer in a period, billed at the wage the CAO version as published (or as corrected) gives. */
  const billed = (days: readonly Omit<BilledDay, 'grossWageCents' | 'payRunId'>[], schoonmaakA: readonly number[], payRunId: string) =>
    days.map(({ placementId, workerId, day, minutes }) => ({
      placementId,
      workerId,
      day,
      minutes,
      grossWageCents: halfUp(BigInt(minutes * hourlyWage(workerId, day, schoonmaakA)), 60n),
      payRunId,
    }));
  const worldDays = (employerId: string, periodId: string) =>
    world.hours.filter((d) => d.employerId === employerId && d.periodId === periodId);

  /** One invoice line per placement (the world's hours are all normal and under one agreement per hirer), by placement. */
  const expectedLines = (employerId: keyof typeof RATES, days: readonly BilledDay[]) => {
    const { agreementId, rate } = RATES[employerId];
    const placements = [...new Set(days.map((d) => d.placementId))].sort();
    return placements.map((placementId) => {
      const own = days.filter((d) => d.placementId === placementId).sort((a, b) => a.day.localeCompare(b.day));
      const minutes = sum(own.map((d) => d.minutes));
      const grossWageCents = sum(own.map((d) => d.grossWageCents));
      return {
        placementId,
        workerId: own[0].workerId,
        hourType: 'normal',
        rateAgreementId: agreementId,
        minutes,
        grossWageCents,
        // Rounded once per line: gross wage × factor, or minutes × the hourly rate ÷ 60.
        amountCents:
          rate.kind === 'factor'
            ? halfUp(BigInt(grossWageCents * rate.factorBp), 10_000n)
            : halfUp(BigInt(minutes * rate.hourlyCents), 60n),
        sources: own.map(({ payRunId, day, minutes, grossWageCents }) => ({ payRunId, day, minutes, grossWageCents })),
      };
    });
  };
  /** What the tests compare of a line: everything that decides its amount, and the amount. */
  const shown = ({ placementId, workerId, hourType, rateAgreementId, minutes, grossWageCents, amountCents, sources }: Line) => ({
    placementId,
    workerId,
    hourType,
    rateAgreementId,
    minutes,
    grossWageCents,
    amountCents,
    sources: sources.map(({ payRunId, day, minutes, grossWageCents }) => ({ payRunId, day, minutes, grossWageCents })),
  });
  /** 21 % VAT half up on the net, the hirer's G-account share half up on the total. */
  const totalsOf = (netCents: number, employerId: keyof typeof RATES): Totals => {
    const vatCents = share(netCents, VAT_BP);
    const gAccountShareBp = 'gAccountShareBp' in RATES[employerId] ? VISSCHEDIJK.gAccountShareBp : 0;
    return { netCents, vatCents, totalCents: netCents + vatCents, gAccountCents: share(netCents + vatCents, gAccountShareBp) };
  };

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app, {
      beforePayRuns: async (pool) => {
        await publishCaoVersion(pool, 'schoonmaak', VERSION_FROM, schoonmaak(SCALE_A.published));
        for (const [employerId, agreement] of Object.entries(RATES)) await agreeRate(pool, employerId, agreement);
      },
    });
    http = world.http;
  }, 180_000);
  afterAll(() => app?.close());

  it('invoices each hirer its finalized periods: per placement the hours × the rate agreed, 21 % VAT and the G-account share, to the cent', async () => {
    for (const period of [P02, P03]) {
      const answer = await invoiceRun(period.id);
      expect(answer.refused).toEqual([]);
      const documents: RunDocument[] = answer.documents;
      expect(documents.map((d) => [d.employerId, d.kind, d.issued]).sort()).toEqual([
        ['visschedijk', 'invoice', true],
        ['waarbeek', 'invoice', true],
      ]);
      for (const { employerId, invoiceId } of documents) (issued[period.id] ??= {})[employerId] = await invoice(invoiceId);
    }
    year = issued[P02.id].visschedijk.year;

    for (const period of [P02, P03]) {
      for (const employerId of ['visschedijk', 'waarbeek'] as const) {
        const document = issued[period.id][employerId];
        const lines = expectedLines(employerId, billed(worldDays(employerId, period.id), SCALE_A.published, period.id));
        expect(document.lines.map(shown)).toEqual(lines);
        const totals = totalsOf(sum(lines.map((l) => l.amountCents)), employerId);
        expect(document).toMatchObject({
          kind: 'invoice',
          employerId,
          periodId: period.id,
          status: 'issued',
          totals,
          openCents: totals.totalCents,
        });
      }
    }
    // Joris's first Monday is paid at 17 (50 % of step 1), his other days at 18; from 4 February under the new version.
    const joris = issued[P02.id].visschedijk.lines.find((l) => l.workerId === 'joris')!;
    expect(joris.sources.map((s) => s.grossWageCents)).toEqual([4 * 825, 4 * 990, 4 * 990, 4 * 1020]);
  });

  it('records the payments on one invoice until it is paid, the G-account share to the G-account', async () => {
    const { invoiceId, issuedOn, totals } = issued[P02.id].visschedijk;
    const pay = (amountCents: number, toGAccountCents: number) =>
      http.post(`/invoices/${invoiceId}/payments`, {
        amountCents,
        toGAccountCents,
        paidOn: issuedOn,
        reference: `payment of ${invoiceId}`,
      });
    await pay(totals.gAccountCents, totals.gAccountCents);
    expect(await invoice(invoiceId)).toMatchObject({ status: 'part_paid', openCents: totals.totalCents - totals.gAccountCents });
    await pay(totals.totalCents - totals.gAccountCents, 0);
    expect(await invoice(invoiceId)).toMatchObject({
      status: 'paid',
      openCents: 0,
      paid: { cents: totals.totalCents, toGAccountCents: totals.gAccountCents },
    });
  });

  describe('a retroactive correction of CAO schoonmaak from 4 February, paid in 2026-P04, then P04 invoiced', () => {
    /** Joris's hours of P04 on his new placement. */
    const p04Days = WEEK_PATTERN.joris.map(({ weekday, start, end, breakMinutes }) => ({
      placementId: P04_PLACEMENT,
      workerId: 'joris',
      line: hoursLine(daysOfWeek(P04_WEEK)[weekday], start, end, breakMinutes),
    }));
    let answer: { documents: RunDocument[]; refused: unknown[] };

    beforeAll(async () => {
      await correctCaoVersion(http, 'schoonmaak', VERSION_FROM, schoonmaak(SCALE_A.corrected), CORRECTION_REASON);
      await placeWorker(http, {
        placementId: P04_PLACEMENT,
        workerId: 'joris',
        employerId: 'visschedijk',
        from: P04.from,
        to: P04.to,
        step: 1,
      });
      const sheet = timesheetIdOf(P04_PLACEMENT, P04_WEEK);
      await registerWeekHours(
        http,
        sheet,
        p04Days.map((d) => d.line),
      );
      await submitSheet(http, sheet);
      expect((await approveWeek(http, 'visschedijk', P04_WEEK)).refused).toEqual([]);
      await runAndFinalize(http, P04.id);
      answer = await invoiceRun(P04.id);
    }, 120_000);

    /** Joris's lines on Visschedijk's invoices of P02 and P03: each holds a day from 4 February. */
    const jorisLines = () =>
      [P02, P03].map((period) => {
        const document = issued[period.id].visschedijk;
        const lineIndex = document.lines.findIndex((line) => line.workerId === 'joris');
        return { document, lineIndex, line: document.lines[lineIndex] };
      });

    it('issues Visschedijk a credit note and then an invoice, numbered on from the earlier four; De Waarbeek nothing', async () => {
      expect(answer.refused).toEqual([]);
      expect(answer.documents.map((d) => [d.employerId, d.kind, d.number, d.issued])).toEqual([
        ['visschedijk', 'credit_note', `${year}-00005`, true],
        ['visschedijk', 'invoice', `${year}-00006`, true],
      ]);
    });

    it('credits exactly the invoiced lines holding a corrected day, as they were invoiced, naming the CAO correction', async () => {
      const credit = await invoice(`${year}-00005`);
      const credited = jorisLines();
      expect(credited.map((c) => c.line.sources.some((s) => s.day >= VERSION_FROM))).toEqual([true, true]);
      const net = -sum(credited.map((c) => c.line.amountCents));
      expect(credit).toMatchObject({
        kind: 'credit_note',
        employerId: 'visschedijk',
        periodId: P04.id,
        corrects: credited.map((c) => ({ invoiceId: c.document.invoiceId, lineIndices: [c.lineIndex] })),
        reasons: [{ kind: 'cao_changed', caoCode: 'schoonmaak', effectiveFrom: VERSION_FROM, revision: 1 }],
        totals: totalsOf(net, 'visschedijk'),
      });
      expect(credit.lines).toEqual(credited.map((c) => c.line));
      expect(credit.totals.netCents).toBeLessThan(0);
      // Anna (step 0, paid the minimum wage) is untouched by the correction: her lines stay.
      expect(credit.lines.map((l) => l.workerId)).toEqual(['joris', 'joris']);

      // Issued documents never change: the paid invoice is as it was, and still paid.
      const paid = issued[P02.id].visschedijk;
      expect(await invoice(paid.invoiceId)).toMatchObject({ lines: paid.lines, totals: paid.totals, status: 'paid', openCents: 0 });
    });

    it('bills P04’s own hours and the credited lines anew at the corrected wage × the factor, to the cent', async () => {
      const next = await invoice(`${year}-00006`);
      // The credited lines' days: unchanged days at their first figures, the corrected days as P04 paid them.
      const creditedDays = jorisLines().flatMap(({ document }) =>
        worldDays('visschedijk', document.periodId).filter((d) => d.workerId === 'joris'),
      );
      const billedAnew = creditedDays.map((d) => billed([d], SCALE_A.corrected, d.day >= VERSION_FROM ? P04.id : d.periodId)[0]);
      const own = billed(
        p04Days.map(({ placementId, workerId, line }) => ({ placementId, workerId, day: line.day, minutes: minutesOf(line) })),
        SCALE_A.corrected,
        P04.id,
      );
      const lines = [...expectedLines('visschedijk', own), ...expectedLines('visschedijk', billedAnew)];
      expect(next.lines.map(shown)).toEqual(lines);
      expect(next).toMatchObject({
        kind: 'invoice',
        periodId: P04.id,
        totals: totalsOf(sum(lines.map((l) => l.amountCents)), 'visschedijk'),
      });

      // At 18, step 1 as corrected: 60 % of € 17,60; before 4 February the first version's 60 % of € 16,50 (and at 17, 50 %).
      expect(hourlyWage('joris', P04.from, SCALE_A.corrected)).toBe(1056);
      expect(lines[1].sources.map((s) => s.grossWageCents)).toEqual([
        4 * 825,
        4 * 990,
        4 * 990,
        4 * 1056,
        4 * 1056,
        4 * 1056,
        4 * 1056,
        4 * 1056,
      ]);
    });

    it('numbers every document of the scenario in one series without a gap', async () => {
      const listed = await http.read(`/invoices?year=${year}&limit=100`);
      expect(listed.items.map((d: Document) => [d.sequence, d.kind, d.employerId, d.periodId])).toEqual([
        ...[P02, P03].flatMap((period, i) =>
          Object.values(issued[period.id])
            .sort((a, b) => a.sequence - b.sequence)
            .map((d, j) => [2 * i + j + 1, 'invoice', d.employerId, period.id]),
        ),
        [5, 'credit_note', 'visschedijk', P04.id],
        [6, 'invoice', 'visschedijk', P04.id],
      ]);
    });
  });

  it('claims LKS for a worker at wage value 60 % and a CAO wage above the minimum: the formula, to the cent', async () => {
    const sem = world.workers.find((w) => w.workerId === 'sem')!;
    const wageValueBp = sem.targetGroup!.wageValueBp;
    expect(wageValueBp).toBe(6000);
    await http.post('/workers/sem/wage-value-decisions', {
      municipality: 'hengelo',
      wageValueBp,
      from: '2026-01-01',
      reassessOn: '2026-12-31',
    });
    expect(await http.post('/lks-claims', { month: LKS_MONTH })).toMatchObject({ events: ['LksClaimCalculated'] });

    const days = world.hours.filter((d) => d.workerId === 'sem' && d.day.startsWith(LKS_MONTH));
    const minutes = sum(days.map((d) => d.minutes));
    const minimumCents = world.minimumWage.find((row) => row.from <= days[0].day && days[0].day <= row.until)!.adultHourlyCents;
    const caoWageCents = hourlyWage('sem', days[0].day, SCALE_A.corrected);
    expect(caoWageCents).toBe(world.caos.groen.wageScales.B[sem.step]);
    expect(caoWageCents).toBeGreaterThan(minimumCents);
    // An hour in cents × 10^8: (minimum + 8 %) − 60 % × (CAO wage + the CAO's holiday allowance), at most 70 % of the first.
    const minimum = BigInt(minimumCents) * BigInt(10_000 + STATUTORY_HOLIDAY_ALLOWANCE_BP) * 10_000n;
    const gap = minimum - BigInt(caoWageCents) * BigInt(10_000 + world.caos.groen.holidayPayBp) * BigInt(wageValueBp);
    const cap = (minimum * BigInt(LKS_CAP_BP)) / 10_000n;
    expect(gap).toBeLessThan(cap);
    const subsidyCents = halfUp(gap * BigInt(minutes), 60n * 100_000_000n);
    const allowanceCents = share(subsidyCents, LKS_EMPLOYER_CHARGES_ALLOWANCE_BP);

    expect(await http.read(`/lks-claims/sem.${LKS_MONTH}.1?purpose=pool_operations`)).toMatchObject({
      workerId: 'sem',
      municipality: 'hengelo',
      status: 'calculated',
      payRunIds: [P02.id, P03.id],
      lines: [
        expect.objectContaining({
          from: days[0].day,
          to: days.at(-1)!.day,
          minutes,
          minimumWageHourlyCents: minimumCents,
          caoWageHourlyCents: caoWageCents,
          wageValueBp,
          capped: false,
          subsidyCents,
        }),
      ],
      subsidyCents,
      employerChargesAllowanceCents: allowanceCents,
      totalCents: subsidyCents + allowanceCents,
    });
  });

  it('states for 2026-Q1 per hirer exactly the minutes approved for target-group workers, and the jobs they make', async () => {
    const weeksOfQuarter = Array.from({ length: 53 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`).filter((week) => {
      const thursday = daysOfWeek(week)[3];
      return QUARTER.from <= thursday && thursday <= QUARTER.to;
    });
    const targetGroup = new Set<string>(world.workers.filter((w) => w.targetGroup?.inRegister).map((w) => w.workerId));
    const approved = world.hours.filter((d) => targetGroup.has(d.workerId) && weeksOfQuarter.includes(d.week));
    expect(approved.length).toBeGreaterThan(0);

    let stated = 0;
    for (const { employerId } of world.hirers) {
      const statement = await http.read(`/employers/${employerId}/banenafspraak-statement?quarter=${QUARTER.id}&purpose=pool_operations`);
      const own = approved.filter((d) => d.employerId === employerId);
      const minutes = sum(own.map((d) => d.minutes));
      expect(statement).toMatchObject({
        quarter: QUARTER.id,
        weekCount: weeksOfQuarter.length,
        totals: {
          minutes,
          hours: twoDecimals(minutes, 60),
          jobs: twoDecimals(minutes, 1530 * weeksOfQuarter.length),
          workers: new Set(own.map((d) => d.workerId)).size,
        },
      });
      const byWeek = weeksOfQuarter.map((week) => [week, sum(own.filter((d) => d.week === week).map((d) => d.minutes))]);
      expect(statement.weeks.map((w: { week: string; minutes: number }) => [w.week, w.minutes])).toEqual(byWeek);
      stated += statement.totals.minutes;
    }
    expect(stated).toBe(sum(approved.map((d) => d.minutes)));
  });
});
