import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '@banenpool/platform';

/** Employers reach only their own data; operators and auditors (read-only by the guard) reach all. */
export function requireEmployerAccess(actor: Actor, employerId: string): void {
  if (actor.role === 'employer' && actor.employerId !== employerId) {
    throw new ForbiddenException('An employer may only reach its own data');
  }
}
