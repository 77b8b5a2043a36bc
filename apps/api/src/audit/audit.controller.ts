import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  GetAuditDiffQuery,
  GetAuditHistoryQuery,
  GetAuditStateQuery,
  GetInvoiceLineProvenanceQuery,
  GetReadModelComparisonQuery,
  ListFeedDigestsQuery,
  StartReadModelComparisonCommand,
  VerifyHashChainsQuery,
} from '@banenpool/application';
import { historyCsv, type AuditSubject } from '@banenpool/audit';
import { actorLabel, CurrentActor, PERSONAL_FIELDS, ReadOnlyRoute, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { QUERY_ID } from '../read-model-queries/query-params.js';
import { AuditAccessInterceptor, AuditAction } from './audit-access.interceptor.js';
import { PersonalDataRead } from './personal-data-read.js';
import { AuditAsOfQuery, AuditDiffQuery, AuditHistoryQuery, VerifyQuery } from './audit.query.dto.js';

/** The path's plural resource names, as the rest of the API spells them. */
const KINDS: Readonly<Record<string, Exclude<AuditSubject['kind'], 'contract'>>> = {
  workers: 'worker',
  placements: 'placement',
  employers: 'employer',
  caos: 'cao',
  'capacity-requests': 'capacity-request',
  'allocation-runs': 'allocation-run',
  timesheets: 'timesheet',
  'pay-runs': 'pay-run',
  invoices: 'invoice',
  'audit-access': 'audit-access',
};
/**
 * A worker's stream holds every personal and target-group field as recorded, which an event history
 * cannot leave out: asked about a worker, these answer only a purpose that covers them all.
 */
const WorkerStreamRead = () =>
  PersonalDataRead({ fields: PERSONAL_FIELDS, answer: 'whole', when: (request) => request.params.kind === 'workers' });

const KIND = {
  name: 'kind',
  enum: Object.keys(KINDS),
  description:
    'timesheets: id = <placementId>-<YYYY-Www>; pay-runs: id = the period (2027-P03, 2027-03); invoices: id = the number of an invoice or credit note (2027-00001); ' +
    'audit-access: the log of audit reads, one stream a day (id = YYYY-MM-DD)',
};

/**
 * For auditors (operators may read too; employers may not): every event about a worker, pool
 * contract, placement, employer, CAO, capacity request, allocation run, timesheet, pay run or invoice with who, when and under which rules;
 * where each invoice line comes from;
 * its state as known at a moment or as applied on a date, replayed; what changed between two
 * moments; the hash chains; and a rebuild of every read model compared with the live one.
 * Nothing here changes the records, and every access is itself recorded (audit-access-<date>).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@UseInterceptors(AuditAccessInterceptor)
@Controller('audit')
export class AuditController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('verify')
  @AuditAction('verify')
  @ApiOperation({
    summary: 'Walk the hash chain of every stream (or one) and report the first break; for all, also check the sealed digests',
  })
  verify(@Query() query: VerifyQuery) {
    return this.queries.execute(new VerifyHashChainsQuery(query.streamId));
  }

  @Get('digests')
  @AuditAction('digests')
  @ApiOperation({
    summary: 'The sealed digests of the whole feed, oldest first, to keep outside the database (verify --digest checks one)',
  })
  digests() {
    return this.queries.execute(new ListFeedDigestsQuery());
  }

  @Post('comparisons')
  @ReadOnlyRoute()
  @HttpCode(202)
  @AuditAction('compare')
  @ApiOperation({
    summary:
      'Start rebuilding every read model into a scratch schema and comparing it with the live one (one at a time; 409 while one runs)',
  })
  @ApiAcceptedResponse({ description: 'Started; follow the Location header' })
  async startComparison(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const job = await this.commands.execute(new StartReadModelComparisonCommand(actorLabel(actor)));
    response.setHeader('Location', `/audit/comparisons/${job.id}`);
    return job;
  }

  @Get('comparisons/:jobId')
  @AuditAction('compare')
  @ApiOperation({ summary: 'A comparison’s progress and, when done, whether every read model equals its rebuild and where not' })
  comparison(@Param('jobId') jobId: string) {
    return this.queries.execute(new GetReadModelComparisonQuery(jobId));
  }

  @Get(':kind/:id/history')
  @AuditAction('history')
  @WorkerStreamRead()
  @ApiParam(KIND)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Every event in order: type, data, schema version, actor, recorded-at, correlation/causation ids, hash, and the rules’ versions it used',
  })
  history(
    @Param('kind') kind: string,
    @Param('id') id: string,
    @Query() query: AuditHistoryQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.historyOf(subjectOf(kind, id), query, request, response);
  }

  @Get(':kind/:id/as-of')
  @AuditAction('as-of')
  @WorkerStreamRead()
  @ApiParam(KIND)
  @ApiOperation({
    summary: 'State as known at an instant (?knownAt=), or as applied on a date (?on=, optionally with knownAt), by replay',
    description:
      'A pay run is shown by its status, period, attempt and totals (per worker and in all), not its lines; with ?on= its lines of that day per worker. ' +
      'A timesheet with ?on= shows the lines of that day as registered and as approved, and its lock. ' +
      'An invoice with ?on= is the document as it stood that day by the dates it carries (sent, payments made, overdue).',
  })
  asOf(@Param('kind') kind: string, @Param('id') id: string, @Query() query: AuditAsOfQuery) {
    return this.asOfFor(subjectOf(kind, id), query);
  }

  @Get(':kind/:id/diff')
  @AuditAction('diff')
  @WorkerStreamRead()
  @ApiParam({ ...KIND, enum: ['placements'] })
  @ApiOperation({ summary: 'What changed about a placement between two instants, in sentences, with the events in between' })
  diff(@Param('kind') kind: string, @Param('id') id: string, @Query() query: AuditDiffQuery) {
    return this.diffFor(subjectOf(kind, id), query);
  }

  @Get('invoices/:id/lines/:index')
  @AuditAction('provenance')
  @ApiParam({ name: 'id', description: 'The number of an invoice or credit note, e.g. 2027-00001' })
  @ApiParam({ name: 'index', description: 'The line, numbered from 0 as the document lists them' })
  @ApiOperation({
    summary:
      'Where a line of an invoice or credit note comes from: each timesheet line as approved, its pay line (wage row, CAO version, rule rows), ' +
      'the rate agreement and the VAT row, and the amount computed again from those records',
    description: '`discrepancies` lists every way the records disagree with the line; it is empty when the line replays exactly.',
  })
  invoiceLine(@Param('id') id: string, @Param('index') index: string, @Query() _query: ConsistencyQuery) {
    return this.queries.execute(new GetInvoiceLineProvenanceQuery(requireId(id, 'id'), lineIndexOf(index)));
  }

  @Get('workers/:workerId/contracts/:contractId/history')
  @AuditAction('history')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'A pool contract’s events (agreed, ended, hours committed under it) within its worker’s stream' })
  contractHistory(
    @Param('workerId') workerId: string,
    @Param('contractId') contractId: string,
    @Query() query: AuditHistoryQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.historyOf(contractOf(workerId, contractId), query, request, response);
  }

  @Get('workers/:workerId/contracts/:contractId/as-of')
  @AuditAction('as-of')
  @ApiOperation({ summary: 'A pool contract as known at an instant, or as applied on a date' })
  contractAsOf(@Param('workerId') workerId: string, @Param('contractId') contractId: string, @Query() query: AuditAsOfQuery) {
    return this.asOfFor(contractOf(workerId, contractId), query);
  }

  @Get('workers/:workerId/contracts/:contractId/diff')
  @AuditAction('diff')
  @ApiOperation({ summary: 'What changed about a pool contract between two instants' })
  contractDiff(@Param('workerId') workerId: string, @Param('contractId') contractId: string, @Query() query: AuditDiffQuery) {
    return this.diffFor(contractOf(workerId, contractId), query);
  }

  private async historyOf(subject: AuditSubject, query: AuditHistoryQuery, request: Request, response: Response) {
    const history = await this.queries.execute(new GetAuditHistoryQuery(subject, { limit: query.limit, offset: query.offset }));
    response.setHeader('X-Total-Count', String(history.total));
    if (!wantsCsv(query, request)) return history;
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${history.streamId}-history.csv"`);
    return historyCsv(history.entries);
  }

  private asOfFor(subject: AuditSubject, query: AuditAsOfQuery) {
    const knownAt = query.knownAt ? new Date(query.knownAt) : undefined;
    return this.queries.execute(new GetAuditStateQuery(subject, { knownAt, on: query.on }));
  }

  private diffFor(subject: AuditSubject, query: AuditDiffQuery) {
    return this.queries.execute(new GetAuditDiffQuery(subject, new Date(query.from), query.to ? new Date(query.to) : new Date()));
  }
}

function subjectOf(kind: string, id: string): AuditSubject {
  if (!Object.hasOwn(KINDS, kind)) throw new BadRequestException(`kind must be one of ${Object.keys(KINDS).join(', ')}, not "${kind}"`);
  return { kind: KINDS[kind], id: requireId(id, 'id') };
}

const contractOf = (workerId: string, contractId: string): AuditSubject => ({
  kind: 'contract',
  workerId: requireId(workerId, 'workerId'),
  contractId: requireId(contractId, 'contractId'),
});

function requireId(value: string, name: string): string {
  if (!QUERY_ID.test(value)) throw new BadRequestException(`${name} must be an id: 1-100 letters, digits or _.:@-`);
  return value;
}

function lineIndexOf(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new BadRequestException('index must be a line number: 0 for the first line, 1 for the second, …');
  return Number(value);
}

/** ?format=csv, or no format and an Accept that prefers text/csv to JSON. */
function wantsCsv(query: AuditHistoryQuery, request: Request): boolean {
  return query.format === 'csv' || (query.format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
}
