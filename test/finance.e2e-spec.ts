import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import {
  agreeRate,
  approveSheet,
  AUDITOR,
  buildPayrollWorld,
  employerKey,
  fourWeekPeriod,
  hoursLine,
  OPERATOR,
  runAndFinalize,
  timesheetIdOf,
  type PayrollWorld,
  type PoolHttp,
} from './support/payroll-world.js';

/**
 * The pool's finance view over HTTP, on the shared payroll world with three four-week periods paid
 * and finalized: 2026-P02 (26 January to 22 February), P03 (23 February to 22 March) and P04 (23
 * March to 19 April). Visschedijk has a factor rate, De Waarbeek a fixed one; every period is
 * invoiced, one invoice is paid in part, and Sem (De Waarbeek) has a wage value of 60 % with his
 * LKS claims for January, February and March calculated. Every figure expected is taken from the
 * documents' own totals and lines, the pay run's export and the claims, never from the view.
 */
const P02 = fourWeekPeriod('2026-P02');
const P03 = fourWeekPeriod('2026-P03');
const P04 = fourWeekPeriod('2026-P04');
const P05 = fourWeekPeriod('2026-P05');
/** The shipped employer-charges row (rule-tables.seed.ts). */
const EMPLOYER_CHARGES_BP = 1755;
const PAYMENT_CENTS = 10_000;

/** amount × bp ÷ 10 000, rounded half up (away from zero for a negative amount). */
const share = (cents: number, bp: number) => Math.sign(cents) * Math.floor((Math.abs(cents) * bp + 5_000) / 10_000);
const sum = <T>(rows: readonly T[], figure: (row: T) => number) => rows.reduce((total, row) => total + figure(row), 0);

interface ExportRow {
  workerId: string;
  costCentre: string;
  component: string;
  amountCents: number;
}
interface Totals {
  netCents: number;
  vatCents: number;
  totalCents: number;
}
interface Document {
  invoiceId: string;
  kind: 'invoice' | 'credit_note';
  employerId: string;
  issuedOn: string;
  totals: Totals;
  paid: { cents: number };
  openCents: number;
  lines: { workerId: string; amountCents: number }[];
}
interface WageCost {
  grossCents: number;
  pensionEmployerCents: number;
  employerChargesCents: number;
  totalCents: number;
}
interface Figures {
  invoiced: Totals & { documents: number };
  credited: Totals & { documents: number };
  paidCents: number;
  openCents: number;
  wageCost: WageCost;
  subsidyCents: number;
  marginCents: number;
}
interface WorkerFigures {
  workerId: string;
  wageCost: WageCost;
  invoicedNetCents: number;
  creditedNetCents: number;
  subsidyCents: number;
  marginCents: number;
}
interface Finance {
  period: { id: string; from: string; to: string };
  payRun: { payRunId: string; status: string };
  employerId?: string;
  lksMonths: { month: string; claims: number }[];
  hirers: (Figures & { employerId: string })[];
  workers: { items: WorkerFigures[]; total: number; limit: number; offset: number };
  totals: Figures & { poolOwn: { wageCost: WageCost; subsidyCents: number } };
}
interface Claim {
  workerId: string;
  subsidyCents: number;
  employerChargesAllowanceCents: number;
  totalCents: number;
  lines: { from: string; to: string; minutes: number }[];
}

/** numerator ÷ denominator on non-negative integers, rounded half up. */
const halfUp = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));

/**
 * The part of a claim of one line over `days` paid days of equal minutes that falls on the `within`
 * days after the first `before`, as the view states its attribution: the line's subsidy by the
 * cumulative minutes rounded half up, the claim's allowance by the cumulative subsidy likewise.
 */
function claimPart(claim: Claim, days: number, before: number, within: number): number {
  const subsidy = (upTo: number) => halfUp(claim.subsidyCents * upTo, days);
  const allowance = (upTo: number) => halfUp(claim.employerChargesAllowanceCents * subsidy(upTo), claim.subsidyCents);
  return subsidy(before + within) - subsidy(before) + allowance(before + within) - allowance(before);
}

/** What the export's rows of one worker at one cost centre cost: its gross and employer's pension, plus the charges row on the gross, rounded once. */
function wageCostOf(rows: readonly ExportRow[], workerId: string, costCentre: string): WageCost {
  const of = rows.filter((r) => r.workerId === workerId && r.costCentre === costCentre);
  const amount = (...components: string[]) =>
    sum(
      of.filter((r) => components.includes(r.component)),
      (r) => r.amountCents,
    );
  const grossCents = amount('wage', 'surcharge', 'holiday_allowance_reserve', 'top_up', 'retro_difference');
  const pensionEmployerCents = amount('pension_employer');
  const employerChargesCents = share(grossCents, EMPLOYER_CHARGES_BP);
  return { grossCents, pensionEmployerCents, employerChargesCents, totalCents: grossCents + pensionEmployerCents + employerChargesCents };
}

