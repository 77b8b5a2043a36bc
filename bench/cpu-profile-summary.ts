// Self time of a V8 .cpuprofile (node --cpu-prof, or the inspector's Profiler.stop) by layer of the
// service: HTTP, validation, idempotency, deciders, event store, projector, … A layer is found from
// each frame's file; a native frame (no file: JSON.stringify, a RegExp) and a Node core frame (node:…)
// count to the layer of the nearest caller that has one, so that serialising a log line is logging and
// writing a query to its socket is the pg driver. Node core keeps only what no application code called:
// the event loop reading sockets, timers, microtask queue work.
//   node dist/bench/cpu-profile-summary.js <file.cpuprofile>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The parts of the .cpuprofile format (Chrome DevTools protocol Profiler.Profile) read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Frames V8 names in parentheses: not JavaScript, and not attributable to a caller. */
const SPECIAL: Record<string, string> = {
  '(idle)': 'idle (waiting for I/O)',
  '(garbage collector)': 'garbage collector',
  '(program)': 'V8/native, unattributed',
  '(root)': 'V8/native, unattributed',
};
export const IDLE = SPECIAL['(idle)'];

const PACKAGE_LAYERS: Record<string, string> = {
  ...layerOf('express (HTTP)', [
    'express',
    'body-parser',
    'router',
    'raw-body',
    'qs',
    'iconv-lite',
    'path-to-regexp',
    'finalhandler',
    'on-finished',
    'type-is',
    'content-type',
    'media-typer',
    'mime-types',
    'http-errors',
    'parseurl',
    'proxy-addr',
    'accepts',
    'negotiator',
    'send',
    'fresh',
    'etag',
    'vary',
    'encodeurl',
    'statuses',
    'depd',
    'debug',
    'cookie',
  ]),
  ...layerOf('NestJS + rxjs', ['@nestjs/common', '@nestjs/core', '@nestjs/cqrs', '@nestjs/platform-express', 'rxjs', 'reflect-metadata']),
  ...layerOf('validation (class-validator/-transformer)', ['class-validator', 'class-transformer', 'validator', 'libphonenumber-js']),
  ...layerOf('logging (pino)', [
    'pino',
    'pino-http',
    'nestjs-pino',
    'pino-std-serializers',
    'sonic-boom',
    'thread-stream',
    'fast-redact',
    '@pinojs/redact',
    'quick-format-unescaped',
    'safe-stable-stringify',
    'fast-safe-stringify',
    'atomic-sleep',
    'on-exit-leak-free',
  ]),
  ...layerOf('zod (event schemas)', ['zod']),
  ...layerOf('pg driver', [
    'pg',
    'pg-protocol',
    'pg-pool',
    'pg-types',
    'pg-connection-string',
    'postgres-array',
    'postgres-bytea',
    'postgres-date',
    'postgres-interval',
    'pgpass',
    'split2',
  ]),
  ...layerOf('PGlite (embedded database)', ['@electric-sql/pglite', '@electric-sql/pglite-socket']),
  ...layerOf('TypeORM', ['typeorm', 'sql-highlight', 'app-root-path', 'dayjs', 'uuid', 'sha.js', 'buffer', 'dedent', 'ansis']),
  ...layerOf('metrics (prom-client)', ['prom-client', 'tdigest', 'bintrees']),
};

/** Repository folders, most specific first. */
const SOURCE_LAYERS: [string, string][] = [
  ['libs/platform/src/idempotency/', 'idempotency interceptor'],
  ['libs/platform/src/auth/', 'auth guard'],
  ['libs/platform/src/', 'platform (other: config, logging setup, metrics)'],
  ['apps/api/src/http/', 'HTTP middleware/pipes (apps/api/src/http)'],
  ['apps/api/src/common/', 'validation (class-validator/-transformer)'],
  ['apps/api/src/', 'API controllers and DTOs'],
  ['libs/application/', 'application (use cases, executor)'],
  ['libs/domain/', 'domain (deciders, event schemas)'],
  ['libs/event-store/', 'event store (libs/event-store)'],
  ['libs/projector/', 'projector and read models'],
  ['libs/read-models/', 'projector and read models'],
  ['libs/infrastructure/', 'infrastructure (wiring, adapters)'],
];

