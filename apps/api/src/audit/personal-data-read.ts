import {
  applyDecorators,
  BadRequestException,
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  SetMetadata,
  StreamableFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiQuery } from '@nestjs/swagger';
import { recordPersonalDataRead } from '@banenpool/audit';
import type { EventStore } from '@banenpool/event-store';
import {
  actorLabel,
  categoriesOf,
  dataAccessFor,
  EVENT_STORE,
  PURPOSE_RULES,
  PURPOSES,
  purposesCovering,
  type Actor,
  type PersonalField,
  type Purpose,
} from '@banenpool/platform';
import type { Request } from 'express';
import { concatMap, from, map, type Observable } from 'rxjs';
import { CoalescedAppends } from './coalesced-appends.js';

/** How a route that answers workers' personal or target-group data is read and recorded. */
export interface PersonalDataRoute {
  /** The personal fields the route's answer can hold. */
  readonly fields: readonly PersonalField[];
  /**
   * `minimised`: the query handler drops what the caller may not see (it gets the fields through
   * @DataAccess()); `whole`: the answer cannot be cut down (raw events, a claim built on the wage
   * value), so a purpose that does not cover every field is refused with 403.
   */
  readonly answer: 'minimised' | 'whole';
  /** Whether this request reads a worker at all (`/audit/:kind/...` only for kind workers); default always. */
  readonly when?: (request: Request) => boolean;
  /**
   * What an employer that may call the route sees there, when the route's own design gives it more
   * than the policy's name (a hirer's banenafspraak statement names its target-group workers).
   */
  readonly employerSees?: readonly PersonalField[];
}

/** What the policy decided for this request: the purpose stated and the fields the caller sees. */
export interface RequestDataAccess {
  readonly purpose?: Purpose;
  readonly fields: ReadonlySet<PersonalField>;
}

type PersonalRequest = Request & {
  actor: Actor;
  dataAccess?: RequestDataAccess;
  shownWorkers?: readonly string[];
  personalDataRecorded?: boolean;
};

const ROUTE = 'banenpool:personal-data-route';

const PURPOSE_DESCRIPTION =
  'Why the data is read; required for operators and auditors, not asked of employers. ' +
  PURPOSES.map((purpose) => `${purpose}: ${PURPOSE_RULES[purpose].description}`).join('; ');

/**
 * Marks a GET route whose answer can hold workers' personal or target-group data: each answered
 * request leaves one PersonalDataRead on the access record (who, what, when, why), operators and
 * auditors must say why (`?purpose=`), and what they see follows the policy (data-access-policy.ts).
 * The OpenAPI document shows the mark as `x-personal-data`, which the e2e test walks.
 */
export const PersonalDataRead = (route: PersonalDataRoute) =>
  applyDecorators(
    SetMetadata(ROUTE, route),
    UseInterceptors(PersonalDataReadInterceptor),
    ApiQuery({ name: 'purpose', required: false, enum: PURPOSES, description: PURPOSE_DESCRIPTION }),
    ApiExtension('x-personal-data', { fields: route.fields, answer: route.answer, recorded: 'PersonalDataRead' }),
  );

/** The policy's decision for this request, for the query handler to minimise with. */
export const DataAccess = createParamDecorator((_: unknown, context: ExecutionContext): RequestDataAccess | undefined => {
  return context.switchToHttp().getRequest<PersonalRequest>().dataAccess;
});

/** For an answer the interceptor cannot read (CSV, a stream): the workers it shows, set by the controller. */
export function showsWorkers(request: Request, workerIds: readonly string[]): void {
  (request as PersonalRequest).shownWorkers = workerIds;
}

/** Whether the request's personal-data read was recorded already (the audit interceptor then records nothing more). */
export const personalDataRecorded = (request: Request): boolean => (request as PersonalRequest).personalDataRecorded === true;

/**
 * Decides what the caller may see before the handler runs (a missing or wrong purpose is a 400,
 * a purpose that does not cover a whole answer a 403: neither is an access, neither is recorded),
 * and records the read after it ran and before the answer leaves. If the record cannot be written
 * the request fails with 503: no answer leaves unrecorded.
 */
