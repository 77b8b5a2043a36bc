import { addMonths, mulDivRoundHalfUp, type Cents, type LksClaimLine, type LocalDate, type PayLine, type Period } from '@banenpool/domain';

/** How the finance view attributes the month-based LKS claims to the days of a pay period, stated with every answer. */
export const SUBSIDY_ATTRIBUTION =
  'each standing LKS claim (not corrected by a later one) of a month the period touches is spread over the days and hirers of the hours it counts: ' +
  'a claim line’s subsidy over the minutes the finalized pay runs paid on its days with its hourly figures (minimum wage, CAO wage, holiday allowance), ' +
  'the claim’s employer-charges allowance over those parts by their subsidy, each in whole cents by cumulative rounding half up so the parts add up to the claim; ' +
  'the period gets the parts of its own days. A line whose hours the pay runs no longer show counts on its first day, for no hirer.';

/** A part of a claim: what it gives for one worker's paid minutes of one day at one hirer (none: a line no paid hours match). */
export interface SubsidyPart {
  workerId: string;
  day: LocalDate;
  employerId?: string;
  cents: Cents;
}

/** What a claim is spread by: its worker, lines and allowance, as the read model holds it. */
export interface AttributedClaim {
  workerId: string;
  lines: readonly LksClaimLine[];
  employerChargesAllowanceCents: Cents;
}

/**
 * `total` in whole cents over parts in proportion to `weights` (non-negative integers), adding up to
 * `total` exactly: each part is the rounded (half up) cumulative share up to it less the one before.
 * With nothing to weigh by, the first part takes it all.
 */
export function apportion(total: Cents, weights: readonly number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  let cumulative = 0;
  let before = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = mulDivRoundHalfUp(total, cumulative, sum);
    const part = upTo - before;
    before = upTo;
    return part;
  });
}

/** Whether a paid line is one a claim line counts: a day in its stretch, paid with its hourly figures. */
const countedBy = (claimLine: LksClaimLine) => (paid: PayLine) =>
  paid.day >= claimLine.from &&
  paid.day <= claimLine.to &&
  paid.wage.minimumWage.hourlyCents === claimLine.minimumWageHourlyCents &&
  paid.wage.hourlyCents === claimLine.caoWageHourlyCents &&
  paid.rates.holidayAllowanceBp === claimLine.holidayAllowanceBp;

/** The minutes a claim line counts per day and hirer, by day then hirer; its first day for no hirer when no paid line matches. */
function cellsOf(claimLine: LksClaimLine, paid: readonly PayLine[]): { day: LocalDate; employerId?: string; minutes: number }[] {
  const cells = new Map<string, { day: LocalDate; employerId: string; minutes: number }>();
  for (const line of paid.filter(countedBy(claimLine))) {
    const key = `${line.day} ${line.employerId}`;
    const cell = cells.get(key) ?? { day: line.day, employerId: line.employerId, minutes: 0 };
    cell.minutes += line.minutes;
    cells.set(key, cell);
  }
  if (cells.size === 0) return [{ day: claimLine.from, minutes: 0 }];
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cell]) => cell);
}

/**
 * A claim spread over the days and hirers of the hours it counts (SUBSIDY_ATTRIBUTION): the parts add
 * up to the claim's total to the cent. `paid` is what the finalized runs paid the worker on the
 * claim's days as it stands (paidHoursWithin), the hours the claim was calculated from.
 */
export function claimParts(claim: AttributedClaim, paid: readonly PayLine[]): SubsidyPart[] {
  const parts = claim.lines.flatMap((claimLine) => {
    const cells = cellsOf(claimLine, paid);
    const subsidies = apportion(
      claimLine.subsidyCents,
      cells.map((cell) => cell.minutes),
    );
    return cells.map(({ day, employerId }, i) => ({
      workerId: claim.workerId,
      day,
      ...(employerId && { employerId }),
      cents: subsidies[i],
    }));
  });
  const allowances = apportion(
    claim.employerChargesAllowanceCents,
    parts.map((part) => part.cents),
  );
  return parts.map((part, i) => ({ ...part, cents: part.cents + allowances[i] }));
}

/** The parts that fall on the days of a period. */
export const partsWithin = (parts: readonly SubsidyPart[], days: Period): SubsidyPart[] =>
  parts.filter((part) => part.day >= days.from && part.day <= days.to);

/** The claim months a period has days in, the first first: `2026-02`, `2026-03` for 23 February to 22 March. */
export function monthsOf(days: Period): string[] {
  const months: string[] = [];
  for (let first = `${days.from.slice(0, 7)}-01`; first <= days.to; first = addMonths(first, 1)) months.push(first.slice(0, 7));
  return months;
}
