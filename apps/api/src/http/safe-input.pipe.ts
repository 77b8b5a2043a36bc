import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const MAX_DEPTH = 32;
/** Keys that would reach an object's prototype once a body is turned into classes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** NUL cannot be stored by PostgreSQL; a lone surrogate is not text at all. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Runs before validation on every body, query and path parameter: refuses input no field could
 * ever accept — text PostgreSQL cannot store, prototype keys, and nesting deep enough to exhaust
 * the stack of the class transformer — with a 400 instead of letting it fail deeper down.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown): unknown {
    inspect(value, 0, 'input');
    return value;
  }
}

function inspect(value: unknown, depth: number, path: string): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw new BadRequestException(`${path} contains a NUL character or broken Unicode`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH) throw new BadRequestException(`${path} is nested more than ${MAX_DEPTH} levels deep`);
  for (const [key, entry] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new BadRequestException(`The field name "${key}" is not allowed`);
    if (UNSTORABLE.test(key)) throw new BadRequestException(`A field name in ${path} contains a NUL character or broken Unicode`);
    inspect(entry, depth + 1, Array.isArray(value) ? `${path}[${key}]` : key);
  }
}
