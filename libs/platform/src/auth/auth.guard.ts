import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import type { Actor, Role } from './actor.js';
import { ApiKeyRing } from './api-key-ring.js';

const PUBLIC = 'banenpool:public';
const ROLES = 'banenpool:roles';
const READ_ONLY = 'banenpool:read-only';

/** No key needed: health, metrics, the OpenAPI document. */
export const Public = () => SetMetadata(PUBLIC, true);
/** A POST that changes no records (it starts a read-only job): auditors may call it too. */
export const ReadOnlyRoute = () => SetMetadata(READ_ONLY, true);
/** Which roles may call this route (checked after the key is known). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<Request & { actor: Actor }>().actor;
});

/**
 * Every route needs an API key (`Authorization: Bearer <key>` or `X-Api-Key`) unless @Public.
 * Auditors only read: any other method is refused for them, whatever the route says.
 * An address that keeps presenting wrong keys is answered 429 for the rest of the minute, before
 * its key is even looked at, so keys cannot be guessed at the speed of the service. The count is
 * per process (each instance limits on its own).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: RateLimiterMemory;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRing,
    config: AppConfig,
  ) {
    this.failures = new RateLimiterMemory({ points: config.AUTH_FAILURES_PER_MINUTE, duration: 60 });
    if (keys.source.kind === 'demo')
      new Logger('Auth').warn('API_KEYS is not set: the demo keys (demo-operator, demo-auditor, demo-employer-<id>) are active');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: Actor }>();
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    await this.refuseWhileLimited(address, http.getResponse<Response>());
    const key = keyOf(request);
    const actor = key ? this.keys.authenticate(key) : undefined;
    if (!actor) {
      // A missing key guesses nothing; a wrong one counts against its address.
      if (key) await this.failures.penalty(address);
      throw new UnauthorizedException('A valid API key is needed: Authorization: Bearer <key> or X-Api-Key');
    }
    const readOnly = request.method === 'GET' || request.method === 'HEAD' || this.reflector.getAllAndOverride<boolean>(READ_ONLY, targets);
    if (actor.role === 'auditor' && !readOnly) {
      throw new ForbiddenException('Auditors have read-only access');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`This needs the role ${roles.join(' or ')}`);
    request.actor = actor;
    return true;
  }

  private async refuseWhileLimited(address: string, response: Response): Promise<void> {
    const record = await this.failures.get(address);
    if (!record || record.remainingPoints > 0) return;
    const seconds = Math.max(1, Math.ceil(record.msBeforeNext / 1000));
    response.setHeader('Retry-After', String(seconds));
    throw new HttpException(`Too many failed authentications from this address; try again in ${seconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

function keyOf(request: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
  return bearer?.[1] ?? request.header('x-api-key') ?? undefined;
}
