/**
 * Child process for the kill test: appends to the embedded store, says how far it got, and then
 * waits to be killed with SIGKILL (no chance to close anything).
 */
import { migrateEventStore, PostgresEventStore, startEmbeddedPostgres } from '@banenpool/event-store';

const [dataDir, count] = [process.env.DATA_DIR!, Number(process.env.APPEND_COUNT)];
const connection = await startEmbeddedPostgres(dataDir);
await migrateEventStore(connection.pool);
const store = new PostgresEventStore(connection.pool);
for (let i = 0; i < count; i++) {
  await store.appendToStream('worker-killed', [{ type: 'HoursRegistered', data: { i } }], {
    expectedVersion: i === 0 ? 'no_stream' : i - 1,
  });
}
console.log(`appended ${count}`);
setInterval(() => undefined, 1_000);
