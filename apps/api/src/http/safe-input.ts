import { BadRequestException } from '@nestjs/common';
import { UNSTORABLE_TEXT as UNSTORABLE } from '@banenpool/event-store';

const MAX_DEPTH = 32;
/** Keys that would reach an object's prototype once a body is turned into classes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses input no field could ever accept: text PostgreSQL cannot store, prototype keys, and
 * nesting deep enough to exhaust the stack of anything that walks it (the class transformer,
 * JSON.stringify). The walk itself stops at MAX_DEPTH, so it is safe on any parsed body.
 */
export function inspectInput(value: unknown, depth = 0, path = 'input'): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw new BadRequestException(`${path} contains a NUL character or broken Unicode`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH) throw new BadRequestException(`${path} is nested more than ${MAX_DEPTH} levels deep`);
  for (const [key, entry] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new BadRequestException(`The field name "${key}" is not allowed`);
    if (UNSTORABLE.test(key)) throw new BadRequestException(`A field name in ${path} contains a NUL character or broken Unicode`);
    inspectInput(entry, depth + 1, Array.isArray(value) ? `${path}[${key}]` : key);
  }
}
