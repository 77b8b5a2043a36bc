import type { INestApplication } from '@nestjs/common';
import { invoiceLedgerStreamId, invoiceNumberOf, schemaVersionOf } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import type { Response } from 'superagent';
import { pdfText } from '../libs/application/src/invoice/pdf-text.testing.js';
import { startTestApi } from './support/api-client.js';
import {
  approveWeek,
  AUDITOR,
  buildPayrollWorld,
  CAO_FROM,
  daysOfWeek,
  employerKey,
  fourWeekPeriod,
  hoursLine,
  OPERATOR,
  placeWorker,
  registerHirer,
  registerWeekHours,
  registerWorker,
  runAndFinalize,
  submitSheet,
  timesheetIdOf,
  type PayrollWorld,
  type PoolHttp,
} from './support/payroll-world.js';

// Invoicing over HTTP on the shared payroll world (2026-P02 paid and finalized for Visschedijk and
// De Waarbeek), with twenty more hirers of one worker each to invoice at the same time. Every amount
// expected is computed here from the pay run's export and the rates agreed, never copied from an answer.

const P02 = fourWeekPeriod('2026-P02');
const P03 = fourWeekPeriod('2026-P03');
const EXTRA_HIRERS = Array.from({ length: 20 }, (_, i) => `hirer-${String(i + 1).padStart(2, '0')}`);
/** A hirer with hours and no rate agreed (yet). */
const UNPRICED = 'hirer-unpriced';
const FACTOR_BP = 18_500;
const G_ACCOUNT_BP = 2_500;
const WAARBEEK_HOURLY_CENTS = 3_500;

/** Basis points of an amount in cents, rounded half up (the amounts here are positive). */
const share = (cents: number, bp: number) => Math.floor((cents * bp + 5_000) / 10_000);
const euros = (cents: number) =>
  `€ ${String(Math.trunc(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(cents % 100).padStart(2, '0')}`;

/** The latest of global positions `commit-prepare`. */
const latest = (positions: string[]) =>
  positions.reduce((a, b) => {
    const [ca, pa] = a.split('-').map(BigInt);
    const [cb, pb] = b.split('-').map(BigInt);
    return ca > cb || (ca === cb && pa > pb) ? a : b;
  });

