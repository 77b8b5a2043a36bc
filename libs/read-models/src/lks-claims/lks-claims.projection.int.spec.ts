import type { Projection } from '@banenpool/projector';
import { STACK_KINDS } from '@banenpool/testing';
import { payRunsProjection } from '../pay-runs/pay-runs.projection.js';
import { finalizedPaysOf, lastFinalizedDay } from '../pay-runs/pay-runs.query.js';
import { CEM_WAGE_VALUE, lksClaim, lksStream, monthPay, placements, timesheetLine } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { LksClaimRow, LksDecisionRow } from './lks-claims.entity.js';
import { lksClaimsProjection } from './lks-claims.projection.js';
import { decisionsOfWorkersReassessedBy, findLksClaim, lksClaimsOfMonth, workersWithDecisionsDuring } from './lks-claims.query.js';

// The claims read what the pay-runs read model holds, so both are projected here, as one.
const projection: Projection = {
  name: 'lks-claims+pay-runs',
  entities: [...lksClaimsProjection.entities, ...payRunsProjection.entities],
  async apply(events, manager) {
    await payRunsProjection.apply(events, manager);
    await lksClaimsProjection.apply(events, manager);
  },
};

const W45_SHIFT = (day: string) => ({ ...timesheetLine(day, '08:00', '16:30'), breakMinutes: 30 });
const W45 = ['2026-11-02', '2026-11-03', '2026-11-04'].map(W45_SHIFT);
const cemPaid = monthPay('2026-11', placements.cemWinter, [{ week: '2026-W45', lines: W45 }]);
/** Cem's week as corrected after November's claim: a fourth day, paid in a later run. */
const cemCorrected = monthPay('2026-11', placements.cemWinter, [{ week: '2026-W45', lines: [...W45, W45_SHIFT('2026-11-05')] }]);
const CEM_HISTORY = [
  CEM_WAGE_VALUE,
  lksClaim('cem-2026-11', CEM_WAGE_VALUE, cemPaid),
  { type: 'SubmitLksClaim', claimId: 'cem-2026-11', submittedOn: '2026-12-03', by: 'operator:demo' },
  { type: 'RecordLksClaimPayment', claimId: 'cem-2026-11', amountCents: 2000, paidOn: '2026-12-18', by: 'operator:demo' },
] as const;
const FEMKE_WAGE_VALUE = {
  ...CEM_WAGE_VALUE,
  decisionId: 'femke-enschede-2026',
  workerId: 'femke',
  municipality: 'enschede',
  wageValueBp: 6500,
  reassessOn: '2026-12-15',
};

