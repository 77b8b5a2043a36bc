import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@banenpool/platform';
import { findStream, listStreams, StreamCatalogEntry } from '@banenpool/read-models';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { ReadYourWrites } from '../consistency/read-your-writes.service.js';
import { ListStreamsQuery } from './list-streams.query.dto.js';

/** The stream catalog: which workers, placements, CAOs... exist, with their event counts. */
@ApiTags('streams')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('streams')
export class StreamsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List streams, optionally of one category, paginated' })
  async list(@Query() query: ListStreamsQuery, @Res({ passthrough: true }) response: Response) {
    await this.readYourWrites.await(query.waitFor, response);
    return listStreams(this.dataSource, query);
  }

  @Get(':streamId')
  @ApiOperation({ summary: 'One stream’s catalog entry' })
  @ApiOkResponse({ type: StreamCatalogEntry })
  async get(@Param('streamId') streamId: string, @Query() query: ConsistencyQuery, @Res({ passthrough: true }) response: Response) {
    await this.readYourWrites.await(query.waitFor, response);
    const entry = await findStream(this.dataSource, streamId);
    if (!entry) throw new NotFoundException(`No stream ${streamId}`);
    return entry;
  }
}
