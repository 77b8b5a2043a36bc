import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { jsonOnly } from './json-only.middleware.js';
import { ProblemFilter } from './problem.filter.js';
import { safeBody } from './safe-body.middleware.js';
import { SafeInputPipe } from './safe-input.pipe.js';

/** The HTTP behaviour shared by main.ts and the end-to-end tests, so tests see what users see. */
export function configureHttpApp(app: INestApplication): void {
  app.use(jsonOnly);
  // Parsed here rather than where Nest would add its own parser, so safeBody can follow it.
  (app as NestExpressApplication).useBodyParser('json');
  app.use(safeBody);
  app.useGlobalPipes(
    new SafeInputPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Banenpool')
      .setDescription(
        'Event-sourced backend for Dutch job pools. Errors are application/problem+json. ' +
          'Queries accept `waitFor=<position>` (a position a command returned) to read their own writes.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (see README; the embedded demo accepts demo-operator)' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
