import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { recordAuditAccess } from '@banenpool/audit';
import type { EventStore } from '@banenpool/event-store';
import { actorLabel, EVENT_STORE, type Actor } from '@banenpool/platform';
import type { Request } from 'express';
import { concatMap, from, map, type Observable } from 'rxjs';
import { personalDataRecorded } from './personal-data-read.js';

const ACTION = 'banenpool:audit-action';
/** Names the kind of access that is recorded for a route: history, as-of, diff, verify, digests, compare. */
export const AuditAction = (action: string) => SetMetadata(ACTION, action);

/**
 * Records who read what before the answer leaves: an answer is only given once its access is on
 * the record. A refused request (bad input, wrong role) was not an access and records nothing.
 * A route that is also a @PersonalDataRead is recorded there, once, and not again here.
 */
@Injectable()
export class AuditAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
    const action = this.reflector.get<string>(ACTION, context.getHandler());
    return next.handle().pipe(concatMap((answer) => from(this.record(request, action)).pipe(map(() => answer))));
  }

  private async record(request: Request & { actor: Actor }, action: string): Promise<void> {
    // A read of a worker is on the record once, as a PersonalDataRead (with its purpose and subjects).
    if (personalDataRecorded(request)) return;
    const parameters = Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, String(value)]));
    await recordAuditAccess(
      this.store,
      { actor: actorLabel(request.actor), action, target: request.path, parameters, correlationId: String(request.id) },
      new Date(),
    );
  }
}
