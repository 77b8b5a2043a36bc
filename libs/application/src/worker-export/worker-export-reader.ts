import { Inject, Injectable } from '@nestjs/common';
import { lksStreamId, placementStreamId, workerStreamId, type PayPeriod } from '@banenpool/domain';
import type { EventStore, RecordedEvent } from '@banenpool/event-store';
import { findRunPay, listTimesheets, type Queryable, type TimesheetItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { workerExportRows } from '../payroll/pay-run-export.js';
import { runOfWorker, workerStatement } from '../payroll/worker-statement.js';
import { offsetPages } from '../shared/offset-pages.js';
import { USE_CASE_EVENT_STORE } from '../shared/ports.js';
import { accessIsAbout, factOf, foldRunAboutWorker, type ExportFact, type RunAboutWorker } from './worker-export.js';

/**
 * How much one read takes at most. Every category is read in pages of these, so what the export
 * holds at a time is one page (one allocation run's completion event at most), whatever the
 * worker's history: 500 events of a stream, 200 timesheets or invoice lines, 12 pay runs, 100 streams.
 */
export const EXPORT_PAGES = { events: 500, rows: 200, payRuns: 12, streams: 100, allocationEvents: 10 } as const;

/** A placement of the worker as the employer-view read model lists it, with its stream's facts. */
export interface PlacementOfWorker {
  placementId: string;
  employerId: string | null;
  siteId: string | null;
  functionName: string | null;
  legalForm: string | null;
  capacityRequestId: string | null;
  period: { from: string | null; to: string | null };
  lastDay: string | null;
  facts: ExportFact[];
}

/** One invoice or credit note line naming the worker, with the document it is on. */
export interface InvoiceLineOfWorker {
  invoiceId: string;
  number: string;
  kind: string;
  employerId: string;
  periodId: string;
  payRunId: string;
  issuedOn: string;
  status: string;
  /** Numbered from 0 as the document lists its lines (as /audit/invoices/:id/lines/:index). */
  lineIndex: number;
  line: unknown;
}

/** The reads behind each category of a worker's export, each a page at a time. */
@Injectable()
export class WorkerExportReader {
  constructor(
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /** Whether the worker's stream has any event: an unknown worker is a 404 before the answer starts. */
  async exists(workerId: string): Promise<boolean> {
    return (await this.store.readStream(workerStreamId(workerId), { maxCount: 1 })).length > 0;
  }

  /** A stream's events as facts, a page at a time. */
  async *facts(streamId: string): AsyncGenerator<ExportFact[]> {
    for await (const page of this.eventPages(streamId, EXPORT_PAGES.events)) yield page.map(factOf);
  }

  workerFacts(workerId: string) {
    return this.facts(workerStreamId(workerId));
  }

  wageCostSubsidyFacts(workerId: string) {
    return this.facts(lksStreamId(workerId));
  }

  /** Every placement proposed for the worker (any status), by id, each with its stream's facts. */
  async *placements(workerId: string): AsyncGenerator<PlacementOfWorker[]> {
    for await (const rows of this.keyset<PlacementRow>(
      (after, limit) =>
        this.dataSource.query(
          `SELECT placement_id AS "placementId", employer_id AS "employerId", site_id AS "siteId", function_name AS "functionName",
             legal_form AS "legalForm", capacity_request_id AS "capacityRequestId", period_from::text AS "from", period_to::text AS "to",
             last_day::text AS "lastDay"
           FROM rm_employer_view_placements WHERE worker_id = $1 AND placement_id > $2 ORDER BY placement_id LIMIT $3`,
          [workerId, after, limit],
        ),
      (row) => row.placementId,
      EXPORT_PAGES.rows,
    )) {
      const page: PlacementOfWorker[] = [];
      for (const { from, to, ...row } of rows) {
        const facts: ExportFact[] = [];
        // A placement's stream is its handful of lifecycle events (proposed, confirmed, extended, ended).
        for await (const events of this.facts(placementStreamId(row.placementId))) facts.push(...events);
        page.push({ ...row, period: { from, to }, facts });
      }
      yield page;
    }
  }

  /** The worker's timesheets as GET /timesheets lists them, the earliest week first. */
  timesheets(workerId: string): AsyncGenerator<TimesheetItem[]> {
    return offsetPages((page) => listTimesheets(this.dataSource, { workerId, ...page }), EXPORT_PAGES.rows);
  }

  /** Each pay run whose latest attempt pays the worker, the earliest period first: its statement (the payslip) and engine rows. */
  async *payRuns(workerId: string) {
    for await (const rows of this.keyset<{ payRunId: string; periodFrom: string }>(
      (after, limit) =>
        this.dataSource.query(
          `SELECT r.pay_run_id AS "payRunId", r.period_from::text AS "periodFrom"
           FROM rm_pay_runs r JOIN rm_pay_run_workers w ON w.pay_run_id = r.pay_run_id AND w.attempt = r.attempt AND w.worker_id = $1
           WHERE r.period_from > $2::date ORDER BY r.period_from LIMIT $3`,
          [workerId, after, limit],
        ),
      (row) => row.periodFrom,
      EXPORT_PAGES.payRuns,
      '0001-01-01',
    )) {
      const page = [];
      for (const { payRunId } of rows) {
        const found = await findRunPay(this.dataSource, payRunId, workerId);
        if (found?.pay === undefined) continue; // recalculated without the worker since the list was read
        const { pay } = found;
        const run = runOfWorker(found.run, pay);
        page.push({
          payRunId: run.payRunId,
          period: run.period as PayPeriod,
          status: run.status,
          attempt: run.attempt,
          ...(run.finalizedBy === undefined ? {} : { finalizedBy: run.finalizedBy }),
          totals: pay.totals,
          statement: workerStatement(run, pay),
          payrollEngineRows: workerExportRows(run.payRunId, run.period, pay),
        });
      }
      yield page;
    }
  }

  /** Every line of an invoice or credit note that names the worker, in the order of the series and of each document's lines. */
  async *invoiceLines(workerId: string): AsyncGenerator<InvoiceLineOfWorker[]> {
    let after = { year: 0, sequence: 0, index: -1 };
    for (;;) {
      const rows: (InvoiceLineOfWorker & { year: number; sequence: number })[] = await this.dataSource.query(
        `SELECT i.invoice_id AS "invoiceId", i.number, i.kind, i.employer_id AS "employerId", i.period_id AS "periodId",
           i.pay_run_id AS "payRunId", i.issued_on::text AS "issuedOn", i.status, i.year, i.sequence,
           (l.n - 1)::int AS "lineIndex", l.line
         FROM rm_invoices i, jsonb_array_elements(i.lines) WITH ORDINALITY AS l(line, n)
         WHERE l.line->>'workerId' = $1 AND (i.year, i.sequence, l.n - 1) > ($2::int, $3::int, $4::int)
         ORDER BY i.year, i.sequence, l.n LIMIT $5`,
        [workerId, after.year, after.sequence, after.index, EXPORT_PAGES.rows],
      );
      if (rows.length > 0) yield rows.map(({ year: _year, sequence: _sequence, ...line }) => line);
      if (rows.length < EXPORT_PAGES.rows) return;
      const last = rows.at(-1)!;
      after = { year: last.year, sequence: last.sequence, index: last.lineIndex };
    }
  }

  /** The allocation runs that proposed the worker (or left it out), each with the decisions on those proposals. */
  async *allocationProposals(workerId: string): AsyncGenerator<RunAboutWorker[]> {
    for await (const streamIds of this.streamsOf('allocation', 'allocation-')) {
      const page: RunAboutWorker[] = [];
      for (const streamId of streamIds) {
        let found: RunAboutWorker | undefined;
        for await (const events of this.eventPages(streamId, EXPORT_PAGES.allocationEvents)) {
          for (const event of events) found = foldRunAboutWorker(workerId, found, event);
        }
        if (found) page.push(found);
      }
      yield page;
    }
  }

  /** The access records, day by day, of reads about the worker, its contracts, placements and their timesheets. */
  async *accessRecord(workerId: string): AsyncGenerator<ExportFact[]> {
    const placementIds = await this.placementIdsOf(workerId);
    for await (const streamIds of this.streamsOf('audit', 'audit-access-')) {
      for (const streamId of streamIds) {
        for await (const events of this.eventPages(streamId, EXPORT_PAGES.events)) {
          yield events.filter((event) => accessIsAbout(workerId, placementIds, event.data)).map(factOf);
        }
      }
    }
  }

  private async placementIdsOf(workerId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const rows of this.keyset<{ placementId: string }>(
      (after, limit) =>
        this.dataSource.query(
          `SELECT placement_id AS "placementId" FROM rm_employer_view_placements
           WHERE worker_id = $1 AND placement_id > $2 ORDER BY placement_id LIMIT $3`,
          [workerId, after, limit],
        ),
      (row) => row.placementId,
      EXPORT_PAGES.rows,
    ))
      for (const row of rows) ids.add(row.placementId);
    return ids;
  }

  /** The ids of a category's streams that start with `prefix`, by id, from the stream catalog. */
  private streamsOf(category: string, prefix: string): AsyncGenerator<string[]> {
    const db: Queryable = this.dataSource;
    const pages = this.keyset<{ streamId: string }>(
      (after, limit) =>
        db.query(
          `SELECT stream_id AS "streamId" FROM rm_stream_catalog
           WHERE category = $1 AND starts_with(stream_id, $2) AND stream_id > $3 ORDER BY stream_id LIMIT $4`,
          [category, prefix, after, limit],
        ),
      (row) => row.streamId,
      EXPORT_PAGES.streams,
    );
    return mapPages(pages, (row) => row.streamId);
  }

  private async *eventPages(streamId: string, size: number): AsyncGenerator<RecordedEvent[]> {
    for (let fromRevision = 0; ; fromRevision += size) {
      const events = await this.store.readStream(streamId, { fromRevision, maxCount: size });
      if (events.length > 0) yield events;
      if (events.length < size) return;
    }
  }

  /** Pages of rows ordered by a key, each page read after the last key of the one before. */
  private async *keyset<Row>(
    read: (after: string, limit: number) => Promise<Row[]>,
    keyOf: (row: Row) => string,
    size: number,
    first = '',
  ): AsyncGenerator<Row[]> {
    for (let after = first; ;) {
      const rows = await read(after, size);
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
      after = keyOf(rows.at(-1)!);
    }
  }
}

interface PlacementRow {
  placementId: string;
  employerId: string | null;
  siteId: string | null;
  functionName: string | null;
  legalForm: string | null;
  capacityRequestId: string | null;
  from: string | null;
  to: string | null;
  lastDay: string | null;
}

async function* mapPages<Row, Item>(pages: AsyncIterable<Row[]>, map: (row: Row) => Item): AsyncGenerator<Item[]> {
  for await (const page of pages) yield page.map(map);
}