const addCosts = (costs: readonly WageCost[]): WageCost => ({
  grossCents: sum(costs, (c) => c.grossCents),
  pensionEmployerCents: sum(costs, (c) => c.pensionEmployerCents),
  employerChargesCents: sum(costs, (c) => c.employerChargesCents),
  totalCents: sum(costs, (c) => c.totalCents),
});

describe('the pool’s finance view of a pay period', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  let http: PoolHttp;
  const finance = (query: string, key = OPERATOR): Promise<Finance> => http.read(`/finance?${query}`, key);
  const exportOf = async (periodId: string): Promise<ExportRow[]> => (await http.read(`/pay-runs/${periodId}/export?format=json`)).rows;
  const documentsOf = async (periodId: string): Promise<Document[]> => {
    const listed: { items: { invoiceId: string }[] } = await http.read(`/invoices?periodId=${periodId}&limit=100`);
    return Promise.all(listed.items.map((item) => http.read(`/invoices/${item.invoiceId}`)));
  };
  const claimsOf = async (month: string): Promise<Claim[]> => {
    const answer: { municipalities: { claims: { claimId: string }[] }[] } = await http.read(
      `/lks-claims?month=${month}&purpose=pool_operations`,
    );
    return Promise.all(
      answer.municipalities.flatMap((m) => m.claims).map((c) => http.read(`/lks-claims/${c.claimId}?purpose=pool_operations`)),
    );
  };

  /** The hirer's figures as the documents and the export give them, with the subsidy the view attributes. */
  const expectedHirer = (employerId: string, documents: Document[], rows: ExportRow[], subsidyCents: number) => {
    const own = documents.filter((d) => d.employerId === employerId);
    // A credit note's totals are negative: credited is what they take off (0 − x, never −0).
    const summed = (kind: Document['kind'], signed: (cents: number) => number) => {
      const of = own.filter((d) => d.kind === kind);
      return {
        documents: of.length,
        netCents: signed(sum(of, (d) => d.totals.netCents)),
        vatCents: signed(sum(of, (d) => d.totals.vatCents)),
        totalCents: signed(sum(of, (d) => d.totals.totalCents)),
      };
    };
    const invoiced = summed('invoice', (cents) => cents);
    const credited = summed('credit_note', (cents) => 0 - cents);
    const workers = [...new Set(rows.filter((r) => r.costCentre === employerId).map((r) => r.workerId))];
    const wageCost = addCosts(workers.map((workerId) => wageCostOf(rows, workerId, employerId)));
    return {
      employerId,
      invoiced,
      credited,
      paidCents: sum(own, (d) => d.paid.cents),
      openCents: sum(own, (d) => d.openCents),
      wageCost,
      subsidyCents,
      marginCents: invoiced.netCents - credited.netCents - wageCost.totalCents + subsidyCents,
    };
  };

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app, {
      periods: [P02.id, P03.id, P04.id],
      beforePayRuns: async (pool) => {
        await agreeRate(pool, 'visschedijk', { from: P02.from, rate: { kind: 'factor', factorBp: 18_500 }, gAccountShareBp: 2_500 });
        await agreeRate(pool, 'waarbeek', { from: P02.from, rate: { kind: 'fixed', hourlyCents: 3_500 } });
      },
    });
    http = world.http;
    for (const period of [P02, P03, P04]) await http.post('/invoice-runs', { periodId: period.id });
    await http.post('/workers/sem/wage-value-decisions', {
      municipality: 'hengelo',
      wageValueBp: 6000,
      from: '2026-01-01',
      reassessOn: '2027-01-01',
    });
    for (const month of ['2026-01', '2026-02', '2026-03']) await http.post('/lks-claims', { month });
    const visschedijk = (await documentsOf(P03.id)).find((d) => d.employerId === 'visschedijk')!;
    await http.post(`/invoices/${visschedijk.invoiceId}/payments`, {
      amountCents: PAYMENT_CENTS,
      toGAccountCents: 0,
      paidOn: visschedijk.issuedOn,
    });
  }, 300_000);
  afterAll(() => app?.close());

  it('gives each hirer its invoices, payments, wage cost and subsidy, and the margin, to the cent', async () => {
    const [view, documents, rows, february, march] = await Promise.all([
      finance(`period=${P03.id}`),
      documentsOf(P03.id),
      exportOf(P03.id),
      claimsOf('2026-02'),
      claimsOf('2026-03'),
    ]);
    expect(view).toMatchObject({ period: { id: P03.id, from: P03.from, to: P03.to }, payRun: { payRunId: P03.id, status: 'finalized' } });
    expect(view.lksMonths).toEqual([
      { month: '2026-02', claims: 1 },
      { month: '2026-03', claims: 1 },
    ]);
    expect(documents.map((d) => [d.employerId, d.kind])).toEqual([
      ['visschedijk', 'invoice'],
      ['waarbeek', 'invoice'],
    ]);
    // Sem's subsidy in P03: his paid days in it are 24 and 27 February (the last two of the four days of February's
    // claim line, 3 to 27 February) and 3 and 6 March (the first two of the five of March's, 3 to 31 March), five hours each.
    const [feb] = february;
    const [mar] = march;
    expect(feb.lines).toEqual([expect.objectContaining({ from: '2026-02-03', to: '2026-02-27', minutes: 1200 })]);
    expect(mar.lines).toEqual([expect.objectContaining({ from: '2026-03-03', to: '2026-03-31', minutes: 1500 })]);
    const subsidy = claimPart(feb, 4, 2, 2) + claimPart(mar, 5, 0, 2);
    expect(Math.abs(subsidy - (feb.totalCents / 2 + (mar.totalCents * 2) / 5))).toBeLessThanOrEqual(2);

    expect(view.hirers).toEqual([expectedHirer('visschedijk', documents, rows, 0), expectedHirer('waarbeek', documents, rows, subsidy)]);
    const [visschedijk, waarbeek] = view.hirers;
    expect(visschedijk).toMatchObject({ paidCents: PAYMENT_CENTS, openCents: visschedijk.invoiced.totalCents - PAYMENT_CENTS });
    expect(visschedijk.wageCost.pensionEmployerCents).toBe(0);
    expect(waarbeek.wageCost.pensionEmployerCents).toBeGreaterThan(0);
    expect(waarbeek.subsidyCents).toBeGreaterThan(0);
  });

  it('gives each worker its wage cost from the export, the net of its invoice lines and its subsidy', async () => {
    const [view, documents, rows] = await Promise.all([finance(`period=${P03.id}`), documentsOf(P03.id), exportOf(P03.id)]);
    const lines = documents.flatMap((d) => d.lines);
    const workers = ['anna', 'joris', 'lotte', 'sem'];
    expect(view.workers).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(view.workers.items).toEqual(
      workers.map((workerId) => {
        const hirer = world.workers.find((w) => w.workerId === workerId)!.employerId;
        const wageCost = wageCostOf(rows, workerId, hirer);
        const invoicedNetCents = sum(
          lines.filter((l) => l.workerId === workerId),
          (l) => l.amountCents,
        );
        const subsidyCents = workerId === 'sem' ? view.hirers[1].subsidyCents : 0;
        return {
          workerId,
          wageCost,
          invoicedNetCents,
          creditedNetCents: 0,
          subsidyCents,
          marginCents: invoicedNetCents - wageCost.totalCents + subsidyCents,
        };
      }),
    );
    const page = await finance(`period=${P03.id}&limit=2&offset=1`);
    expect(page.workers).toEqual({ items: view.workers.items.slice(1, 3), total: 4, limit: 2, offset: 1 });
    expect(page.hirers).toEqual(view.hirers);
  });

  it('gives the pool’s totals: the sums of its hirers’, the margin by the same rule', async () => {
    const view = await finance(`period=${P03.id}`);
    const [v, w] = view.hirers;
    expect(view.totals).toEqual({
      invoiced: {
        documents: 2,
        netCents: v.invoiced.netCents + w.invoiced.netCents,
        vatCents: v.invoiced.vatCents + w.invoiced.vatCents,
        totalCents: v.invoiced.totalCents + w.invoiced.totalCents,
      },
      credited: { documents: 0, netCents: 0, vatCents: 0, totalCents: 0 },
      paidCents: PAYMENT_CENTS,
      openCents: v.openCents + w.openCents,
      wageCost: addCosts([v.wageCost, w.wageCost]),
      subsidyCents: w.subsidyCents,
      marginCents: v.marginCents + w.marginCents,
      poolOwn: { wageCost: { grossCents: 0, pensionEmployerCents: 0, employerChargesCents: 0, totalCents: 0 }, subsidyCents: 0 },
    });
  });

  it('attributes every cent of the month-based claims to exactly one four-week period', async () => {
    const views = await Promise.all([P02, P03, P04].map((period) => finance(`period=${period.id}`)));
    const claims = (await Promise.all(['2026-01', '2026-02', '2026-03'].map(claimsOf))).flat();
    // Sem's paid days of January to March all lie in 2026-P02 to P04 (his first is 27 January, his last of March the 31st).
    expect(sum(views, (v) => v.totals.subsidyCents)).toBe(sum(claims, (c) => c.totalCents));
    expect(views.map((v) => v.workers.items.filter((w) => w.subsidyCents > 0).map((w) => w.workerId))).toEqual([['sem'], ['sem'], ['sem']]);
  });

  it('narrows to one hirer: its figures, its workers’ part, and totals that are its own', async () => {
    const [all, one] = await Promise.all([finance(`period=${P03.id}`), finance(`period=${P03.id}&employerId=waarbeek`)]);
    expect(one.employerId).toBe('waarbeek');
    expect(one.hirers).toEqual([all.hirers[1]]);
    expect(one.workers.items.map((w) => w.workerId)).toEqual(['lotte', 'sem']);
    expect(one.workers.items).toEqual(all.workers.items.slice(2));
    const { employerId: _id, ...figures } = all.hirers[1];
    expect(one.totals).toEqual({ ...figures, poolOwn: all.totals.poolOwn });
    expect((await finance(`period=${P03.id}&employerId=nobody`)).hirers).toEqual([]);
  });

  it('counts a credit note and the difference the pay run paid for it: credited, invoiced anew, its wage cost', async () => {
    // Anna's first Monday of 2026-P02 was 08:00–13:00, not 08:00–12:00: corrected after P02 was paid and invoiced,
    // paid as a difference in 2026-P05 and credited and invoiced anew in P05's invoicing.
    const sheet = timesheetIdOf('anna-visschedijk', P02.weeks[0]);
    const [monday, wednesday] = world.hours.filter((d) => d.timesheetId === sheet).map((d) => d.day);
    const corrected = [hoursLine(monday, '08:00', '13:00'), hoursLine(wednesday, '08:00', '12:00')];
    await http.post(`/timesheets/${sheet}/corrections`, { lines: corrected, reason: 'Monday ended at 13:00' });
    await approveSheet(http, sheet, 'visschedijk');
    await runAndFinalize(http, P05.id);
    await http.post('/invoice-runs', { periodId: P05.id });

    const [view, documents, rows] = await Promise.all([finance(`period=${P05.id}`), documentsOf(P05.id), exportOf(P05.id)]);
    expect(documents.map((d) => [d.employerId, d.kind])).toEqual([
      ['visschedijk', 'credit_note'],
      ['visschedijk', 'invoice'],
    ]);
    expect(rows.map((r) => [r.workerId, r.costCentre, r.component])).toContainEqual(['anna', 'visschedijk', 'retro_difference']);
    const hirer = expectedHirer('visschedijk', documents, rows, 0);
    expect(hirer.credited.netCents).toBeGreaterThan(0);
    expect(view.hirers).toEqual([hirer]);
    const [credit, invoice] = documents;
    expect(view.workers.items).toEqual([
      {
        workerId: 'anna',
        wageCost: wageCostOf(rows, 'anna', 'visschedijk'),
        invoicedNetCents: sum(invoice.lines, (l) => l.amountCents),
        creditedNetCents: sum(credit.lines, (l) => l.amountCents),
        subsidyCents: 0,
        marginCents: hirer.marginCents,
      },
    ]);
    expect(view.totals.marginCents).toBe(hirer.marginCents);
  });

  it('is for operators and auditors: employers get 403; bad input a 4xx', async () => {
    expect((await finance(`period=${P03.id}`, AUDITOR)).hirers).toHaveLength(2);
    for (const employerId of ['visschedijk', 'waarbeek']) {
      await http.as(employerKey(employerId)).get(`/finance?period=${P03.id}&employerId=${employerId}`).expect(403);
    }
    const refused: [string, number][] = [
      ['/finance', 400],
      ['/finance?period=2026-3', 400],
      ['/finance?period=2026-P03&employerId=not%20an%20id', 400],
      ['/finance?period=2026-P03&limit=0', 400],
      ['/finance?period=2026-P03&extra=1', 400],
      ['/finance?period=2026-P14', 422],
      ['/finance?period=2026-03', 422], // a month, in a pool paid by four weeks
      ['/finance?period=2026-P09', 404], // no run yet
    ];
    const answers: string[] = [];
    for (const [path] of refused) answers.push(`${path} ${(await http.as(OPERATOR).get(path)).status}`);
    expect(answers).toEqual(refused.map(([path, status]) => `${path} ${status}`));
  });
});
