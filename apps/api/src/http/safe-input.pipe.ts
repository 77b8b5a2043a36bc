import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { inspectInput } from './safe-input.js';

/**
 * Query strings and path parameters get the same refusal as bodies, before validation. Bodies
 * were inspected already by safeBody, right after parsing.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') inspectInput(value);
    return value;
  }
}
