import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, loadConfig } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { Logger } from 'nestjs-pino';
import { ProjectorModule } from './projector.module.js';

const USAGE = `Usage: node dist/apps/projector/src/main.js [--rebuild [--projection NAME]]
  (no flags)         run the projector, with /health and /metrics on PORT
  --rebuild          empty the read models and replay the whole feed, then exit
  --projection NAME  with --rebuild: only this read model`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rebuild: { type: 'boolean' }, projection: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const config = loadConfig();
  if (values.rebuild) return rebuild(config, values.projection);
  const app = await NestFactory.create(ProjectorModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Projector running; health at http://${config.HOST}:${config.PORT}/health`);
}

/** One-off rebuild. In embedded mode the service must be stopped first (it holds the data folder). */
async function rebuild(config: AppConfig, projection: string | undefined): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config, false), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const projector = app.get(Projector);
  const started = Date.now();
  console.error(`Rebuilding ${projection ?? projector.projections.map((p) => p.name).join(', ')} from the start of the feed...`);
  let applied = 0;
  await projector.rebuild(projection, (name, count) => {
    applied += count;
    process.stderr.write(`\r  ${name}: ${applied.toLocaleString('en')} events applied`);
  });
  process.stderr.write('\n');
  console.error(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
