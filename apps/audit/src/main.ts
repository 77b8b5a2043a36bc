import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import {
  auditDiff,
  auditHistory,
  historyCsv,
  invoiceLineProvenance,
  isInstant,
  provenanceSentences,
  recordAuditAccess,
  stateAsAppliedOn,
  stateAsKnownAt,
  SUBJECT_KINDS,
  type AuditSubject,
  type History,
} from '@banenpool/audit';
import { DomainError, isValidLocalDate, notFound, refuse } from '@banenpool/domain';
import {
  decryptingStoreOf,
  formatPosition,
  sealFeedDigest,
  verifyChainEpochs,
  toFeedDigest,
  verifyEventChain,
  verifyFeedDigests,
  type ChainVerification,
  type DigestVerification,
  type EpochVerification,
  type EventStore,
  type FeedDigest,
  type PostgresConnection,
} from '@banenpool/event-store';
import { keptSnapshotsOf, StreamSnapshots } from '@banenpool/application';
import { AppConfig, ConfigError, EVENT_STORE, loadConfig, POSTGRES_CONNECTION } from '@banenpool/platform';
import { rebuildAndCompare, type ReadModelComparison } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { AuditCliModule } from './audit-cli.module.js';

const USAGE = `Usage: npm run audit -- <command> [options]
  history <kind> <id> [--limit N] [--offset N] [--format json|csv]
  as-of   <kind> <id> --known-at <instant>              the state as the records stood then
  as-of   <kind> <id> --on <YYYY-MM-DD> [--known-at …]  what applied on that date (effective dates)
  diff    <kind> <id> --from <instant> [--to <instant>]  what changed about a placement or contract, in words
  provenance invoice <number> --line <n>                 where a line of an invoice or credit note comes from
                                                         (timesheet line, pay line, CAO version, rate agreement,
                                                         rule rows) and its amount computed again; exit 3 when
                                                         the records disagree with the line
  verify  [--stream <streamId> | --digest <file|json>]   walk the hash chains and recompute the last sealed digest
                                                         (and an exported one); exit 3 on a break
  digest                                                 seal a digest of every stream's head, store it and print it
                                                         as JSON: keep that outside the database for verify --digest
  compare                                                rebuild every read model in a scratch schema and
                                                         compare with the live one; exit 3 on a difference
kinds: ${SUBJECT_KINDS.join(', ')} (a contract's id is <workerId>/<contractId>; an invoice's its number; audit-access's a date)
instants: ISO 8601 with a zone, e.g. 2026-03-04T14:00:00Z
Works on DATA_DIR (embedded PGlite: stop the service first) or DATABASE_URL. Every run is
recorded in the audit-access log as cli:<user>. Progress goes to stderr, answers to stdout.`;

