import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangeCaoCommand, GetCaoQuery, type RequestContext } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { CaoOnQuery, CorrectCaoVersionDto, PublishCaoVersionDto, RecordCaoBindingDto, RegisterCaoDto } from './cao.dto.js';

/** CAOs: effective-dated versions; a correction is a new revision, history is never rewritten. */
@ApiTags('caos')
@ApiBearerAuth()
@Controller('caos')
export class CaosController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register a CAO' })
  register(@Body() body: RegisterCaoDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangeCaoCommand(body.code, { type: 'RegisterCao', ...body }, context));
  }

  @Post(':code/versions')
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a version effective from a date (versions never overlap)' })
  publish(@Param('code') code: string, @Body() body: PublishCaoVersionDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangeCaoCommand(code, { type: 'PublishCaoVersion', ...body }, context));
  }

  @Post(':code/corrections')
  @Roles('operator')
  @ApiOperation({ summary: 'Correct a version’s content: recorded as a new revision with the reason' })
  correct(@Param('code') code: string, @Body() body: CorrectCaoVersionDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangeCaoCommand(code, { type: 'CorrectCaoVersion', ...body }, context));
  }

  @Post(':code/binding')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record that the CAO binds the pool itself from a date: only then may a pool contract use its seasonal clause',
    description: 'A binding with the same `from` as a recorded one replaces it (e.g. to give it an end); others must not overlap.',
  })
  recordBinding(@Param('code') code: string, @Body() body: RecordCaoBindingDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangeCaoCommand(code, { type: 'RecordCaoBinding', ...body }, context));
  }

  @Get(':code')
  @ApiOperation({ summary: 'A CAO with every version and revision; `on` also resolves the version applying that day' })
  get(@Param('code') code: string, @Query() query: CaoOnQuery) {
    return this.queries.execute(new GetCaoQuery(code, query.on));
  }
}
