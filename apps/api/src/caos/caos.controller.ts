import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { caoDecider, caoStreamId, caoVersionOn, caoVersions } from '@banenpool/domain';
import { CurrentActor, Roles, type Actor } from '@banenpool/platform';
import type { Request, Response } from 'express';
import { CommandRunner } from '../commands/command-runner.service.js';
import { StreamReader } from '../commands/stream-reader.service.js';
import { CaoOnQuery, CorrectCaoVersionDto, PublishCaoVersionDto, RegisterCaoDto } from './cao.dto.js';

/** CAOs: effective-dated versions; a correction is a new revision, history is never rewritten. */
@ApiTags('caos')
@ApiBearerAuth()
@Controller('caos')
export class CaosController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly streams: StreamReader,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register a CAO' })
  register(@Body() body: RegisterCaoDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.commands.run(caoDecider, caoStreamId(body.code), { type: 'RegisterCao', ...body }, { actor, request, response });
  }

  @Post(':code/versions')
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a version effective from a date (versions never overlap)' })
  publish(@Param('code') code: string, @Body() body: PublishCaoVersionDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.commands.run(caoDecider, caoStreamId(code), { type: 'PublishCaoVersion', ...body }, { actor, request, response });
  }

  @Post(':code/corrections')
  @Roles('operator')
  @ApiOperation({ summary: 'Correct a version’s content: recorded as a new revision with the reason' })
  correct(@Param('code') code: string, @Body() body: CorrectCaoVersionDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.commands.run(caoDecider, caoStreamId(code), { type: 'CorrectCaoVersion', ...body }, { actor, request, response });
  }

  @Get(':code')
  @ApiOperation({ summary: 'A CAO with every version and revision; `on` also resolves the version applying that day' })
  async get(@Param('code') code: string, @Query() query: CaoOnQuery, @Res({ passthrough: true }) response: Response) {
    const { state, version } = await this.streams.existing(caoDecider, caoStreamId(code), `CAO ${code}`);
    response.setHeader('ETag', `"${version}"`);
    return {
      ...state,
      current: caoVersions(state),
      ...(query.on ? { on: query.on, applies: caoVersionOn(state, query.on) ?? null } : {}),
      version,
    };
  }
}