const OPTIONS = {
  help: { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  format: { type: 'string' },
  'known-at': { type: 'string' },
  on: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  stream: { type: 'string' },
  digest: { type: 'string' },
  line: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

/**
 * Exit codes: 0 answered, 1 failed, 2 wrong usage, 3 a chain or digest break, a read-model difference or an invoice
 * line its records do not give was found.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true });
  const [command, kind, id] = positionals;
  if (values.help || !command) return (console.log(USAGE), values.help ? 0 : 2);
  const task = taskFor(command, kind, id, values); // wrong usage is refused before anything is opened or recorded
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AuditCliModule.forRoot(config), { logger: ['error'] });
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const code = await task(app, store);
    // Recorded once answered, as over HTTP: a question refused (an unknown subject) was no access.
    await recordAuditAccess(
      store,
      {
        actor: `cli:${userInfo().username}`,
        action: command,
        target: [kind, id].filter(Boolean).join(' ') || 'all streams',
        parameters: parameters(values),
        correlationId: randomUUID(),
      },
      new Date(),
    );
    return code;
  } finally {
    await app.close();
  }
}

type Task = (app: INestApplicationContext, store: EventStore) => Promise<number>;

function taskFor(command: string, kind: string | undefined, id: string | undefined, values: Values): Task {
  switch (command) {
    case 'history': {
      const subject = subjectOf(kind, id);
      const page = { limit: count(values.limit, 100, '--limit'), offset: count(values.offset, 0, '--offset') };
      if (values.format !== undefined && values.format !== 'json' && values.format !== 'csv')
        throw new UsageError('--format is json or csv');
      return async (_app, store) => history(await auditHistory(store, subject, page), values.format);
    }
    case 'as-of':
      return asOfTask(subjectOf(kind, id), values);
    case 'diff': {
      const [subject, from, to] = [
        subjectOf(kind, id),
        instant(values.from, '--from'),
        values.to ? instant(values.to, '--to') : new Date(),
      ];
      return async (_app, store) => print(await auditDiff(store, subject, from, to), (d) => d.changes.map((c) => c.sentence));
    }
    case 'provenance':
      return provenanceTask(kind, id, values);
    case 'verify': {
      if (values.stream !== undefined && values.digest !== undefined)
        throw new UsageError('--digest covers every stream: leave --stream out');
      const exported = values.digest === undefined ? [] : [exportedDigest(values.digest)];
      return (app, store) => verify(postgresOnly(app, 'verify'), store, values.stream, exported);
    }
    case 'digest':
      return (app) => digest(postgresOnly(app, 'digest'));
    case 'compare':
      return (app, store) => compare(store, app.get(DataSource));
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

function history(answer: History, format: string | undefined): number {
  if (format === 'csv') process.stdout.write(historyCsv(answer.entries));
  else console.log(JSON.stringify(answer, null, 2));
  return 0;
}

function asOfTask(subject: AuditSubject, values: Values): Task {
  const knownAt = values['known-at'] === undefined ? undefined : instant(values['known-at'], '--known-at');
  const on = values.on;
  if (on !== undefined) {
    if (!isValidLocalDate(on)) throw new UsageError('--on must be a real date as YYYY-MM-DD');
    return async (app, store) => print(await stateAsAppliedOn(store, subject, on, knownAt, snapshotsOf(app)));
  }
  if (!knownAt) throw new UsageError('as-of needs --known-at <instant> or --on <date>');
  return async (app, store) => print(await stateAsKnownAt(store, subject, knownAt, snapshotsOf(app)));
}

/** The commands' snapshots, as GET …/as-of reads them: a long worker stream starts from one it provably folds (ADR 0023). */
const snapshotsOf = (app: INestApplicationContext) => keptSnapshotsOf(app.get(StreamSnapshots));

function provenanceTask(kind: string | undefined, id: string | undefined, values: Values): Task {
  if (kind !== 'invoice' || !id) throw new UsageError('Name the invoice: provenance invoice <number> --line <n>');
  if (values.line === undefined) throw new UsageError('provenance needs --line <n>: 0 for the first line of the document');
  const line = count(values.line, 0, '--line');
  return async (_app, store) => {
    const provenance = await invoiceLineProvenance(store, id, line);
    print(provenance, provenanceSentences);
    return provenance.discrepancies.length > 0 ? 3 : 0;
  };
}

function postgresOnly(app: INestApplicationContext, command: string): PostgresConnection {
  if (app.get(AppConfig).EVENTSTORE_CONNECTION_STRING) {
    refuse('no_hash_chain', `Events are kept in KurrentDB, which carries no hash chain: ${command} applies to the PostgreSQL store.`);
  }
  return app.get<PostgresConnection>(POSTGRES_CONNECTION);
}

/** A digest as `digest` printed it: the JSON itself, or a file holding it. */
function exportedDigest(text: string): FeedDigest {
  let json = text;
  if (!text.trimStart().startsWith('{')) {
    try {
      json = readFileSync(text, 'utf8');
    } catch {
      throw new UsageError(`--digest: cannot read ${text}: give a file holding the JSON that digest printed, or that JSON`);
    }
  }
  try {
    return toFeedDigest(JSON.parse(json));
  } catch (error) {
    throw new UsageError(`--digest: ${(error as Error).message}`);
  }
}

/**
 * The chains of every stream (or one); for the whole feed also the sealed digests, the exported ones
 * and the chains as they were before a personal-data migration re-chained streams.
 */
async function verify(
  connection: PostgresConnection,
  store: EventStore,
  streamId: string | undefined,
  exported: FeedDigest[],
): Promise<number> {
  const bar = progressBar('verify', 'events checked');
  bar.setTotal(await eventCount(connection, streamId));
  const result = await verifyEventChain(connection.pool, {
    ...(streamId ? { streamId } : {}),
    onProgress: (checked) => bar.update(checked),
  });
  bar.stop();
  if (streamId && result.streams === 0) notFound('stream_not_found', `There is no stream ${streamId}.`);
  if (streamId !== undefined) {
    console.log(JSON.stringify(result, null, 2));
    console.error(chainSummary(result));
    return result.firstBreak ? 3 : 0;
  }
  const digests = await verifyFeedDigests(connection.pool, { exported });
  const earlierChains = await verifyChainEpochs(connection.pool, decryptingStoreOf(store));
  console.log(JSON.stringify({ ...result, digests, earlierChains }, null, 2));
  for (const line of [chainSummary(result), ...digestSummary(digests), epochSummary(earlierChains)]) console.error(line);
  return result.firstBreak || digests.breaks.length || earlierChains.breaks.length ? 3 : 0;
}

function epochSummary({ epochs, linksVerified, linksErased, breaks }: EpochVerification): string {
  if (epochs === 0) return 'No stream was re-chained by migrate:personal-data.';
  const what = `${linksVerified.toLocaleString('en')} links of ${epochs} earlier chain${epochs === 1 ? '' : 's'} recomputed`;
  const erased = linksErased > 0 ? `, ${linksErased.toLocaleString('en')} unreadable since an erasure` : '';
  if (breaks.length === 0) return `Earlier chains intact: ${what}${erased}.`;
  return breaks.map((b) => `BROKEN: earlier chain ${b.epoch} of ${b.streamId} at revision ${b.revision}`).join('\n');
}

function chainSummary({ firstBreak, events, streams }: ChainVerification): string {
  if (firstBreak) return `BROKEN: ${firstBreak.streamId} at revision ${firstBreak.revision}: ${firstBreak.reason}`;
  return `Chains intact: ${events.toLocaleString('en')} events in ${streams.toLocaleString('en')} streams, no break.`;
}

function digestSummary({ stored, checked, breaks }: DigestVerification): string[] {
  if (checked.length === 0)
    return ['No digest sealed yet: a stream or its tail removed is found only against one (npm run audit -- digest).'];
  if (breaks.length === 0) return [`Digests intact: ${stored} stored and chained; the feed matches digest ${checked.join(' and ')}.`];
  return breaks.flatMap((b) => [
    `BROKEN: digest ${b.sequence} (position ${b.position}): ${b.reason}`,
    ...(b.categories ?? []).map((c) => `  ${c.category}: sealed ${counts(c.sealed)}, now ${counts(c.now)}`),
  ]);
}

const counts = (c: { streams: number; events: number } | null) => (c ? `${c.streams} streams with ${c.events} events` : 'none');

async function digest(connection: PostgresConnection): Promise<number> {
  const sealed = await sealFeedDigest(connection.pool);
  console.log(JSON.stringify(sealed, null, 2));
  const { sequence, position, events, streams } = sealed;
  const what = `${events.toLocaleString('en')} events in ${streams.toLocaleString('en')} streams`;
  console.error(`Sealed digest ${sequence} at position ${position}: ${what}.`);
  console.error('Keep this JSON outside the database: `npm run audit -- verify --digest <file>` checks the store against it.');
  return 0;
}

/** The bar's total; verifyEventChain reports only how many it has checked. */
async function eventCount(connection: PostgresConnection, streamId: string | undefined): Promise<number> {
  const { rows } = await connection.pool.query<{ n: string }>(
    streamId ? 'SELECT count(*)::text AS n FROM es_events WHERE stream_id = $1' : 'SELECT count(*)::text AS n FROM es_events',
    streamId ? [streamId] : [],
  );
  return Number(rows[0].n);
}

async function compare(store: EventStore, dataSource: DataSource): Promise<number> {
  const bar = progressBar('compare', 'events');
  const result = await rebuildAndCompare({
    store,
    dataSource,
    projections: allProjections,
    onProgress: (p) => {
      bar.setTotal(p.total);
      bar.update(p.applied, { projection: p.projection });
    },
  });
  bar.stop();
  console.log(
    JSON.stringify(
      {
        ...result,
        position: result.position && formatPosition(result.position),
        projections: result.projections.map(({ position, ...p }) => ({ ...p, position: position && formatPosition(position) })),
      },
      bigints,
      2,
    ),
  );
  for (const line of differences(result)) console.error(line);
  console.error(
    `${result.equal ? 'Equal' : 'DIFFERENT'}: ${result.events.toLocaleString('en')} events replayed in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 0.001)).toLocaleString('en')} events/s)`,
  );
  return result.equal ? 0 : 3;
}

/** One line per table whose rebuild differs from the live one. */
function differences(result: ReadModelComparison): string[] {
  return result.projections.flatMap((p) =>
    p.tables
      .filter((t) => t.onlyLive > 0 || t.onlyRebuilt > 0)
      .map(
        (t) =>
          `  ${p.name} / ${t.table}: ${t.liveRows} live rows, ${t.rebuiltRows} rebuilt; ${t.onlyLive} only live, ${t.onlyRebuilt} only rebuilt`,
      ),
  );
}

function progressBar(name: string, unit: string): SingleBar {
  const bar = new SingleBar(
    {
      format: `${name} [{bar}] {percentage}% | {value}/{total} ${unit} | {projection}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  bar.start(0, 0, { projection: '' });
  return bar;
}

function print<T>(answer: T, lines?: (answer: T) => string[]): number {
  console.log(JSON.stringify(answer, null, 2));
  for (const line of lines?.(answer) ?? []) console.error(line);
  return 0;
}

function subjectOf(kind: string | undefined, id: string | undefined): AuditSubject {
  if (!kind || !id) throw new UsageError('Name the subject: <kind> <id>');
  if (!(SUBJECT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`kind must be one of ${SUBJECT_KINDS.join(', ')}`);
  if (kind === 'contract') {
    const [workerId, contractId] = id.split('/');
    if (!workerId || !contractId) throw new UsageError('A contract is named <workerId>/<contractId>');
    return { kind, workerId, contractId };
  }
  return { kind: kind as Exclude<AuditSubject['kind'], 'contract'>, id };
}

function instant(text: string | undefined, name: string): Date {
  if (!isInstant(text)) throw new UsageError(`${name} must be an ISO 8601 instant with a zone that exists, e.g. 2026-03-04T14:00:00Z`);
  return new Date(Date.parse(text));
}

function count(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`${name} must be a whole number`);
  return Number(text);
}

const parameters = (values: Values) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DomainError) {
      console.error(error.message);
      if (error instanceof UsageError) console.error(USAGE);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
