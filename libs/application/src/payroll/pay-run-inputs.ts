import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  addDays,
  caoCodesDuring,
  caoDecider,
  caoStreamId,
  caoVersions,
  contractPeriod,
  employerDecider,
  employerStreamId,
  isPaid,
  overlaps,
  paidRunOf,
  payRunDecider,
  placementDecider,
  placementStreamId,
  refuse,
  wagedPlacement,
  workerDecider,
  type ApprovedSheet,
  type PayPeriod,
  type PayPlacement,
  type PayRun,
  type PoolWorker,
  type ResolvedCaoVersion,
  type UnpaidTimesheet,
  type WorkerPayInput,
} from '@banenpool/domain';
import { formatPosition, START, type EventStore } from '@banenpool/event-store';
import { listStreams, sheetsUpTo, type TimesheetView } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { ReadModelsCatchUp, USE_CASE_EVENT_STORE } from '../shared/ports.js';
import { StreamStates } from '../shared/stream-states.js';
import { groupBy } from './collections.js';

const CATALOG_PAGE = 500;

/** What a calculation of a period pays from: each worker's inputs, and the period's sheets it cannot pay. */
export interface PayRunInputsOfPeriod {
  readonly workers: readonly WorkerPayInput[];
  readonly unpaid: readonly UnpaidTimesheet[];
}

/**
 * Reads what the pay of a period depends on: the timesheets from their read model, and from the
 * streams the workers, their placements, the hirers, the CAO versions, the rule tables and what
 * earlier finalized runs paid. Each stream is read once, however many workers share it.
 */
