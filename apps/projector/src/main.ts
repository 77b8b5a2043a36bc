import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, loadConfig } from '@banenpool/platform';
import { isReaction, Projector } from '@banenpool/projector';
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
  const readModels = projector.projections.filter((p) => !isReaction(p)).map((p) => p.name);
  console.error(`Rebuilding ${projection ?? readModels.join(', ')} from the start of the feed...`);
  const progress = rebuildProgress(projection ? 1 : readModels.length);
  await projector.rebuild(projection, progress.onBatch);
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.error(`${progress.line()}; done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await app.close();
}

/**
 * Events replayed into every read model so far (each batch reaches each read model in turn): over one
 * line on a terminal, a line a second in a log.
 */
function rebuildProgress(readModels: number) {
  const applied = new Map<string, number>();
  let printed = 0;
  const line = () => {
    const everywhere = applied.size < readModels ? 0 : Math.min(...applied.values());
    return `  ${everywhere.toLocaleString('en')} events applied to ${readModels} read model${readModels === 1 ? '' : 's'}`;
  };
  const onBatch = (name: string, count: number) => {
    applied.set(name, (applied.get(name) ?? 0) + count);
    if (process.stderr.isTTY) process.stderr.write(`\r${line()}`);
    else if (Date.now() - printed >= 1_000) {
      printed = Date.now();
      process.stderr.write(`${line()}\n`);
    }
  };
  return { onBatch, line };
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
