// What every benchmark prints the same way: progress with the time since start on stderr, result
// lines on stdout, the load average beside each figure, and an optional CPU profile of a phase.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const started = performance.now();

export const progress = (message: string): void => {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
};

export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** The 1, 5 and 15 minute load averages, as printed beside a figure. */
export const load = (separator = ' / '): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(separator);

/** `work`, CPU-profiled into `<dir>/<name>.cpuprofile` when a folder is given. */
export async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