@Injectable()
export class PayRunInputs {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelsCatchUp,
    private readonly streams: StreamStates,
    private readonly rules: RuleBookReader,
  ) {}

  /** Waits until the read models hold every event committed so far: a run must see the last approval and every earlier run. */
  async caughtUp(): Promise<void> {
    const head = (await this.store.headPosition({ committed: true })) ?? START;
    if (!(await this.readModels.waitFor(head))) {
      throw new ServiceUnavailableException(
        `The read models did not reach the head of the feed (${formatPosition(head)}) in time; try again.`,
      );
    }
  }

  /** Every pay run recorded, each period's, as the stream catalog lists them (call caughtUp first). */
  async runs(): Promise<PayRun[]> {
    // The catalog files a stream under the prefix before its first '-': `pay-run-2027-P03` is a 'pay' stream.
    const states = await this.streams.loadMany(payRunDecider, await this.streamIds('pay'));
    return states.flatMap((state) => (state.status === 'none' ? [] : [state]));
  }

  /**
   * Who is paid: every worker with an approved sheet up to the period's end (an earlier one may be
   * due a difference) and every worker whose contract guarantees hours in the period (a top-up may
   * be due). `earlier` are the finalized runs before the period.
   */
  async read(period: PayPeriod, earlier: readonly PayRun[]): Promise<PayRunInputsOfPeriod> {
    const [sheets, workerStreams, rules] = await Promise.all([
      sheetsUpTo(this.dataSource, period.to),
      this.streamIds('worker'),
      this.rules.read(),
    ]);
    const approved = groupBy(
      sheets.filter((sheet) => sheet.approved !== undefined),
      (sheet) => sheet.workerId,
    );
    const [workers, placements] = await Promise.all([
      this.streams.loadMany(workerDecider, workerStreams),
      this.payPlacements([...new Set([...approved.values()].flat().map((sheet) => sheet.placementId))]),
    ]);
    const versions = await this.caoVersionsOf([...placements.values()]);
    const paidRuns = [...earlier].sort((a, b) => a.period.from.localeCompare(b.period.from));
    const inputOf = (worker: PoolWorker): WorkerPayInput => {
      const sheetsOfWorker = approved.get(worker.workerId) ?? [];
      const own = new Map(sheetsOfWorker.map((sheet) => [sheet.placementId, placements.get(sheet.placementId)!]));
      return {
        period,
        worker: { workerId: worker.workerId, birthDate: worker.birthDate, contracts: worker.contracts },
        placements: own,
        sheets: sheetsOfWorker.map(approvedSheetOf),
        caoVersions: [...new Set([...own.values()].flatMap(versions.codesOf))].flatMap(versions.of),
        rules,
        paid: paidRuns.flatMap((run) => paidRunOf(run, worker.workerId) ?? []),
      };
    };
    return {
      workers: workers
        .filter((worker) => worker.status !== 'none')
        // An erased worker (no birth date) left after their last pay: see the erasure's preconditions.
        .filter((worker): worker is PoolWorker => worker.status === 'registered')
        .filter((worker) => approved.has(worker.workerId) || guaranteesHours(worker, period))
        .map(inputOf),
      unpaid: sheets.filter((sheet) => sheet.approved === undefined && weekTouches(sheet, period)).map(unpaidOf),
    };
  }

  /** The placements of the sheets with their hirers; a sheet of a placement without a wage cannot be paid. */
  private async payPlacements(placementIds: readonly string[]): Promise<Map<string, PayPlacement>> {
    const placements = await this.streams.loadMany(placementDecider, placementIds.map(placementStreamId));
    const paid = placements.map((placement, i) => {
      if (!isPaid(placement)) {
        refuse(
          'placement_not_paid',
          `Placement ${placementIds[i]} has approved hours but is ${placement.status}: only a confirmed or ended placement has a wage to pay them with.`,
        );
      }
      return placement;
    });
    const employerIds = [...new Set(paid.map((p) => p.employerId))];
    const employers = await this.streams.loadMany(employerDecider, employerIds.map(employerStreamId));
    const hirers = new Map(employerIds.map((id, i) => [id, employers[i]]));
    return new Map(
      paid.map((placement) => [
        placement.placementId,
        { waged: wagedPlacement(placement, hirers.get(placement.employerId)!), hirerTermsApply: placement.hirerTerms.applies },
      ]),
    );
  }

  /** Every version of every CAO a placement's hirer applies on its days, each CAO read once. */
  private async caoVersionsOf(placements: readonly PayPlacement[]) {
    const codesOf = (placement: PayPlacement) => caoCodesDuring(placement.waged.hirer, placement.waged.period);
    const codes = [...new Set(placements.flatMap(codesOf))];
    const caos = await this.streams.loadMany(caoDecider, codes.map(caoStreamId));
    const byCode = new Map<string, ResolvedCaoVersion[]>(codes.map((code, i) => [code, caoVersions(caos[i])]));
    return { codesOf, of: (code: string) => byCode.get(code) ?? [] };
  }

  private async streamIds(category: string): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += CATALOG_PAGE) {
      const page = await listStreams(this.dataSource, { category, limit: CATALOG_PAGE, offset });
      ids.push(...page.items.map((entry) => entry.streamId));
      if (offset + CATALOG_PAGE >= page.total) return ids;
    }
  }
}

const guaranteesHours = (worker: PoolWorker, period: PayPeriod): boolean =>
  worker.contracts.some((contract) => contract.terms.guaranteedHoursPerWeek > 0 && overlaps(contractPeriod(contract), period));

const weekTouches = (sheet: TimesheetView, period: PayPeriod): boolean =>
  sheet.monday <= period.to && addDays(sheet.monday, 6) >= period.from;

function approvedSheetOf(sheet: TimesheetView): ApprovedSheet {
  const { timesheetId, placementId, employerId, week } = sheet;
  return { timesheetId, placementId, employerId, week, version: sheet.approved!.approvedVersion, lines: sheet.approved!.lines };
}

function unpaidOf({ timesheetId, workerId, employerId, week, status }: TimesheetView): UnpaidTimesheet {
  // A sheet without an approval was never approved: it is a draft, submitted or rejected.
  return { timesheetId, workerId, employerId, week, status: status as UnpaidTimesheet['status'] };
}
