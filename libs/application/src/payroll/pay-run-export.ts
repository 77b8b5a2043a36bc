import { stringify } from 'csv-stringify/sync';
import { mulDivRoundHalfUp, type PayComponents, type PayPeriod, type WorkerPay } from '@banenpool/domain';

/**
 * What the payroll engine books, per worker and cost centre: the hours paid and their wage, the
 * CAO surcharges, the holiday allowance reserved, both pension premiums, the pool's guaranteed-hours
 * top-up, the differences for earlier periods, and the holiday hours earned (hours, no amount).
 */
export const EXPORT_COMPONENTS = [
  'wage',
  'surcharge',
  'holiday_allowance_reserve',
  'pension_employee',
  'pension_employer',
  'top_up',
  'retro_difference',
  'leave_accrual',
] as const;
export type ExportComponent = (typeof EXPORT_COMPONENTS)[number];

/** The cost centre of what the pool pays on its own account (the guaranteed-hours top-ups): never invoiced to a hirer. */
export const POOL_COST_CENTRE = 'pool';

/** One worker's amount of one component at one cost centre (a hirer's employerId, or the pool). */
export interface PayExportRow {
  payRunId: string;
  periodId: string;
  periodFrom: string;
  periodTo: string;
  /** The worker's reference in the payroll engine. */
  workerId: string;
  costCentre: string;
  component: ExportComponent;
  /** The minutes the component is paid (or, for leave accrual, earned) over; null for a percentage on pay (reserve, pension). */
  minutes: number | null;
  /** The same minutes as hours, '7.50' (two places, rounded half up); null with them. */
  hours: string | null;
  amountCents: number;
  /** The amount as euros, '123.45' (a point, no thousands separator); negative for a difference that takes back. */
  amountEuros: string;
}

/** Hundredths as decimal text with two places: 12345 → '123.45', -50 → '-0.50'. Integer arithmetic only. */
export function hundredthsText(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Minutes as hours with two places, rounded half up: 450 → '7.50', 20 → '0.33'. */
export const hoursText = (minutes: number): string => hundredthsText(mulDivRoundHalfUp(minutes, 100, 60));

type Bucket = { minutes: number | null; cents: number };

/** Sums one worker's pay into buckets by cost centre and component. */
class Buckets {
  private readonly buckets = new Map<string, Map<ExportComponent, Bucket>>();

  add(costCentre: string, component: ExportComponent, cents: number, minutes: number | null = null): void {
    const ofCentre = this.buckets.get(costCentre) ?? new Map<ExportComponent, Bucket>();
    this.buckets.set(costCentre, ofCentre);
    const bucket = ofCentre.get(component) ?? { minutes: minutes === null ? null : 0, cents: 0 };
    ofCentre.set(component, {
      minutes: bucket.minutes === null || minutes === null ? bucket.minutes : bucket.minutes + minutes,
      cents: bucket.cents + cents,
    });
  }

  /** The reserve and the pension premiums: percentages on pay, booked with the pay they were taken on. */
  addOnPay(costCentre: string, amounts: PayComponents): void {
    this.add(costCentre, 'holiday_allowance_reserve', amounts.holidayAllowanceCents);
    this.add(costCentre, 'pension_employee', amounts.pensionEmployeeCents);
    this.add(costCentre, 'pension_employer', amounts.pensionEmployerCents);
  }

  /** Cost centres in name order, components in the export's order; a bucket of nothing at all is left out. */
  entries(): { costCentre: string; component: ExportComponent; bucket: Bucket }[] {
    return [...this.buckets]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([costCentre, ofCentre]) =>
        EXPORT_COMPONENTS.flatMap((component) => {
          const bucket = ofCentre.get(component);
          const empty = bucket === undefined || (bucket.cents === 0 && (bucket.minutes ?? 0) === 0);
          return empty ? [] : [{ costCentre, component, bucket }];
        }),
      );
  }
}

