import { stringify } from 'csv-stringify/sync';
import { addDays, type LocalDate } from '@banenpool/domain';
import { hoursOfMinutes, jobsOfMinutes, weeksOfQuarter, type BanenafspraakWorkerWeek } from '@banenpool/read-models';

/** How the statement counts, as it tells its reader. */
export const STATEMENT_RULES = {
  weeks:
    'An ISO week (Monday to Sunday) belongs to the quarter of its Thursday, as it belongs to the year of its Thursday: ' +
    'a quarter has 12 to 14 whole weeks and no week is split between quarters.',
  hours:
    'The minutes the hirer approved on the worker’s timesheets (every hour type, sick and leave too: paid hours), ' +
    'on the days the worker is in the target-group register by the status that holds that day. Rejected, draft and ' +
    'submitted sheets count nothing. Minutes are exact integers; hours are minutes / 60 with two decimals, rounded half up.',
  jobs:
    'jobs = minutes / (1530 × weeks): 25.5 hours a week is one job, averaged over the weeks the figure covers ' +
    '(1 for a week; all the quarter’s weeks for a worker and for the quarter), computed from the exact minutes, ' +
    'two decimals, rounded half up. So the quarter’s jobs are the average of its weeks’ jobs before rounding.',
} as const;

/** Minutes and what they count for. */
export interface StatementFigure {
  minutes: number;
  /** Two decimals, rounded half up: '24.00'. */
  hours: string;
  /** Two decimals, rounded half up: '0.94'. */
  jobs: string;
}

export interface StatementWeek extends StatementFigure {
  /** 'YYYY-Www' */
  week: string;
  weekStart: LocalDate;
  /** Target-group workers with approved minutes in the week. */
  workers: number;
}

export interface StatementWorker extends StatementFigure {
  workerId: string;
  name: string | null;
  /** The weeks with approved minutes, each figure over one week. */
  weeks: (StatementFigure & { week: string; weekStart: LocalDate })[];
}

/** One hirer's banenafspraak statement for one quarter, with the workers and weeks behind every figure. */
export interface BanenafspraakStatement {
  employerId: string;
  employerName: string;
  /** 'YYYY-Qn' */
  quarter: string;
  /** The Monday of its first week and the Sunday of its last. */
  from: LocalDate;
  to: LocalDate;
  /** The number of ISO weeks in the quarter: the divisor of its jobs. */
  weekCount: number;
  rules: typeof STATEMENT_RULES;
  totals: StatementFigure & { workers: number };
  /** Every week of the quarter, the ones without approved minutes too. */
  weeks: StatementWeek[];
  /** By worker id. */
  workers: StatementWorker[];
}

const figure = (minutes: number, weeks: number): StatementFigure => ({
  minutes,
  hours: hoursOfMinutes(minutes),
  jobs: jobsOfMinutes(minutes, weeks),
});

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rows per worker, by worker id, each worker's weeks in order. */
function byWorker(rows: readonly BanenafspraakWorkerWeek[]): Map<string, BanenafspraakWorkerWeek[]> {
  const groups = new Map<string, BanenafspraakWorkerWeek[]>();
  const sorted = [...rows].sort((a, b) => compare(a.workerId, b.workerId) || compare(a.weekStart, b.weekStart));
  for (const row of sorted) groups.set(row.workerId, [...(groups.get(row.workerId) ?? []), row]);
  return groups;
}

/** The statement of `quarter` from the hirer's approved minutes per worker and week in it (banenafspraakWorkerWeeks). */
export function banenafspraakStatement(
  employer: { employerId: string; name: string },
  quarter: string,
  rows: readonly BanenafspraakWorkerWeek[],
): BanenafspraakStatement {
  const quarterWeeks = weeksOfQuarter(quarter);
  const weekCount = quarterWeeks.length;
  const weeks = quarterWeeks.map(({ week, weekStart }) => {
    const ofWeek = rows.filter((r) => r.weekStart === weekStart);
    return { week, weekStart, ...figure(sum(ofWeek.map((r) => r.minutes)), 1), workers: new Set(ofWeek.map((r) => r.workerId)).size };
  });
  const workers = [...byWorker(rows)].map(([workerId, ofWorker]) => ({
    workerId,
    name: ofWorker[0].name,
    ...figure(sum(ofWorker.map((r) => r.minutes)), weekCount),
    weeks: ofWorker.map(({ week, weekStart, minutes }) => ({ week, weekStart, ...figure(minutes, 1) })),
  }));
  return {
    employerId: employer.employerId,
    employerName: employer.name,
    quarter,
    from: quarterWeeks[0].weekStart,
    to: addDays(quarterWeeks[weekCount - 1].weekStart, 6),
    weekCount,
    rules: STATEMENT_RULES,
    totals: { ...figure(sum(rows.map((r) => r.minutes)), weekCount), workers: workers.length },
    weeks,
    workers,
  };
}

const CSV_HEADER = ['row', 'employer_id', 'quarter', 'week', 'week_start', 'worker_id', 'worker_name', 'minutes', 'hours', 'jobs'];

/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab or carriage return) as a formula:
 * a name is free text, so such a one is written behind an apostrophe, which shows it as text.
 */
export const spreadsheetSafe = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * The statement as RFC 4180 CSV with a header: a `worker_week` row per worker and week with approved
 * minutes, a `worker_total` per worker (jobs over the quarter's weeks), a `week_total` for every week
 * of the quarter, and the `quarter_total` last.
 */
export function banenafspraakStatementCsv(statement: BanenafspraakStatement): string {
  const { employerId, quarter } = statement;
  const row = (kind: string, week: string, weekStart: string, workerId: string, name: string | null, f: StatementFigure) => [
    kind,
    employerId,
    quarter,
    week,
    weekStart,
    workerId,
    spreadsheetSafe(name ?? ''),
    f.minutes,
    f.hours,
    f.jobs,
  ];
  const records = [
    ...statement.workers.flatMap((w) => [
      ...w.weeks.map((wk) => row('worker_week', wk.week, wk.weekStart, w.workerId, w.name, wk)),
      row('worker_total', '', '', w.workerId, w.name, w),
    ]),
    ...statement.weeks.map((wk) => row('week_total', wk.week, wk.weekStart, '', null, wk)),
    row('quarter_total', '', '', '', null, statement.totals),
  ];
  return stringify(records, { header: true, columns: CSV_HEADER, record_delimiter: 'windows' });
}
