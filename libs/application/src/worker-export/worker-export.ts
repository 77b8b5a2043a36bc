import { localDateOf, type AllocationProposal, type LocalDate, type RetentionValues, type RuleRow } from '@banenpool/domain';
import { formatPosition, type RecordedEvent } from '@banenpool/event-store';

/**
 * What the pool holds about one worker, for an access request under art. 15 GDPR: a heading, then
 * each category as a list written a page at a time (the categories are read lazily, in this order,
 * so a worker with years of history is never held in memory whole).
 */
export interface WorkerExport {
  header: WorkerExportHeader;
  categories: readonly ExportCategory[];
}

/** One category of the export: its key in the JSON document and its items, a page at a time. */
export interface ExportCategory {
  key: WorkerExportCategoryKey;
  pages: AsyncIterable<readonly unknown[]>;
}

export const WORKER_EXPORT_CATEGORIES = [
  'worker',
  'placements',
  'timesheets',
  'payRuns',
  'invoiceLines',
  'wageCostSubsidy',
  'allocationProposals',
  'accessRecord',
] as const;
export type WorkerExportCategoryKey = (typeof WORKER_EXPORT_CATEGORIES)[number];

export interface CategoryNote {
  key: WorkerExportCategoryKey;
  what: string;
  /** Where the pool keeps it: the event stream or read model read for this export. */
  source: string;
  retention: string;
}

export interface WorkerExportHeader {
  subject: { workerId: string };
  /** The instant the export was made (ISO 8601, UTC), and that day in the Netherlands. */
  generatedAt: string;
  generatedOn: LocalDate;
  requestedBy: string;
  correlationId: string;
  controller: { name: string; role: string };
  legalBasis: string;
  conventions: Record<'dates' | 'instants' | 'money' | 'hours' | 'percentages' | 'facts', string>;
  categories: readonly CategoryNote[];
  notHeld: readonly string[];
}

/** How long fiscal records (wage administration, invoices) are kept, as the retention row in force says. */
const fiscalRetention = (row: RuleRow<RetentionValues>): string =>
  `${row.values.fiscalRecordsYears} years after the end of the year they concern, also after an erasure ` +
  `(rule table retention from ${row.effectiveFrom}, revision ${row.revision}: ${row.source.title})`;

const PERSONAL =
  'for as long as the worker is with the pool; erased on request (POST /workers/:id/erasure deletes the key the personal fields are encrypted with)';

/** What each category holds, where it comes from and how long it is kept under the retention row in force. */
export function categoryNotes(retention: RuleRow<RetentionValues>): readonly CategoryNote[] {
  const fiscal = fiscalRetention(retention);
  return [
    {
      key: 'worker',
      what:
        'The worker’s own record as recorded facts: registration (name, birth date, where they live), skills, availability, ' +
        'target-group statuses and wage value, pool contracts, direct contracts with hirers, hours committed to placements',
      source: 'event stream worker-<id>',
      retention: `personal fields ${PERSONAL}; contracts and hours as wage administration ${fiscal}`,
    },
    {
      key: 'placements',
      what: 'Every placement of the worker with a hirer: its terms, confirmation (function, CAO scale and step, first day’s pay), extensions, ends',
      source: 'read model rm_employer_view_placements (which placements), event streams placement-<id> (their facts)',
      retention: fiscal,
    },
    {
      key: 'timesheets',
      what: 'The worker’s timesheets per placement and ISO week: the hours registered, approved (by whom) and locked by a pay run',
      source: 'read model rm_timesheets',
      retention: fiscal,
    },
    {
      key: 'payRuns',
      what:
        'Per pay run that paid the worker: the gross pay per day and component (wage, surcharges, holiday allowance, pension, ' +
        'top-ups, differences), where each hourly wage came from (CAO scale and step, or the statutory minimum wage for the age), ' +
        'the payslip statement and the rows sent to the payroll engine',
      source: 'read models rm_pay_runs and rm_pay_run_workers',
      retention: fiscal,
    },
    {
      key: 'invoiceLines',
      what: 'Every line of an invoice or credit note to a hirer that names the worker (hours, rate, amount)',
      source: 'read model rm_invoices',
      retention: fiscal,
    },
    {
      key: 'wageCostSubsidy',
      what: 'Wage-value decisions of the municipality and the wage-cost subsidy (LKS) claims computed from them, submitted and paid',
      source: 'event stream lks-<id>',
      retention: `decisions ${PERSONAL}; claims ${fiscal}`,
    },
    {
      key: 'allocationProposals',
      what: 'Proposals of allocation runs to place the worker, with the reasons in figures, and what became of each',
      source: 'event streams allocation-<runId> (listed by the stream catalog)',
      retention: PERSONAL,
    },
    {
      key: 'accessRecord',
      what: 'Who read the worker’s data, when, what and in answer to which request (the record of sensitive reads and audit questions)',
      source: 'event streams audit-access-<day> (listed by the stream catalog)',
      retention: 'as long as the audit trail it belongs to (hash-chained, never edited)',
    },
  ];
}

