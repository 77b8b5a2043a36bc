import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@banenpool/platform';
import { findStream, listStreams, StreamCatalogEntry } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { ListStreamsQuery } from './list-streams.query.dto.js';

/** The stream catalog: which workers, placements, CAOs... exist, with their event counts. */
@ApiTags('streams')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('streams')
export class StreamsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'List streams, optionally of one category, paginated' })
  list(@Query() query: ListStreamsQuery) {
    return listStreams(this.dataSource, query);
  }

  @Get(':streamId')
  @ApiOperation({ summary: 'One stream’s catalog entry' })
  @ApiOkResponse({ type: StreamCatalogEntry })
  // The query DTO only declares waitFor (handled by ReadYourWritesInterceptor) so unknown parameters are refused.
  async get(@Param('streamId') streamId: string, @Query() _query: ConsistencyQuery) {
    const entry = await findStream(this.dataSource, streamId);
    if (!entry) throw new NotFoundException(`No stream ${streamId}`);
    return entry;
  }
}