function layerOf(layer: string, packages: string[]): Record<string, string> {
  return Object.fromEntries(packages.map((p) => [p, layer]));
}

/** `@scope/name` or `name` of the innermost node_modules folder in `url`, if any. */
function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first, second] = url.slice(at + '/node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

const NODE_CORE = 'Node core, no app caller (event loop, sockets)';

/** The layer of a frame with a file, or undefined for a native or Node core frame (its caller's). */
export function layerOfUrl(url: string): string | undefined {
  if (url === '' || url.startsWith('node:')) return undefined;
  if (url.startsWith('wasm://')) return 'PGlite (embedded database)';
  const pkg = packageOf(url);
  if (pkg) return Object.hasOwn(PACKAGE_LAYERS, pkg) ? PACKAGE_LAYERS[pkg] : 'other packages';
  const source = SOURCE_LAYERS.find(([folder]) => url.includes(`/${folder}`));
  return source ? source[1] : 'other';
}

/** A short name for the file: its package, or its path below the repository's dist/. */
function fileOf(url: string): string {
  const pkg = packageOf(url);
  if (pkg) return pkg;
  const dist = url.lastIndexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url || '(native)';
}

export interface Summary {
  /** Milliseconds of self time by layer, largest first. */
  readonly layers: [string, number][];
  /** Milliseconds of self time by file (or package), largest first. */
  readonly files: [string, number][];
  readonly totalMs: number;
  readonly busyMs: number;
}

/** Self time by layer and by file; each sample lasts until the next one. */
export function summariseProfile(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const attribution = new Map<number, { layer: string; file: string }>();
  const attribute = (id: number): { layer: string; file: string } => {
    const known = attribution.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    const special = Object.hasOwn(SPECIAL, functionName) ? SPECIAL[functionName] : undefined;
    const layer = special ?? layerOfUrl(url);
    const up = parent.get(id);
    const callerOrCore = () => {
      const caller = up === undefined ? undefined : attribute(up);
      if (caller && caller.layer !== SPECIAL['(root)'] && caller.layer !== NODE_CORE)
        return { layer: caller.layer, file: url ? fileOf(url) : caller.file };
      return url.startsWith('node:') ? { layer: NODE_CORE, file: url } : (caller ?? { layer: SPECIAL['(root)'], file: '(native)' });
    };
    const found = layer !== undefined ? { layer, file: special ? functionName : fileOf(url) } : callerOrCore();
    attribution.set(id, found);
    return found;
  };
  const layers = new Map<string, number>();
  const files = new Map<string, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const ms = (i + 1 < samples.length ? timeDeltas[i + 1] : 0) / 1000;
    const { layer, file } = attribute(samples[i]);
    layers.set(layer, (layers.get(layer) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const totalMs = [...layers.values()].reduce((a, b) => a + b, 0);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { layers: sorted(layers), files: sorted(files), totalMs, busyMs: totalMs - (layers.get(IDLE) ?? 0) };
}

/** The summary as text tables: every layer, and the `topFiles` files with most self time. */
export function formatSummary(summary: Summary, topFiles = 15): string {
  const pct = (ms: number, of: number) => `${((100 * ms) / of).toFixed(1)}%`.padStart(7);
  const row = (name: string, ms: number) =>
    `| ${name.padEnd(52)} | ${ms.toFixed(0).padStart(8)} | ${name === IDLE || name === '(idle)' ? '      –' : pct(ms, summary.busyMs)} |`;
  const header = (title: string) => [`| ${title.padEnd(52)} |  self ms | of busy |`, `|${'-'.repeat(54)}|---------:|--------:|`];
  return [
    `profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.busyMs / 1000).toFixed(1)} s busy (not idle)`,
    '',
    ...header('layer (self time; native and node: frames: caller’s)'),
    ...summary.layers.map(([name, ms]) => row(name, ms)),
    '',
    ...header(`top ${topFiles} files or packages`),
    ...summary.files.slice(0, topFiles).map(([name, ms]) => row(name, ms)),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile-summary.js <file.cpuprofile>\n');
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile))}\n`);
}
