// `npm run migrate:personal-data`: encrypts the personal fields of events written before
// crypto-shredding, re-chains the streams it changed and checks the result (ADR 0020).
import { parseArgs } from 'node:util';
import { PERSONAL_DATA } from '@banenpool/domain';
import {
  connectPostgres,
  EncryptingEventStore,
  loadMasterKey,
  migrateEventStore,
  migratePersonalData,
  PostgresEventStore,
  PostgresPersonalDataKeys,
  startEmbeddedPostgres,
  verifyChainEpochs,
  verifyEventChain,
} from '@banenpool/event-store';
import { ConfigError, loadConfig } from '@banenpool/platform';
import { MasterKeyError } from '@banenpool/event-store';

const USAGE = `Usage: npm run migrate:personal-data [-- --verify-only]
Encrypts the personal fields (libs/domain PERSONAL_DATA) of events stored in the clear, in place,
re-chaining each changed stream and keeping its earlier hashes in es_chain_epochs; then walks the
chains and the recorded epochs. Safe to run again (it changes nothing the second time). Works on
DATA_DIR (embedded PGlite: stop the service first) or DATABASE_URL with MASTER_KEY. Exit 3 on a break.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'verify-only': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  if (config.EVENTSTORE_CONNECTION_STRING) {
    console.error('Events in KurrentDB cannot be rewritten in place: this migration is for the PostgreSQL and PGlite stores (ADR 0020).');
    return 1;
  }
  const connection = config.DATABASE_URL
    ? connectPostgres({ url: config.DATABASE_URL, poolSize: 2 })
    : await startEmbeddedPostgres(config.DATA_DIR);
  try {
    await migrateEventStore(connection.pool);
    const masterKey = loadMasterKey({ ...config, embedded: !config.DATABASE_URL });
    const store = new EncryptingEventStore(
      new PostgresEventStore(connection.pool),
      new PostgresPersonalDataKeys(connection.pool, masterKey),
      PERSONAL_DATA,
    );
    if (!values['verify-only']) {
      const result = await migratePersonalData(connection.pool, store, PERSONAL_DATA, (p) =>
        process.stderr.write(`migrate: ${p.streamsDone}/${p.streams} streams, ${p.eventsRewritten} events encrypted\n`),
      );
      console.log(JSON.stringify({ migration: result }));
    }
    const chains = await verifyEventChain(connection.pool, { onProgress: (n) => process.stderr.write(`verify: ${n} events\n`) });
    const epochs = await verifyChainEpochs(connection.pool, store);
    console.log(JSON.stringify({ chains: { streams: chains.streams, events: chains.events, breaks: chains.breaks }, epochs }));
    return chains.breaks.length + epochs.breaks.length > 0 ? 3 : 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof MasterKeyError ? error.message : error);
    process.exit(1);
  },
);
