import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { jsonOnly } from './json-only.middleware.js';
import { ProblemFilter } from './problem.filter.js';
import { SafeInputPipe } from './safe-input.pipe.js';

/** The HTTP behaviour shared by main.ts and the end-to-end tests, so tests see what users see. */
export function configureHttpApp(app: INestApplication): void {
  app.use(jsonOnly);
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
