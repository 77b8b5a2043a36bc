import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';

/** An answer that carries its stream's `version` sends it as the ETag too: the If-Match of the next command. */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((answer) => {
        const version = typeof answer === 'object' && answer !== null ? (answer as { version?: unknown }).version : undefined;
        if (Number.isInteger(version)) response.setHeader('ETag', `"${version}"`);
      }),
    );
  }
}
