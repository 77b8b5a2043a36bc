import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config.js';
import { demoActor, parseApiKeys, type Actor, type Role } from './actor.js';

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
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly keys: Map<string, Actor> | undefined;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.keys = config.API_KEYS ? parseApiKeys(config.API_KEYS) : undefined;
    if (!this.keys)
      new Logger('Auth').warn('API_KEYS is not set: the demo keys (demo-operator, demo-auditor, demo-employer-<id>) are active');
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = this.actorFor(keyOf(request));
    if (!actor) throw new UnauthorizedException('A valid API key is needed: Authorization: Bearer <key> or X-Api-Key');
    const readOnly = request.method === 'GET' || request.method === 'HEAD' || this.reflector.getAllAndOverride<boolean>(READ_ONLY, targets);
    if (actor.role === 'auditor' && !readOnly) {
      throw new ForbiddenException('Auditors have read-only access');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`This needs the role ${roles.join(' or ')}`);
    request.actor = actor;
    return true;
  }

  private actorFor(key: string | undefined): Actor | undefined {
    if (!key) return undefined;
    return this.keys ? this.keys.get(key) : demoActor(key);
  }
}

function keyOf(request: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
  return bearer?.[1] ?? request.header('x-api-key') ?? undefined;
}
