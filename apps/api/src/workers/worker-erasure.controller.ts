import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EraseWorkerDataCommand, type RequestContext } from '@banenpool/application';
import { ERASURE_REASONS, type ErasureReason } from '@banenpool/domain';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';

export class EraseWorkerDataDto {
  @ApiProperty({
    enum: ERASURE_REASONS,
    example: 'data_subject_request',
    description:
      'Why the data is erased, as a code: the record of the erasure is kept for good, so it takes no free text that could name the person.',
  })
  @IsIn(ERASURE_REASONS)
  reason: ErasureReason;
}

/** The right to erasure (GDPR art. 17) for a worker who has left the pool. */
@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers')
export class WorkerErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':workerId/erasure')
  @Roles('operator')
  @ApiOperation({
    summary: 'Erase a worker’s personal data (operator)',
    description:
      'Records WorkerDataErased, shreds the worker’s data key (name, birth date, location and target-group data in every event become ' +
      'unreadable) and purges the copies kept beside the log. Hours, pay and invoices stay for the years the retention rule table gives (GET /rules/retention; 7 after the year they concern, art. 52 AWR); GET /workers/:id then states until when. ' +
      '409 while a pool contract is in force or planned or hours are committed after today. Erasing again appends nothing and ' +
      'finishes what an interrupted erasure left undone.',
  })
  erase(@Param('workerId') id: string, @Body() body: EraseWorkerDataDto, @Context() context: RequestContext) {
    return this.commands.execute(new EraseWorkerDataCommand(id, body.reason, context));
  }
}
