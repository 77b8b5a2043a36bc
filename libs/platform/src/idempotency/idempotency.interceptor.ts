import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import type { Request, Response } from 'express';
import { catchError, defer, finalize, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { actorLabel, type Actor } from '../auth/actor.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { IdempotencyRecords, LEASE_SECONDS, type Claim, type Earlier } from './idempotency-records.js';

const KEY = /^[A-Za-z0-9_.:-]{1,200}$/;

/** What the command path of a keyed request needs to know (libs/application's UseCaseExecutor). */
export interface KeyedRequest {
  /** Goes into the metadata of every event the request appends (EventMetadata.idempotencyKey). */
  readonly tag: string;
  /** Called before a single-stream command appends: a retry after a crash looks there for the command's events. */
  recordStream(streamId: string): Promise<void>;
}

const keyedRequests = new AsyncLocalStorage<KeyedRequest>();

/** The keyed request being handled, if the current POST carries an Idempotency-Key. */
export const keyedRequest = (): KeyedRequest | undefined => keyedRequests.getStore();

/**
 * `Idempotency-Key` on a POST: the first request's answer is stored and a retry with the same key
 * and the same request gets it back instead of appending again; the same key with a different
 * request is a 422. A request holds its key with a lease it renews while it runs: a retry meanwhile
 * is a 409 with Retry-After. When the lease lapses because the process died, the next retry takes
 * the key over; if the command's events are in its stream (tagged with the key) it answers what the
 * command answered, otherwise it runs the command. A request that failed without appending leaves
 * no record, so its retry runs again against the state as it is then.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly records: IdempotencyRecords;

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.records = new IdempotencyRecords(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY.test(key)) throw new BadRequestException('Idempotency-Key must be 1-200 letters, digits or _.:-');
    const scope = `${request.actor ? actorLabel(request.actor) : 'anonymous'}/${key}`;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');

    return from(this.records.claim(scope, requestHash)).pipe(
      mergeMap((outcome) =>
        'claim' in outcome ? this.whileHeld(outcome.claim, next, response) : of(answerEarlier(outcome.earlier, requestHash, response)),
      ),
    );
  }

  /** Renews the lease every third of it until the request has its answer. */
  private whileHeld(claim: Claim, next: CallHandler, response: Response): Observable<unknown> {
    return defer(() => {
      const renewal = setInterval(() => void this.records.renew(claim).catch(() => undefined), (LEASE_SECONDS * 1000) / 3).unref();
      // Stopped before the record is finished, so no renewal can follow a lapse; finalize covers an unsubscribe.
      return this.resolve(claim, next, response).pipe(
        mergeMap(async (body) => {
          clearInterval(renewal);
          await this.records.complete(claim, response.statusCode, body).catch((error: unknown) => this.leftPending(claim, error));
          return body;
        }),
        catchError((error: unknown) => {
          clearInterval(renewal);
          return from(this.release(claim)).pipe(mergeMap(() => throwError(() => error)));
        }),
        finalize(() => clearInterval(renewal)),
      );
    });
  }

  /** A taken-over claim first looks for what the dead request appended; otherwise the command runs. */
  private resolve(claim: Claim, next: CallHandler, response: Response): Observable<unknown> {
    return from(claim.takenOver ? this.appended(claim) : Promise.resolve(undefined)).pipe(
      mergeMap((earlier) => {
        if (!earlier) return this.handle(claim, next);
        response.setHeader('Idempotent-Replayed', 'true');
        return of(earlier);
      }),
    );
  }

  private handle(claim: Claim, next: CallHandler): Observable<unknown> {
    const keyed: KeyedRequest = {
      tag: tagOf(claim),
      recordStream: async (streamId) => {
        const held = await this.records.recordStream(claim, streamId);
        if (!held) throw new ConflictException('A retry with this Idempotency-Key took the request over');
        claim.streamId = streamId;
      },
    };
    return new Observable((subscriber) => keyedRequests.run(keyed, () => next.handle().subscribe(subscriber)));
  }

  /**
   * The answer the use case gave for the command whose events carry this claim's tag, or undefined
   * when it appended none (or the request was not a single-stream command).
   */
  private async appended(claim: Claim): Promise<object | undefined> {
    if (!claim.streamId) return undefined;
    const tag = tagOf(claim);
    const events = (await this.store.readStream(claim.streamId)).filter((e) => e.metadata?.idempotencyKey === tag);
    const last = events.at(-1);
    if (!last) return undefined;
    return { streamId: claim.streamId, version: last.revision, position: formatPosition(last.position), events: events.map((e) => e.type) };
  }

  /**
   * A failed request that appended nothing gives up its key. One that may have appended (its stream
   * cannot be read, or holds its events) stays pending with its lease lapsed: the retry finds out.
   */
  private async release(claim: Claim): Promise<void> {
    try {
      if (await this.appended(claim)) await this.records.lapse(claim);
      else await this.records.remove(claim);
    } catch (error) {
      await this.records.lapse(claim).catch(() => this.leftPending(claim, error));
    }
  }

  /** The lease lapses on its own, so the next retry resolves the key from the events. */
  private leftPending(claim: Claim, error: unknown): void {
    this.logger.warn({ err: error, scope: claim.scope }, 'Idempotency record left pending; a retry after its lease resolves it');
  }
}

function answerEarlier(earlier: Earlier, requestHash: string, response: Response): unknown {
  if (earlier.requestHash !== requestHash) throw new UnprocessableEntityException('This Idempotency-Key was used for a different request');
  if (earlier.state === 'pending') {
    response.setHeader('Retry-After', String(earlier.retryAfter));
    throw new ConflictException('A request with this Idempotency-Key is still being processed');
  }
  response.status(earlier.statusCode ?? 200).setHeader('Idempotent-Replayed', 'true');
  return earlier.responseBody;
}

/** Unique to this use of the key, so the events of an expired earlier use of it never count. */
const tagOf = (claim: Claim): string => `${claim.scope}#${claim.requestId}`;
