import { Injectable } from '@nestjs/common';
import { parsePosition } from '@banenpool/event-store';
import { AppConfig } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import type { Response } from 'express';

export const CONSISTENCY_HEADER = 'X-Consistency';

/**
 * Read-your-writes for queries: a client that passes the position its command returned gets an
 * answer that includes that command, or, after READ_YOUR_WRITES_MAX_WAIT_MS, the answer as it is
 * with `X-Consistency: timeout` so it knows the data may not show its write yet.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projector: Projector,
    private readonly config: AppConfig,
  ) {}

  async await(waitFor: string | undefined, response: Response): Promise<void> {
    if (waitFor === undefined) return;
    const position = parsePosition(waitFor);
    if (!position) return; // validated by ConsistencyQuery before we get here
    const reached = await this.projector.waitFor(position, this.config.READ_YOUR_WRITES_MAX_WAIT_MS);
    response.setHeader(CONSISTENCY_HEADER, reached ? 'reached' : 'timeout');
  }
}