export function workerExportHeader(
  workerId: string,
  requester: { label: string; correlationId: string },
  now: Date,
  controllerName: string,
  retention: RuleRow<RetentionValues>,
): WorkerExportHeader {
  return {
    subject: { workerId },
    generatedAt: now.toISOString(),
    generatedOn: localDateOf(now),
    requestedBy: requester.label,
    correlationId: requester.correlationId,
    controller: {
      name: controllerName,
      role: 'Controller (art. 4(7) GDPR): the pool is the worker’s legal employer and decides what is kept and why',
    },
    legalBasis: 'Right of access by the data subject, art. 15 GDPR',
    conventions: {
      dates: 'YYYY-MM-DD, a day in the Netherlands (Europe/Amsterdam)',
      instants: 'recordedAt: ISO 8601 in UTC; recordedOn: that instant’s day in Europe/Amsterdam',
      money: 'whole cents (…Cents, integers) and, where the API gives it, euros as text (€ 1.234,56)',
      hours: 'hours as numbers in quarter hours or as decimal text, minutes as integers',
      percentages: 'basis points (…Bp: 10000 = 100 %)',
      facts:
        'Each recorded fact: the stream, its revision, the event type and schema version, when it was recorded, ' +
        'who recorded it (actor) and in answer to which request (correlationId), and what it says (data)',
    },
    categories: categoryNotes(retention),
    notHeld: [
      'Net pay, payroll tax and payslips after tax: computed by the licensed payroll engine from the rows under payRuns, not kept by the pool',
    ],
  };
}

/** One recorded event as the export states it. */
export interface ExportFact {
  streamId: string;
  revision: number;
  position: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  recordedOn: LocalDate;
  actor?: string;
  correlationId?: string;
  causationId?: string;
  data: unknown;
}

export function factOf(event: RecordedEvent): ExportFact {
  const { actor, correlationId, causationId } = event.metadata;
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: formatPosition(event.position),
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt.toISOString(),
    recordedOn: localDateOf(event.recordedAt),
    ...(actor === undefined ? {} : { actor }),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(causationId === undefined ? {} : { causationId }),
    data: event.data,
  };
}

/** What one allocation run proposed about the worker and what became of those proposals. */
export interface RunAboutWorker {
  runId: string;
  recordedAt: string;
  recordedOn: LocalDate;
  proposals: AllocationProposal[];
  /** A run that left the worker out for want of a location says so. */
  unplaceable: { reason: string }[];
  /** Accepted, rejected or refused: the decisions on the worker's proposals. */
  decisions: ExportFact[];
}

/**
 * Folds an allocation run's events, in stream order, to what it says about one worker; undefined
 * while it says nothing. Decisions name only a proposal id, so they are matched to the proposals
 * of the worker the run recorded first.
 */
export function foldRunAboutWorker(workerId: string, found: RunAboutWorker | undefined, event: RecordedEvent): RunAboutWorker | undefined {
  const data = event.data as Record<string, unknown>;
  if (event.type === 'AllocationRunCompleted') {
    const proposals = ((data.proposals ?? []) as AllocationProposal[]).filter((p) => p.workerId === workerId);
    const input = (data.input ?? {}) as { unplaceable?: { kind: string; workerId?: string; reason: string }[] };
    const unplaceable = (input.unplaceable ?? [])
      .filter((u) => u.kind === 'worker' && u.workerId === workerId)
      .map(({ reason }) => ({ reason }));
    if (proposals.length === 0 && unplaceable.length === 0) return found;
    return {
      runId: String(data.runId),
      recordedAt: event.recordedAt.toISOString(),
      recordedOn: localDateOf(event.recordedAt),
      proposals,
      unplaceable,
      decisions: [],
    };
  }
  if (found && typeof data.proposalId === 'string' && found.proposals.some((p) => p.proposalId === data.proposalId)) {
    return { ...found, decisions: [...found.decisions, factOf(event)] };
  }
  return found;
}

/**
 * Whether an access record is about the worker: a question about the worker, one of its contracts,
 * placements or their timesheets (ids `<placementId>-<week>`), or one naming it in its parameters.
 */
export function accessIsAbout(workerId: string, placementIds: ReadonlySet<string>, data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as { target?: unknown; parameters?: unknown; workerId?: unknown; workerIds?: unknown; subject?: unknown };
  if (record.workerId === workerId) return true;
  // A personal-data read names the workers its answer showed.
  if (Array.isArray(record.workerIds) && record.workerIds.includes(workerId)) return true;
  const parameters = (record.parameters ?? {}) as Record<string, unknown>;
  if (parameters.workerId === workerId) return true;
  const target = typeof record.target === 'string' ? record.target : typeof record.subject === 'string' ? record.subject : '';
  return targetNames(target, workerId, placementIds);
}

function targetNames(target: string, workerId: string, placementIds: ReadonlySet<string>): boolean {
  // `worker w-1`, `contract c1 of worker w-1`, `/workers/w-1/...`, `placement p-1`, `timesheet p-1-2026-W05`.
  const words = target.split(/[\s/?&=]+/);
  for (let i = 0; i + 1 < words.length; i += 1) {
    const [kind, id] = [words[i], words[i + 1]];
    if ((kind === 'worker' || kind === 'workers') && id === workerId) return true;
    if ((kind === 'placement' || kind === 'placements') && placementIds.has(id)) return true;
    if ((kind === 'timesheet' || kind === 'timesheets') && placementIds.has(id.replace(/-\d{4}-W\d\d$/, ''))) return true;
  }
  return false;
}

/**
 * The export as JSON text, a piece per page read: `{"header":…,"<category>":[…],…,"complete":true}`.
 * A failure half-way leaves the text unfinished (no `complete`), so a cut-off export never parses
 * as a whole one.
 */
export async function* workerExportJsonText({ header, categories }: WorkerExport): AsyncGenerator<string> {
  yield `{"header":${JSON.stringify(header)}`;
  for (const { key, pages } of categories) {
    yield `,${JSON.stringify(key)}:[`;
    let separator = '';
    for await (const page of pages) {
      if (page.length === 0) continue;
      yield separator + page.map((item) => JSON.stringify(item)).join(',');
      separator = ',';
    }
    yield ']';
  }
  yield ',"complete":true}';
}
