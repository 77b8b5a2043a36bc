import { BadRequestException, Body, Controller, Delete, ForbiddenException, Get, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  caoDecider,
  caoStreamId,
  caoVersionOn,
  placementDecider,
  placementStreamId,
  workerDecider,
  workerStreamId,
  type Availability,
  type ContractTerms,
  type PoolWorker,
  type WorkerCommand,
} from '@banenpool/domain';
import { CurrentActor, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { CommandRunner } from '../commands/command-runner.service.js';
import { StreamReader } from '../commands/stream-reader.service.js';
import { AvailabilityDto, EndContractDto, OfferContractDto, RegisterWorkerDto, SkillDto, TargetGroupStatusDto } from './worker.dto.js';

/** Pool workers: registration, skills, availability, pool contracts (chain rule) and committed hours. */
@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers')
export class WorkersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly streams: StreamReader,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register a worker with the pool' })
  register(@Body() body: RegisterWorkerDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command: WorkerCommand = { type: 'RegisterWorker', ...body, availability: toAvailability(body.availability) };
    return this.commands.run(workerDecider, workerStreamId(body.workerId), command, { actor, request, response });
  }

  @Post(':workerId/target-group-status')
  @Roles('operator')
  @ApiOperation({ summary: 'Record target-group status and wage value (sensitive; operators only)' })
  recordTargetGroup(@Param('workerId') id: string, @Body() body: TargetGroupStatusDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'RecordTargetGroupStatus', status: { ...body } }, actor, request, response);
  }

  @Post(':workerId/skills')
  @Roles('operator')
  @ApiOperation({ summary: 'Add a skill' })
  addSkill(@Param('workerId') id: string, @Body() body: SkillDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'AddSkill', skill: body.skill }, actor, request, response);
  }

  @Delete(':workerId/skills/:skill')
  @Roles('operator')
  @ApiOperation({ summary: 'Remove a skill' })
  removeSkill(@Param('workerId') id: string, @Param('skill') skill: string, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'RemoveSkill', skill }, actor, request, response);
  }

  @Put(':workerId/availability')
  @Roles('operator')
  @ApiOperation({ summary: 'Replace the worker’s availability' })
  changeAvailability(@Param('workerId') id: string, @Body() body: AvailabilityDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'ChangeAvailability', availability: toAvailability(body) }, actor, request, response);
  }

  @Post(':workerId/contracts')
  @Roles('operator')
  @ApiOperation({ summary: 'Agree a pool employment contract (a 4th fixed-term contract in a chain is refused)' })
  async offerContract(@Param('workerId') id: string, @Body() body: OfferContractDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const seasonalClause = body.seasonalClauseCao ? await this.seasonalClause(body.seasonalClauseCao, body.from) : false;
    return this.run(id, { type: 'OfferContract', contractId: body.contractId, terms: toTerms(body), seasonalClause }, actor, request, response);
  }

  @Post(':workerId/contracts/:contractId/end')
  @Roles('operator')
  @ApiOperation({ summary: 'End a contract early (or an indefinite one)' })
  endContract(@Param('workerId') id: string, @Param('contractId') contractId: string, @Body() body: EndContractDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'EndContract', contractId, ...body }, actor, request, response);
  }

  @Get(':workerId')
  @ApiOperation({ summary: 'A worker; employers see only name, skills and committed hours' })
  async get(@Param('workerId') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const { state, version } = await this.streams.existing(workerDecider, workerStreamId(id), `worker ${id}`);
    if (actor.role === 'employer') return this.employerView(state, actor.employerId!);
    response.setHeader('ETag', `"${version}"`);
    return { ...state, version };
  }

  /**
   * An employer sees a worker placed with it, and of that worker only name, skills and the hours
   * at that employer: target-group status, wage value, birth date, contracts and other hirers are
   * not its business.
   */
  private async employerView(worker: PoolWorker, employerId: string) {
    const placements = await Promise.all(
      worker.commitments.map(async (c) => ({ commitment: c, placement: (await this.streams.load(placementDecider, placementStreamId(c.placementId))).state })),
    );
    const here = placements.filter(({ placement }) => placement.status !== 'none' && placement.employerId === employerId);
    if (here.length === 0) throw new ForbiddenException('An employer sees only workers placed with it');
    return {
      workerId: worker.workerId,
      name: worker.name,
      skills: worker.skills,
      hours: here.map(({ commitment: { placementId, hoursPerWeek, period } }) => ({ placementId, hoursPerWeek, period })),
    };
  }

  private run(id: string, command: WorkerCommand, actor: Actor, request: Request, response: Response) {
    return this.commands.run(workerDecider, workerStreamId(id), command, { actor, request, response });
  }

  private async seasonalClause(caoCode: string, onDate: string): Promise<boolean> {
    const { state } = await this.streams.existing(caoDecider, caoStreamId(caoCode), `CAO ${caoCode}`);
    return caoVersionOn(state, onDate)?.content.seasonalClause ?? false;
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
