import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { parsePosition } from '@banenpool/event-store';
import { AppConfig } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';

export const CONSISTENCY_HEADER = 'X-Consistency';

/**
 * Read-your-writes for every GET: a client that passes `waitFor=<position>` (what its command
 * answered) gets an answer that includes that command — including what the placement process did
 * because of it — or, after READ_YOUR_WRITES_MAX_WAIT_MS, the answer as it is with
 * `X-Consistency: timeout`, so it knows the data may not show its write yet.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly projector: Projector,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const waitFor = request.method === 'GET' ? request.query.waitFor : undefined;
    if (waitFor === undefined) return next.handle();
    const position = typeof waitFor === 'string' ? parsePosition(waitFor) : undefined;
    if (!position) throw new BadRequestException('waitFor must be a position like 742-1031, as a command returned it');
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.projector.waitFor(position, this.config.READ_YOUR_WRITES_MAX_WAIT_MS)).pipe(
      mergeMap((reached) => {
        response.setHeader(CONSISTENCY_HEADER, reached ? 'reached' : 'timeout');
        return next.handle();
      }),
    );
  }
}
