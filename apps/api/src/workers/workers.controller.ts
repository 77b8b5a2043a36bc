import { BadRequestException, Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangeWorkerCommand,
  GetWorkerQuery,
  minimised,
  OfferContractCommand,
  type PlainWorkerCommand,
  type RequestContext,
} from '@banenpool/application';
import type { Availability, ContractTerms } from '@banenpool/domain';
import { PERSONAL_FIELDS, Roles } from '@banenpool/platform';
import { DataAccess, PersonalDataRead, type RequestDataAccess } from '../audit/personal-data-read.js';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { Context } from '../http/request-context.decorator.js';
import {
  AvailabilityDto,
  EndContractDto,
  OfferContractDto,
  RecordDirectContractDto,
  RecordTargetGroupStatusDto,
  RegisterWorkerDto,
  SkillDto,
} from './worker.dto.js';

/** Pool workers: registration, skills, availability, pool contracts (chain rule) and committed hours. */
@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers')
export class WorkersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register a worker with the pool' })
  register(@Body() body: RegisterWorkerDto, @Context() context: RequestContext) {
    return this.run(body.workerId, { type: 'RegisterWorker', ...body, availability: toAvailability(body.availability) }, context);
  }

  @Post(':workerId/target-group-status')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record target-group status and wage value from a date on (sensitive; operators only)',
    description: 'validFrom is required: the status holds from that day, and the weeks before it keep the status they had.',
  })
  recordTargetGroup(@Param('workerId') id: string, @Body() body: RecordTargetGroupStatusDto, @Context() context: RequestContext) {
    return this.run(id, { type: 'RecordTargetGroupStatus', status: { ...body } }, context);
  }

  @Post(':workerId/skills')
  @Roles('operator')
  @ApiOperation({ summary: 'Add a skill' })
  addSkill(@Param('workerId') id: string, @Body() body: SkillDto, @Context() context: RequestContext) {
    return this.run(id, { type: 'AddSkill', skill: body.skill }, context);
  }

  @Delete(':workerId/skills/:skill')
  @Roles('operator')
  @ApiOperation({ summary: 'Remove a skill' })
  removeSkill(@Param('workerId') id: string, @Param('skill') skill: string, @Context() context: RequestContext) {
    return this.run(id, { type: 'RemoveSkill', skill }, context);
  }

  @Put(':workerId/availability')
  @Roles('operator')
  @ApiOperation({ summary: 'Replace the worker’s availability' })
  changeAvailability(@Param('workerId') id: string, @Body() body: AvailabilityDto, @Context() context: RequestContext) {
    return this.run(id, { type: 'ChangeAvailability', availability: toAvailability(body) }, context);
  }

  @Post(':workerId/contracts')
  @Roles('operator')
  @ApiOperation({ summary: 'Agree a pool employment contract (a 4th fixed-term contract in a chain is refused)' })
  offerContract(@Param('workerId') id: string, @Body() body: OfferContractDto, @Context() context: RequestContext) {
    return this.commands.execute(new OfferContractCommand(id, body.contractId, toTerms(body), body.seasonalClauseCao, context));
  }

  @Post(':workerId/direct-contracts')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record a fixed-term contract the worker had directly with a hirer: a link of the chain of pool contracts',
    description:
      'Every recorded direct contract counts in the chain rule when the pool offers a fixed-term contract (successive employers, ' +
      'art. 7:668a lid 2 BW), so record only those with a hirer whose work the pool’s contracts continue.',
  })
  recordDirectContract(@Param('workerId') id: string, @Body() body: RecordDirectContractDto, @Context() context: RequestContext) {
    const { contractId, employerId, from, to } = body;
    return this.run(id, { type: 'RecordDirectContract', contractId, employerId, from, to }, context);
  }

  @Post(':workerId/contracts/:contractId/end')
  @Roles('operator')
  @ApiOperation({ summary: 'End a contract early (or an indefinite one)' })
  endContract(
    @Param('workerId') id: string,
    @Param('contractId') contractId: string,
    @Body() body: EndContractDto,
    @Context() context: RequestContext,
  ) {
    return this.run(id, { type: 'EndContract', contractId, ...body }, context);
  }

  @Get(':workerId')
  @PersonalDataRead({ fields: PERSONAL_FIELDS, answer: 'minimised' })
  @ApiOperation({
    summary: 'A worker; employers see only name, skills and committed hours',
    description:
      'Operators see everything; auditors what their purpose needs (payroll_audit: name and birth date; banenafspraak_audit: ' +
      'name and target-group status; subject_access: everything; records_audit: no personal fields). Every answer is recorded.',
  })
  async get(
    @Param('workerId') id: string,
    @Query() _query: ConsistencyQuery,
    @Context() context: RequestContext,
    @DataAccess() access: RequestDataAccess,
  ) {
    return minimised(await this.queries.execute(new GetWorkerQuery(id, context.caller)), access.fields);
  }

  private run(id: string, command: PlainWorkerCommand, context: RequestContext) {
    return this.commands.execute(new ChangeWorkerCommand(id, command, context));
  }
}

function toAvailability(body: AvailabilityDto): Availability {
  const unavailable = body.unavailable ?? [];
  if ((body.hoursPerWeek === undefined) === (body.hoursByWeekday === undefined)) {
    throw new BadRequestException('availability needs exactly one of hoursPerWeek or hoursByWeekday');
  }
  return body.hoursByWeekday
    ? { kind: 'by_weekday', hoursByWeekday: body.hoursByWeekday, unavailable }
    : { kind: 'hours_per_week', hoursPerWeek: body.hoursPerWeek!, unavailable };
}

function toTerms(body: OfferContractDto): ContractTerms {
  const hours = { guaranteedHoursPerWeek: body.guaranteedHoursPerWeek, maxHoursPerWeek: body.maxHoursPerWeek };
  if (body.kind === 'indefinite') return { kind: 'indefinite', from: body.from, ...hours };
  if (!body.to) throw new BadRequestException('A fixed_term contract needs `to`');
  return { kind: 'fixed_term', from: body.from, to: body.to, ...hours };
}
