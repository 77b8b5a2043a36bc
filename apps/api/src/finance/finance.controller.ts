import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FinanceViewQuery } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { FinanceQuery } from './finance.dto.js';

const FIGURES =
  'invoiced: { documents, netCents, vatCents, totalCents }, credited: { documents, netCents, vatCents, totalCents }, paidCents, openCents, ' +
  'wageCost: { grossCents, pensionEmployerCents, employerChargesCents, totalCents }, subsidyCents, marginCents';

/**
 * The pool's finance of a pay period, what an operator checks every month: per hirer what was
 * invoiced and credited in the period's invoicing, paid and open, the wage cost of the period's pay
 * run and the wage-cost subsidy of the period's days, and the margin; per worker the same in short.
 * Operators and auditors read it; employers do not (403).
 */
@ApiTags('finance')
@ApiBearerAuth()
@Controller('finance')
export class FinanceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('operator', 'auditor')
  @ApiOperation({
    summary: 'A pay period’s finance per hirer, per worker (paginated, by id) and for the pool, in integer cents',
    description:
      'margin = invoiced net − credited net − wage cost + subsidy. Credited amounts are what the credit notes take off (positive). ' +
      'The wage cost is the period’s pay run (its lines and differences) with employer charges; the subsidy the LKS claims’ parts for ' +
      'the period’s days (subsidyAttribution says how a month’s claim is spread). The pool’s totals add its own: the guaranteed-hours ' +
      'top-ups. 404 pay_run_not_found before the period’s first calculation; 422 for a period of another kind than the pool pays by.',
  })
  @ApiOkResponse({
    description:
      `{ period, payRun: { payRunId, status, attempt }, employerId?, rounding, subsidyAttribution, lksMonths: [{ month, claims }], ` +
      `hirers: [{ employerId, ${FIGURES} }], ` +
      'workers: { items: [{ workerId, wageCost, invoicedNetCents, creditedNetCents, subsidyCents, marginCents }], total, limit, offset }, ' +
      `totals: { ${FIGURES}, poolOwn: { wageCost, subsidyCents } } }`,
  })
  get(@Query() query: FinanceQuery) {
    const { period, employerId, limit, offset } = query;
    return this.queries.execute(new FinanceViewQuery(period, { employerId, limit, offset }));
  }
}