@Injectable()
export class PersonalDataReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('PersonalDataRead');
  /** Concurrent reads share an append to the day's access record instead of queueing on its head. */
  private readonly accessRecord: CoalescedAppends;

  constructor(
    private readonly reflector: Reflector,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.accessRecord = new CoalescedAppends(store);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<PersonalRequest>();
    const route = this.reflector.get<PersonalDataRoute>(ROUTE, context.getHandler());
    const purpose = takePurpose(request);
    if (route.when && !route.when(request)) return next.handle();
    const access = decide(route, request.actor, purpose);
    request.dataAccess = access;
    return next.handle().pipe(concatMap((answer) => from(this.record(request, route, access, answer)).pipe(map(() => answer))));
  }

  private async record(request: PersonalRequest, route: PersonalDataRoute, access: RequestDataAccess, answer: unknown) {
    const shown = route.fields.filter((field) => access.fields.has(field));
    try {
      await recordPersonalDataRead(
        this.accessRecord,
        {
          actor: actorLabel(request.actor),
          role: request.actor.role,
          route: `${request.method} ${routePath(request)}`,
          target: request.path,
          parameters: parametersOf(request),
          workerIds: request.shownWorkers ?? workersIn(request, answer),
          categories: categoriesOf(shown),
          ...(access.purpose ? { purpose: access.purpose } : {}),
          correlationId: String(request.id),
        },
        new Date(),
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'A personal-data read could not be recorded; the answer is withheld');
      throw new ServiceUnavailableException(
        'The read could not be put on the access record, so it is not answered. Try again in a few seconds.',
      );
    }
    request.personalDataRecorded = true;
  }
}

/** The policy's answer, or the 400/403 the request gets instead. */
function decide(route: PersonalDataRoute, actor: Actor, purpose: string | undefined): RequestDataAccess {
  const decided = dataAccessFor(actor.role, purpose);
  if (!decided.ok) throw new BadRequestException(decided.problem);
  const fields = actor.role === 'employer' && route.employerSees ? new Set(route.employerSees) : decided.fields;
  const missing = route.fields.filter((field) => !fields.has(field));
  if (route.answer === 'whole' && missing.length > 0) {
    const instead = purposesCovering(route.fields);
    throw new ForbiddenException(
      `This answer holds ${route.fields.join(', ')} and cannot be cut down; purpose ${purpose ?? '(none)'} does not cover ` +
        `${missing.join(', ')}${instead.length > 0 ? `: ask with purpose ${instead.join(' or ')}` : ''}`,
    );
  }
  return { ...(decided.purpose ? { purpose: decided.purpose } : {}), fields };
}

/**
 * Takes `purpose` out of the query, so the route's own query DTO (which refuses unknown
 * parameters) never sees it. Express 5 computes req.query on each read, hence the own property.
 */
function takePurpose(request: Request): string | undefined {
  const { purpose, ...rest } = request.query;
  Object.defineProperty(request, 'query', { value: rest, writable: true, configurable: true, enumerable: true });
  if (Array.isArray(purpose)) throw new BadRequestException('purpose must be given once');
  return typeof purpose === 'string' ? purpose : undefined;
}

const routePath = (request: Request): string =>
  `${request.baseUrl ?? ''}${(request.route as { path?: string } | undefined)?.path ?? request.path}`;

const parametersOf = (request: Request): Record<string, string> =>
  Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, String(value)]));

/** The path's worker and every `workerId` in a JSON answer: the workers it showed. */
function workersIn(request: Request, answer: unknown): string[] {
  const found = new Set<string>();
  const pathWorker = request.params.workerId ?? (request.params.kind === 'workers' ? request.params.id : undefined);
  if (typeof pathWorker === 'string') found.add(pathWorker);
  if (!(answer instanceof StreamableFile) && typeof answer !== 'string') collectWorkerIds(answer, found);
  return [...found];
}

/**
 * Walks every answer a personal-data route gives, so it must be cheap: keys instead of entries (no pair per
 * property) and no call for a scalar took a 100-item board page from about 170 to 70 µs.
 */
function collectWorkerIds(value: unknown, found: Set<string>): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectWorkerIds(item, found);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const inner = record[key];
    if (key === 'workerId' && typeof inner === 'string') found.add(inner);
    else if (typeof inner === 'object' && inner !== null) collectWorkerIds(inner, found);
  }
}
