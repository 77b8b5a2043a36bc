import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '@banenpool/platform';
import { requireEmployerAccess } from '../common/access.js';

/**
 * The employer a read-model query is limited to: an employer only ever sees its own rows (asking
 * for another employer's is a 403); operators and auditors see the employer they ask for, or all.
 */
export function scopedEmployerId(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.role !== 'employer') return requested;
  if (!actor.employerId) throw new ForbiddenException('This employer key names no employer');
  if (requested !== undefined) requireEmployerAccess(actor, requested);
  return actor.employerId;
}