describe.each(STACK_KINDS)('LKS claims on %s', (kind) => {
  let harness: ReadModelHarness;
  const db = () => harness.dataSource;
  const claimsOf = async (month: string, municipality?: string) =>
    (await lksClaimsOfMonth(db(), month, municipality)).map(
      (c) =>
        `${c.claimId} ${c.municipality} ${c.totalCents}${c.corrects ? ` corrects ${c.corrects}` : ''}${c.correctedBy ? ` corrected by ${c.correctedBy}` : ''}`,
    );

  beforeAll(async () => {
    harness = await openHarness(kind, projection);
    await harness.part2();
  });
  afterAll(() => harness?.close());

  it('folds a decision and a month’s claim, submitted and partly paid', async () => {
    const claim = lksClaim('cem-2026-11', CEM_WAGE_VALUE, cemPaid);
    if (claim.type !== 'CalculateLksClaim') throw new Error('a claim');
    expect(claim.figures.totalCents).toBeGreaterThan(0);
    expect(await findLksClaim(db(), 'cem-2026-11')).toEqual({
      claimId: 'cem-2026-11',
      workerId: 'cem',
      month: '2026-11',
      municipality: 'hengelo',
      decisionId: 'cem-hengelo-2026',
      payRunIds: ['2026-11'],
      lines: claim.figures.lines,
      subsidyCents: claim.figures.subsidyCents,
      employerChargesAllowanceCents: claim.figures.employerChargesAllowanceCents,
      totalCents: claim.figures.totalCents,
      calculatedBy: 'operator:demo',
      submittedOn: '2026-12-03',
      payments: [{ amountCents: 2000, paidOn: '2026-12-18', by: 'operator:demo' }],
      paidCents: 2000,
    });
    expect(await findLksClaim(db(), 'nope')).toBeUndefined();
  });

  it('marks a corrected claim and lists a month’s claims by municipality and worker', async () => {
    const cem = lksStream([...CEM_HISTORY, lksClaim('cem-2026-11-b', CEM_WAGE_VALUE, cemCorrected)]);
    const femke = lksStream([
      FEMKE_WAGE_VALUE,
      lksClaim(
        'femke-2026-11',
        FEMKE_WAGE_VALUE,
        monthPay('2026-11', placements.femkeTaxi, [{ week: '2026-W45', lines: W45.slice(0, 1) }]),
      ),
    ]);
    await harness.append([{ ...cem, events: cem.events.slice(CEM_HISTORY.length) }, femke]);

    const original = await findLksClaim(db(), 'cem-2026-11');
    const corrected = await findLksClaim(db(), 'cem-2026-11-b');
    expect(corrected!.totalCents).toBeGreaterThan(original!.totalCents);
    expect(await claimsOf('2026-11')).toEqual([
      `femke-2026-11 enschede ${(await findLksClaim(db(), 'femke-2026-11'))!.totalCents}`,
      `cem-2026-11 hengelo ${original!.totalCents} corrected by cem-2026-11-b`,
      `cem-2026-11-b hengelo ${corrected!.totalCents} corrects cem-2026-11`,
    ]);
    expect(await claimsOf('2026-11', 'hengelo')).toHaveLength(2);
    expect(await claimsOf('2026-12')).toEqual([]);
  });

  it('finds the workers with a decision in a stretch of days, and what is up for reassessment', async () => {
    expect(await workersWithDecisionsDuring(db(), { from: '2026-11-01', to: '2026-11-30' })).toEqual(['cem', 'femke']);
    expect(await workersWithDecisionsDuring(db(), { from: '2026-11-01', to: '2026-11-30' }, 'enschede')).toEqual(['femke']);
    expect(await workersWithDecisionsDuring(db(), { from: '2026-10-01', to: '2026-10-31' })).toEqual([]);
    expect((await decisionsOfWorkersReassessedBy(db(), '2026-12-31')).map((d) => [d.decisionId, d.reassessOn, d.to])).toEqual([
      ['femke-enschede-2026', '2026-12-15', undefined],
    ]);
    expect(await decisionsOfWorkersReassessedBy(db(), '2027-01-15')).toHaveLength(2);
  });

  it('reads what the finalized runs paid one worker, and how far the pay is final', async () => {
    expect(await lastFinalizedDay(db())).toBe('2026-11-30');
    const paid = await finalizedPaysOf(db(), 'cem', '2026-11-01');
    expect(paid.map((run) => [run.period.id, run.lines.length])).toEqual([['2026-11', 3]]);
    expect(await finalizedPaysOf(db(), 'cem', '2026-12-01')).toEqual([]);
    expect(await finalizedPaysOf(db(), 'anna', '2026-11-01')).toEqual([]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, projection, async () => [
      await db().manager.find(LksDecisionRow, { order: { decisionId: 'ASC' } }),
      await db().manager.find(LksClaimRow, { order: { claimId: 'ASC' } }),
      await lksClaimsOfMonth(db(), '2026-11'),
    ]);
  });

  it('forgets an erased worker’s wage-value decisions and claim lines, keeps the claims’ totals, and a replay or rebuild brings neither back', async () => {
    const withoutLines = (claims: { lines: unknown[] }[]) => claims.map(({ lines: _lines, ...claim }) => claim);
    const claims = await lksClaimsOfMonth(db(), '2026-11');
    expect(claims.filter((c) => c.workerId === 'cem' && c.lines.length > 0)).not.toEqual([]);
    await harness.append([
      {
        streamId: 'worker-cem',
        events: [
          {
            type: 'WorkerDataErased',
            data: { workerId: 'cem', reason: 'data_subject_request', erasedOn: '2027-06-01', retained: { targetGroupStatuses: [] } },
          },
        ],
      },
    ]);
    expect(await workersWithDecisionsDuring(db(), { from: '2026-11-01', to: '2026-11-30' })).toEqual(['femke']);
    const after = await lksClaimsOfMonth(db(), '2026-11');
    expect(withoutLines(after)).toEqual(withoutLines(claims));
    expect(after.filter((c) => c.workerId === 'cem').map((c) => c.lines)).toEqual(claims.filter((c) => c.workerId === 'cem').map(() => []));
    await expectReplaysEqual(harness, projection, async () => [
      await db().manager.find(LksDecisionRow, { order: { decisionId: 'ASC' } }),
      await db().manager.find(LksClaimRow, { order: { claimId: 'ASC' } }),
      await lksClaimsOfMonth(db(), '2026-11'),
    ]);
  });
});
