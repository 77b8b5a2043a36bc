import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@banenpool/platform';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureHttpApp } from '../../apps/api/src/http/configure-http-app.js';
import { TEST_MASTER_KEY } from './built-app.js';

/** The API on in-memory PGlite (or the DATABASE_URL given), configured as main.ts does, with the demo keys accepted on either. */
export async function startTestApi(env: Record<string, string | undefined> = {}, extraControllers: Type[] = []): Promise<INestApplication> {
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', ALLOW_DEMO_KEYS: 'true', MASTER_KEY: TEST_MASTER_KEY, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)], controllers: extraControllers }).compile();
  const app = moduleRef.createNestApplication();
  configureHttpApp(app);
  await app.init();
  return app;
}

/** Requests as one caller: `as('demo-operator').post('/caos').send(...)`. */
export function caller(app: INestApplication, apiKey: string) {
  const server = app.getHttpServer();
  return {
    get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${apiKey}`),
    post: (path: string) => request(server).post(path).set('Authorization', `Bearer ${apiKey}`),
    put: (path: string) => request(server).put(path).set('Authorization', `Bearer ${apiKey}`),
  };
}
