import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@banenpool/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureHttpApp } from './http/configure-http-app.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // forRoot refuses a key setting (demo keys off loopback, say) before anything starts.
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttpApp(app);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Banenpool API on http://${config.HOST}:${config.PORT} (OpenAPI at /docs, health at /health)`);
}

bootstrap().catch((error: unknown) => {
  // A wrong setting stops the service with a message naming it, not a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