/**
 * The rows of one worker. The period's lines are booked at their hirer; a top-up at the pool
 * (wage and surcharge as `top_up`); a difference at the hirer of its day (the pool for a top-up
 * week) with wage and surcharge as `retro_difference`. The reserve and pension of each go to their
 * own components, so wage + surcharge + reserve + top-up + retro difference is the worker's gross.
 */
export function workerExportRows(payRunId: string, period: PayPeriod, pay: WorkerPay): PayExportRow[] {
  const buckets = new Buckets();
  for (const line of pay.lines) {
    buckets.add(line.employerId, 'wage', line.amounts.wageCents, line.minutes);
    buckets.add(line.employerId, 'surcharge', line.amounts.surchargeCents, line.rates.surchargedMinutes);
    buckets.addOnPay(line.employerId, line.amounts);
    buckets.add(line.employerId, 'leave_accrual', 0, line.leaveAccruedMinutes);
  }
  for (const topUp of pay.topUps) {
    buckets.add(POOL_COST_CENTRE, 'top_up', topUp.amounts.wageCents + topUp.amounts.surchargeCents, topUp.minutes);
    buckets.addOnPay(POOL_COST_CENTRE, topUp.amounts);
    buckets.add(POOL_COST_CENTRE, 'leave_accrual', 0, topUp.leaveAccruedMinutes);
  }
  for (const difference of pay.differences) {
    const costCentre = difference.employerId ?? POOL_COST_CENTRE;
    const { wageCents, surchargeCents } = difference.difference;
    buckets.add(costCentre, 'retro_difference', wageCents + surchargeCents, difference.dueMinutes - difference.paidMinutes);
    buckets.addOnPay(costCentre, difference.difference);
    buckets.add(costCentre, 'leave_accrual', 0, difference.leaveAccruedMinutesDifference);
  }
  return buckets.entries().map(({ costCentre, component, bucket }) => ({
    payRunId,
    periodId: period.id,
    periodFrom: period.from,
    periodTo: period.to,
    workerId: pay.workerId,
    costCentre,
    component,
    minutes: bucket.minutes,
    hours: bucket.minutes === null ? null : hoursText(bucket.minutes),
    amountCents: bucket.cents,
    amountEuros: hundredthsText(bucket.cents),
  }));
}

const CSV_COLUMNS: readonly (keyof PayExportRow)[] = [
  'payRunId',
  'periodId',
  'periodFrom',
  'periodTo',
  'workerId',
  'costCentre',
  'component',
  'minutes',
  'hours',
  'amountCents',
  'amountEuros',
];

const CSV_HEADER = CSV_COLUMNS.map((column) => column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

/**
 * RFC 4180 CSV with a header, the columns in snake case; a null (no hours) is an empty field.
 * Written page by page as the rows are read.
 */
export async function* payExportCsvText(pages: AsyncIterable<readonly PayExportRow[]>): AsyncGenerator<string> {
  yield stringify([], { ...CSV_OPTIONS, header: true, columns: CSV_HEADER });
  for await (const rows of pages) {
    if (rows.length > 0)
      yield stringify(
        rows.map((row) => CSV_COLUMNS.map((column) => row[column] ?? '')),
        CSV_OPTIONS,
      );
  }
}

/** The export as a JSON object, written page by page as the rows are read: the heading's fields, then `rows`. */
export async function* payExportJsonText<Heading extends object>({
  rows,
  ...heading
}: Heading & { rows: AsyncIterable<readonly PayExportRow[]> }): AsyncGenerator<string> {
  const fields = JSON.stringify(heading).slice(1, -1);
  yield `{${fields}${fields === '' ? '' : ','}"rows":[`;
  let separator = '';
  for await (const page of rows) {
    if (page.length === 0) continue;
    yield separator + page.map((row) => JSON.stringify(row)).join(',');
    separator = ',';
  }
  yield ']}';
}
