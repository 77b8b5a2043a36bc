import { Injectable, type PipeTransform } from '@nestjs/common';
import { inspectInput } from './safe-input.js';

/** Query strings and path parameters get the same refusal as bodies (safeBody), before validation. */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown): unknown {
    inspectInput(value);
    return value;
  }
}
