import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetStreamCatalogEntryQuery, ListStreamCatalogQuery } from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { StreamCatalogEntry } from '@banenpool/read-models';
import { ConsistencyQuery } from '../consistency/consistency.query.dto.js';
import { ListStreamsQuery } from './list-streams.query.dto.js';

/** The stream catalog: which workers, placements, CAOs... exist, with their event counts. */
@ApiTags('streams')
@ApiBearerAuth()
@Roles('operator', 'auditor')
@Controller('streams')
export class StreamsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List streams, optionally of one category, paginated' })
  list(@Query() query: ListStreamsQuery) {
    return this.queries.execute(new ListStreamCatalogQuery(query));
  }

  @Get(':streamId')
  @ApiOperation({ summary: 'One stream’s catalog entry' })
  @ApiOkResponse({ type: StreamCatalogEntry })
  // The query DTO only declares waitFor (handled by ReadYourWritesInterceptor) so unknown parameters are refused.
  get(@Param('streamId') streamId: string, @Query() _query: ConsistencyQuery) {
    return this.queries.execute(new GetStreamCatalogEntryQuery(streamId));
  }
}