/** A binary answer (the PDF) as one Buffer. */
const binary = (response: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

const agree = (http: PoolHttp, employerId: string, rate: object, gAccountShareBp = 0) =>
  http.post(`/employers/${employerId}/rate-agreements`, { scope: { kind: 'employer' }, from: P02.from, rate, gAccountShareBp });

/**
 * A hirer under the world's cleaning CAO with one adult worker at step 1, four hours on the first
 * Monday of 2026-P02, and (unless said otherwise) a rate agreed.
 */
async function smallHirer(http: PoolHttp, employerId: string, withRate = true) {
  const workerId = `w-${employerId}`;
  const placementId = `${workerId}-pl`;
  await registerHirer(http, { employerId, caoCode: 'schoonmaak', from: CAO_FROM });
  await registerWorker(http, { workerId, birthDate: '1985-03-01', contractFrom: P02.from });
  await placeWorker(http, { placementId, workerId, employerId, from: P02.from, to: P02.to, step: 1 });
  await registerWeekHours(http, timesheetIdOf(placementId, P02.weeks[0]), [hoursLine(daysOfWeek(P02.weeks[0])[0], '08:00', '12:00')]);
  await submitSheet(http, timesheetIdOf(placementId, P02.weeks[0]));
  await approveWeek(http, employerId, P02.weeks[0]);
  if (withRate) await agree(http, employerId, { kind: 'factor', factorBp: FACTOR_BP });
}

interface Line {
  placementId: string;
  workerId: string;
  minutes: number;
  grossWageCents: number;
  amountCents: number;
  sources: { day: string; minutes: number }[];
}
interface Document {
  invoiceId: string;
  issuedOn: string;
  number: string;
  kind: string;
  employerId: string;
  sequence: number;
  lines: Line[];
  totals: { netCents: number; vatCents: number; totalCents: number; gAccountCents: number };
  status: string;
  openCents: number;
  corrects?: { invoiceId: string; lineIndices: number[] }[];
  reasons?: { kind: string }[];
}
interface RunDocument {
  invoiceId: string;
  number: string;
  kind: string;
  employerId: string;
  issued: boolean;
  position?: string;
}

describe('invoices per hirer per period, over HTTP', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  let http: PoolHttp;
  let year: number;
  /** Visschedijk's invoice of 2026-P02. */
  let visschedijk: Document;
  const as = (key: string) => http.as(key);
  const invoiceRun = (body: object, status = 201, key = OPERATOR) => http.post('/invoice-runs', body, key, status);
  const invoice = (id: string, key = OPERATOR): Promise<Document> => http.read(`/invoices/${id}`, key);
  const sequences = (documents: RunDocument[]) => documents.map((d) => Number(d.number.slice(5))).sort((a, b) => a - b);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app, {
      periods: [P02.id],
      beforePayRuns: async (pool) => {
        await agree(pool, 'visschedijk', { kind: 'factor', factorBp: FACTOR_BP }, G_ACCOUNT_BP);
        await agree(pool, 'waarbeek', { kind: 'fixed', hourlyCents: WAARBEEK_HOURLY_CENTS });
        for (const employerId of EXTRA_HIRERS) await smallHirer(pool, employerId);
        await smallHirer(pool, UNPRICED, false);
      },
    });
    http = world.http;
  });
  afterAll(() => app?.close());

  it('refuses what cannot be invoiced, and who may not invoice, writing nothing', async () => {
    expect(await invoiceRun({ periodId: P03.id }, 422)).toMatchObject({ code: 'pay_run_not_final' });
    expect(await invoiceRun({ periodId: P02.id, employerId: 'nobody' }, 422)).toMatchObject({ code: 'nothing_to_invoice' });
    await invoiceRun({ periodId: P02.id }, 403, employerKey('visschedijk'));
    await invoiceRun({ periodId: P02.id }, 403, AUDITOR);
    for (const body of [{}, { periodId: 'P02' }, { periodId: '2026-P02', employerId: 'Not An Id' }, { periodId: '2026-P02', extra: 1 }]) {
      await invoiceRun(body, 400);
    }
    await as(OPERATOR).post('/invoice-runs').set('If-Match', '"3"').send({ periodId: P02.id }).expect(400);
    expect((await http.read('/invoices')).total).toBe(0);
    await as(OPERATOR).get('/invoices/2026-1').expect(404);
    await as(OPERATOR).get('/invoices/not-an-id').expect(400);
    await as(OPERATOR).get('/invoices/2026-00001?format=xml').expect(400);
    await as(OPERATOR).get('/invoices?kind=receipt').expect(400);
  });

  it('invoices a hirer: per placement its hours × the rate agreed, 21 % VAT and the G-account share, to the cent', async () => {
    const answer = await invoiceRun({ periodId: P02.id, employerId: 'visschedijk' });
    expect(answer.documents).toEqual([expect.objectContaining({ kind: 'invoice', employerId: 'visschedijk', issued: true })]);
    expect(answer.refused).toEqual([]);
    year = Number(answer.documents[0].number.slice(0, 4));
    expect(answer.documents[0].number).toBe(invoiceNumberOf(year, 1));
    visschedijk = await invoice(answer.documents[0].invoiceId);

    // The gross wage the run paid each worker at Visschedijk (wage + CAO surcharge), from its export.
    const rows: { workerId: string; costCentre: string; component: string; minutes: number; amountCents: number }[] = (
      await http.read(`/pay-runs/${P02.id}/export?format=json`)
    ).rows;
    const gross = (workerId: string) =>
      rows
        .filter((r) => r.workerId === workerId && r.costCentre === 'visschedijk' && ['wage', 'surcharge'].includes(r.component))
        .reduce((sum, r) => sum + r.amountCents, 0);
    const workers = ['anna', 'joris'];
    expect(visschedijk.lines.map((line) => [line.workerId, line.grossWageCents, line.amountCents])).toEqual(
      workers.map((workerId) => [workerId, gross(workerId), share(gross(workerId), FACTOR_BP)]),
    );
    for (const line of visschedijk.lines) {
      const days = world.hours.filter((d) => d.workerId === line.workerId);
      expect(line.minutes).toBe(days.reduce((sum, d) => sum + d.minutes, 0));
      expect(line.sources.map((s) => s.day)).toEqual(days.map((d) => d.day));
    }
    const net = workers.reduce((sum, workerId) => sum + share(gross(workerId), FACTOR_BP), 0);
    const total = net + share(net, 2_100);
    expect(visschedijk).toMatchObject({
      number: invoiceNumberOf(year, 1),
      status: 'issued',
      totals: { netCents: net, vatCents: share(net, 2_100), totalCents: total, gAccountCents: share(total, G_ACCOUNT_BP) },
      openCents: total,
      hirer: { employerId: 'visschedijk', name: 'visschedijk' },
      paymentTermDays: 30,
    });
  });

  it('gives 20 concurrent runs for 20 hirers unique numbers that follow on without a gap', async () => {
    const answers = await Promise.all(EXTRA_HIRERS.map((employerId) => invoiceRun({ periodId: P02.id, employerId })));
    const documents: RunDocument[] = answers.flatMap((answer) => answer.documents);
    // The answers came back in any order: read after the latest of their positions.
    http.lastPosition = latest(documents.map((d) => d.position!));
    expect(documents.map((d) => [d.employerId, d.kind, d.issued])).toEqual(EXTRA_HIRERS.map((id) => [id, 'invoice', true]));
    expect(sequences(documents)).toEqual(range(2, 21));

    const listed = await http.read(`/invoices?year=${year}&limit=100`);
    expect(listed.items.map((i: Document) => i.sequence)).toEqual(range(1, 21));
    const small = await invoice(documents[0].invoiceId);
    expect(small.lines).toEqual([expect.objectContaining({ workerId: 'w-hirer-01', minutes: 240 })]);
  });

  it('issues the document under the number a run took before it died, and never invoices a period twice', async () => {
    // A run took number 22 for De Waarbeek's invoice and died before it appended the document.
    const store = app.get<EventStore>(EVENT_STORE);
    const taken = { year, sequence: 22, invoiceId: invoiceNumberOf(year, 22), kind: 'invoice', employerId: 'waarbeek', periodId: P02.id };
    const type = 'InvoiceNumberAssigned';
    await store.appendToStream(invoiceLedgerStreamId(year), [{ type, data: taken, schemaVersion: schemaVersionOf(type) }], {
      expectedVersion: 20,
    });

    const every = await invoiceRun({ periodId: P02.id });
    // A hirer without a rate for its hours is refused and listed, takes no number, and stops no other hirer.
    expect(every.refused).toEqual([{ employerId: UNPRICED, code: 'no_rate_agreement', reason: expect.stringContaining(UNPRICED) }]);
    const documents: RunDocument[] = every.documents;
    expect(documents.filter((d) => d.issued).map((d) => [d.employerId, d.number])).toEqual([['waarbeek', invoiceNumberOf(year, 22)]]);
    expect(sequences(documents)).toEqual(range(1, 22));

    const again = await invoiceRun({ periodId: P02.id });
    expect(again.documents.every((d: RunDocument) => !d.issued)).toBe(true);
    expect(again.position).toBeUndefined();
    const once = await invoiceRun({ periodId: P02.id, employerId: 'visschedijk' });
    expect(once.documents).toEqual([expect.objectContaining({ invoiceId: visschedijk.invoiceId, issued: false })]);
    expect((await http.read(`/invoices?year=${year}&limit=100`)).items.map((i: Document) => i.sequence)).toEqual(range(1, 22));
    expect((await http.read(`/invoices?employerId=waarbeek&periodId=${P02.id}`)).total).toBe(1);

    // Invoiced on its own, its refusal is the answer; once a rate is agreed, it gets the next number.
    expect(await invoiceRun({ periodId: P02.id, employerId: UNPRICED }, 422)).toMatchObject({ code: 'no_rate_agreement' });
    await agree(http, UNPRICED, { kind: 'factor', factorBp: FACTOR_BP });
    const priced = await invoiceRun({ periodId: P02.id, employerId: UNPRICED });
    expect(priced.documents.map((d: RunDocument) => [d.number, d.issued])).toEqual([[invoiceNumberOf(year, 23), true]]);

    // De Waarbeek's fixed rate: € 35,00 an hour, whatever the wage.
    const waarbeek = await invoice(invoiceNumberOf(year, 22));
    for (const line of waarbeek.lines) expect(line.amountCents).toBe((line.minutes * WAARBEEK_HOURLY_CENTS) / 60);
  });

  it('lets an employer read its own invoices, as JSON, CSV and PDF, and nothing of another’s (403)', async () => {
    const own = employerKey('visschedijk');
    expect(await invoice(visschedijk.invoiceId, own)).toMatchObject({ invoiceId: visschedijk.invoiceId, lines: visschedijk.lines });
    await as(own)
      .get(`/invoices/${invoiceNumberOf(year, 22)}`)
      .expect(403);
    await as(own).get('/invoices?employerId=waarbeek').expect(403);
    const listed = await http.read('/invoices', own);
    expect(listed.items.map((i: Document) => i.invoiceId)).toEqual([visschedijk.invoiceId]);
    // The id without the zeros names the same document.
    expect((await invoice(`${year}-1`, AUDITOR)).invoiceId).toBe(visschedijk.invoiceId);

    const csv = await as(own).get(`/invoices/${visschedijk.invoiceId}?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    expect(rows).toHaveLength(visschedijk.lines.length);
    const amount = header.split(',').indexOf('amount_cents');
    expect(rows.reduce((sum, row) => sum + Number(row.split(',')[amount]), 0)).toBe(visschedijk.totals.netCents);
    const byAccept = await as(own).get(`/invoices/${visschedijk.invoiceId}`).set('Accept', 'text/csv').expect(200);
    expect(byAccept.text).toBe(csv.text);

    for (const pdf of [
      await as(own).get(`/invoices/${visschedijk.invoiceId}?format=pdf`).buffer(true).parse(binary).expect(200),
      await as(own).get(`/invoices/${visschedijk.invoiceId}`).set('Accept', 'application/pdf').buffer(true).parse(binary).expect(200),
    ]) {
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(pdf.body as Buffer);
      for (const expected of [`Invoice ${visschedijk.number}`, 'To: visschedijk (visschedijk)', euros(visschedijk.totals.totalCents)]) {
        expect(text).toContain(expected);
      }
    }
  });

  it('records the sending and the payments of an invoice until it is paid, and refuses what cannot be', async () => {
    const path = `/invoices/${visschedijk.invoiceId}`;
    const { issuedOn } = visschedijk;
    expect(await http.post(`${path}/sending`, { sentOn: issuedOn })).toMatchObject({ events: ['InvoiceSent'] });
    expect(await http.post(`${path}/sending`, {}, OPERATOR, 409)).toMatchObject({ code: 'invoice_already_sent' });

    const { totalCents, gAccountCents } = visschedijk.totals;
    const pay = (body: object, status = 201, key = OPERATOR) => http.post(`${path}/payments`, { paidOn: issuedOn, ...body }, key, status);
    await pay({ amountCents: gAccountCents, toGAccountCents: gAccountCents }, 403, employerKey('visschedijk'));
    for (const bad of [
      { amountCents: 0, toGAccountCents: 0 },
      { amountCents: '5', toGAccountCents: 0 },
      { amountCents: 5 },
      { amountCents: 5, toGAccountCents: 0, paidOn: '2026-02-30' },
    ]) {
      await pay(bad, 400);
    }
    expect(await pay({ amountCents: 5, toGAccountCents: 6 }, 422)).toMatchObject({ code: 'invalid_g_account_amount' });
    expect(await pay({ amountCents: totalCents + 1, toGAccountCents: 0 }, 422)).toMatchObject({ code: 'payment_exceeds_open' });
    await http.post(`/invoices/${year}-99/payments`, { amountCents: 5, toGAccountCents: 0, paidOn: issuedOn }, OPERATOR, 404);

    await pay({ amountCents: gAccountCents, toGAccountCents: gAccountCents, reference: 'G-account transfer' });
    expect(await invoice(visschedijk.invoiceId)).toMatchObject({ status: 'part_paid', openCents: totalCents - gAccountCents });
    await pay({ amountCents: totalCents - gAccountCents, toGAccountCents: 0 });
    expect(await invoice(visschedijk.invoiceId)).toMatchObject({
      status: 'paid',
      openCents: 0,
      paid: { cents: totalCents, toGAccountCents: gAccountCents },
    });
    expect(await pay({ amountCents: 1, toGAccountCents: 0 }, 409)).toMatchObject({ code: 'invoice_paid' });
    expect((await http.read('/invoices?status=paid')).items.map((i: Document) => i.invoiceId)).toEqual([visschedijk.invoiceId]);
  });

  it('credits the lines a correction after invoicing made wrong, and bills them anew on the next invoice', async () => {
    // Anna's first Monday was 08:00–13:00, not 08:00–12:00: corrected and approved after 2026-P02 was paid and invoiced.
    const annaLine = visschedijk.lines.findIndex((line) => line.workerId === 'anna');
    const sheet = timesheetIdOf('anna-visschedijk', P02.weeks[0]);
    const [monday, wednesday] = world.hours.filter((d) => d.timesheetId === sheet).map((d) => d.day);
    const lines = [hoursLine(monday, '08:00', '13:00'), hoursLine(wednesday, '08:00', '12:00')];
    await http.post(`/timesheets/${sheet}/corrections`, { lines, reason: 'Monday ended at 13:00' }, employerKey('visschedijk'));
    await http.post(`/timesheets/${sheet}/approval`, {}, employerKey('visschedijk'));
    await runAndFinalize(http, P03.id);

    const answer = await invoiceRun({ periodId: P03.id });
    expect(answer.documents.map((d: RunDocument) => [d.employerId, d.kind, d.number])).toEqual([
      ['visschedijk', 'credit_note', invoiceNumberOf(year, 24)],
      ['visschedijk', 'invoice', invoiceNumberOf(year, 25)],
    ]);
    const credit = await invoice(invoiceNumberOf(year, 24));
    const credited = visschedijk.lines[annaLine];
    expect(credit).toMatchObject({
      kind: 'credit_note',
      corrects: [{ invoiceId: visschedijk.invoiceId, lineIndices: [annaLine] }],
      reasons: [{ kind: 'timesheet_corrected' }],
      lines: [credited],
      totals: { netCents: -credited.amountCents },
    });
    const next = await invoice(invoiceNumberOf(year, 25));
    expect(next.lines).toEqual([expect.objectContaining({ workerId: 'anna', minutes: credited.minutes + 60 })]);
    const pdf = await as(employerKey('visschedijk')).get(`/invoices/${credit.invoiceId}?format=pdf`).buffer(true).parse(binary).expect(200);
    expect(await pdfText(pdf.body as Buffer)).toContain(`Credit note ${credit.number}`);
  });
});
