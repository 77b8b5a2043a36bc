import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AmendCapacityRequestCommand,
  GetCapacityRequestQuery,
  RequestCapacityCommand,
  WithdrawCapacityRequestCommand,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { CapacityTermsDto, RequestCapacityDto, WithdrawDto } from './capacity-request.dto.js';

/** Seasonal capacity requests: inside membership, outside the site's closures, never over-filled. */
@ApiTags('capacity-requests')
@ApiBearerAuth()
@Controller('capacity-requests')
export class CapacityRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Request seasonal capacity at a site' })
  request(@Body() body: RequestCapacityDto, @Context() context: RequestContext) {
    return this.commands.execute(new RequestCapacityCommand(body, context));
  }

  @Post(':requestId/amendments')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Change period, hours or headcount (never below what is filled)' })
  amend(@Param('requestId') id: string, @Body() body: CapacityTermsDto, @Context() context: RequestContext) {
    return this.commands.execute(new AmendCapacityRequestCommand(id, body, context));
  }

  @Post(':requestId/withdrawal')
  @Roles('operator', 'employer')
  @ApiOperation({ summary: 'Withdraw the request: no further places are filled' })
  withdraw(@Param('requestId') id: string, @Body() body: WithdrawDto, @Context() context: RequestContext) {
    return this.commands.execute(new WithdrawCapacityRequestCommand(id, body.reason, context));
  }

  @Get(':requestId')
  @ApiOperation({ summary: 'A capacity request with its filled places' })
  get(@Param('requestId') id: string, @Context() context: RequestContext) {
    return this.queries.execute(new GetCapacityRequestQuery(id, context.caller));
  }
}
