import { applyBasisPoints, mulDivRoundHalfUp, type LocalDate, type PayComponents, type PayLine, type WorkerPay } from '@banenpool/domain';

/** What a paid line of the specs is made of; the amounts follow from the minutes, the wage and the percentages. */
export interface LineSpec {
  employerId: string;
  day: LocalDate;
  minutes: number;
  hourlyCents?: number;
  minimumHourlyCents?: number;
  surchargeBp?: number;
  holidayAllowanceBp?: number;
  pensionEmployerBp?: number;
}

/** The components as a pay line rounds them: each half up on its own. */
export function amountsOf({
  minutes,
  hourlyCents = 1720,
  surchargeBp = 0,
  holidayAllowanceBp = 800,
  pensionEmployerBp = 0,
}: LineSpec): PayComponents {
  const wageCents = mulDivRoundHalfUp(minutes, hourlyCents, 60);
  const surchargeCents = applyBasisPoints(wageCents, surchargeBp);
  return {
    wageCents,
    surchargeCents,
    holidayAllowanceCents: applyBasisPoints(wageCents + surchargeCents, holidayAllowanceBp),
    pensionEmployeeCents: 0,
    pensionEmployerCents: applyBasisPoints(wageCents + surchargeCents, pensionEmployerBp),
  };
}

/** A paid line of normal hours under an illustrative CAO (adult, 2026 minimum wage), with its amounts. */
export function paidLine(spec: LineSpec, lineIndex = 0): PayLine {
  const { employerId, day, minutes, hourlyCents = 1720, minimumHourlyCents = 1471, holidayAllowanceBp = 800, pensionEmployerBp = 0 } = spec;
  return {
    timesheetId: `${employerId}-${day}`,
    timesheetVersion: 1,
    lineIndex,
    placementId: `pl-${employerId}`,
    employerId,
    day,
    hourType: 'normal',
    minutes,
    wage: {
      day,
      hourlyCents,
      basis: hourlyCents > minimumHourlyCents ? 'cao' : 'minimum_wage',
      age: 40,
      cao: {
        code: 'groen',
        effectiveFrom: '2025-07-01',
        revision: 0,
        scale: 'B',
        step: 0,
        scaleHourlyCents: hourlyCents,
        youthBp: 10_000,
        hourlyCents,
      },
      minimumWage: {
        rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 },
        youthBp: 10_000,
        hourlyCents: minimumHourlyCents,
      },
    },
    rates: {
      wageShareBp: 10_000,
      surchargeBp: spec.surchargeBp ?? 0,
      surchargedMinutes: spec.surchargeBp ? minutes : 0,
      holidayAllowanceBp,
      pensionEmployeeBp: 0,
      pensionEmployerBp,
      leaveAccrualBp: 769,
    },
    amounts: amountsOf(spec),
    leaveAccruedMinutes: 0,
    rules: [],
  };
}

const ZERO: PayComponents = { wageCents: 0, surchargeCents: 0, holidayAllowanceCents: 0, pensionEmployeeCents: 0, pensionEmployerCents: 0 };

/** A worker's pay of the lines given, without top-ups or differences unless added; totals left at nothing (the finance view does not read them). */
export const workerPay = (
  workerId: string,
  lines: PayLine[],
  more: Partial<Pick<WorkerPay, 'topUps' | 'differences'>> = {},
): WorkerPay => ({
  workerId,
  lines,
  topUps: more.topUps ?? [],
  differences: more.differences ?? [],
  totals: { ...ZERO, paidMinutes: 0, topUpMinutes: 0, leaveAccruedMinutes: 0, grossCents: 0 },
});
