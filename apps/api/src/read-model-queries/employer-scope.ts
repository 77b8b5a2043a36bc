import { requireEmployerAccess, type Caller } from '@banenpool/application';

/**
 * The employer a read-model query is limited to: an employer only ever sees its own rows (asking
 * for another employer's is a 403); operators and auditors see the employer they ask for, or all.
 */
export function scopedEmployerId(caller: Caller, requested: string | undefined): string | undefined {
  if (caller.employerId === undefined) return requested;
  if (requested !== undefined) requireEmployerAccess(caller, requested);
  return caller.employerId;
}
