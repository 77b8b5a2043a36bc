import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { caoDecider, caoOn, caoStreamId, caoVersionOn, employerDecider, employerStreamId, hourlyWage, refuse, type EmployerCommand } from '@banenpool/domain';
import { CurrentActor, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { requireEmployerAccess } from '../common/access.js';
import { CommandRunner } from '../commands/command-runner.service.js';
import { StreamReader } from '../commands/stream-reader.service.js';
import { AddSiteDto, ApplyCaoDto, ClassifyFunctionDto, DeclareClosureDto, JoinPoolDto, LeavePoolDto } from './employer.dto.js';

/** Member employers: membership, CAO (effective-dated), sites, function scales, seasonal closures. */
@ApiTags('employers')
@ApiBearerAuth()
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly streams: StreamReader,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'An employer joins the pool' })
  join(@Body() body: JoinPoolDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.commands.run(employerDecider, employerStreamId(body.employerId), { type: 'JoinPool', ...body }, { actor, request, response });
  }

  @Post(':employerId/leave')
  @Roles('operator')
  @ApiOperation({ summary: 'The employer leaves the pool after its last day of membership' })
  leave(@Param('employerId') id: string, @Body() body: LeavePoolDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'LeavePool', ...body }, actor, request, response);
  }

  @Post(':employerId/cao-applications')
  @Roles('operator')
  @ApiOperation({ summary: 'The employer applies a CAO from a date (ends the previous one)' })
  async applyCao(@Param('employerId') id: string, @Body() body: ApplyCaoDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    await this.caoVersionOn(body.caoCode, body.from);
    return this.run(id, { type: 'ApplyCao', ...body }, actor, request, response);
  }

  @Post(':employerId/sites')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Add a site' })
  addSite(@Param('employerId') id: string, @Body() body: AddSiteDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'AddSite', ...body }, actor, request, response);
  }

  @Post(':employerId/function-classifications')
  @Roles('operator')
  @ApiOperation({ summary: 'Classify a function to a scale of the employer’s CAO, from a date' })
  async classify(@Param('employerId') id: string, @Body() body: ClassifyFunctionDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { state } = await this.streams.load(employerDecider, employerStreamId(id));
    const applied = caoOn(state, body.from);
    // Without a CAO that day the decider refuses with its own reason; with one, the scale must exist in it.
    if (applied) hourlyWage(await this.caoVersionOn(applied.caoCode, body.from), body.scale, 0);
    return this.run(id, { type: 'ClassifyFunction', ...body }, actor, request, response);
  }

  @Post(':employerId/closures')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Declare a seasonal closure of a site (inside membership, not overlapping another)' })
  declareClosure(@Param('employerId') id: string, @Body() body: DeclareClosureDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { type: 'DeclareSeasonalClosure', ...body }, actor, request, response);
  }

  @Get(':employerId')
  @ApiOperation({ summary: 'An employer as it is now (employers see only themselves)' })
  async get(@Param('employerId') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    requireEmployerAccess(actor, id);
    const { state, version } = await this.streams.existing(employerDecider, employerStreamId(id), `employer ${id}`);
    response.setHeader('ETag', `"${version}"`);
    return { ...state, version };
  }

  /** The CAO version in force on a date: an unknown CAO or one without a version then is refused (422). */
  private async caoVersionOn(caoCode: string, date: string) {
    const { state } = await this.streams.load(caoDecider, caoStreamId(caoCode));
    if (state.status === 'none') refuse('unknown_cao', `There is no CAO ${caoCode}; register it first.`);
    return caoVersionOn(state, date) ?? refuse('no_cao_version', `CAO ${caoCode} has no version in force on ${date}.`);
  }

  private run(id: string, command: EmployerCommand, actor: Actor, request: Request, response: Response) {
    requireEmployerAccess(actor, id);
    return this.commands.run(employerDecider, employerStreamId(id), command, { actor, request, response });
  }
}
