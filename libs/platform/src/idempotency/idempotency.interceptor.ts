import { createHash } from 'node:crypto';
import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { actorLabel, type Actor } from '../auth/actor.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

const KEY = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * `Idempotency-Key` on a POST: the first request's answer is stored and a retry with the same key
 * and the same request gets it back instead of appending again. A retry while the first is still
 * running is a 409; the same key with a different request is a 422. A request that failed leaves
 * no record, so its retry runs again against the state as it is then.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY.test(key)) throw new BadRequestException('Idempotency-Key must be 1-200 letters, digits or _.:-');
    const scope = `${request.actor ? actorLabel(request.actor) : 'anonymous'}/${key}`;
    const requestHash = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`).digest('hex');

    return from(this.claim(scope, requestHash)).pipe(
      mergeMap((earlier) => {
        if (!earlier) return this.runAndRemember(scope, next, response);
        if (earlier.requestHash !== requestHash) throw new UnprocessableEntityException('This Idempotency-Key was used for a different request');
        if (earlier.state === 'pending') throw new ConflictException('A request with this Idempotency-Key is still being processed');
        response.status(earlier.statusCode ?? 200).setHeader('Idempotent-Replayed', 'true');
        return of(earlier.responseBody);
      }),
    );
  }

  /** Inserts a pending record; returns the earlier record when the key was taken already. */
  private async claim(scope: string, requestHash: string): Promise<IdempotencyRecord | undefined> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(IdempotencyRecord)
      .values({ scope, requestHash, state: 'pending', createdAt: new Date() })
      .orIgnore()
      .returning('scope')
      .execute();
    if (inserted.raw.length > 0) return undefined;
    return (await this.dataSource.manager.findOneBy(IdempotencyRecord, { scope })) ?? undefined;
  }

  private runAndRemember(scope: string, next: CallHandler, response: Response): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.dataSource.query(
          "UPDATE api_idempotency_keys SET state = 'done', status_code = $2, response_body = $3::jsonb WHERE scope = $1",
          [scope, response.statusCode, JSON.stringify(body ?? null)],
        );
        return body;
      }),
      catchError(async (error: unknown) => {
        await this.dataSource.manager.delete(IdempotencyRecord, { scope });
        throw error;
      }),
    );
  }
}
