// What every benchmark prints the same way: progress with the time since start on stderr, result
// lines on stdout, the load average beside each figure, and an optional CPU profile of a phase.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** The CPU time (ms, user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    return cpuMsIn(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The CPU time (ms) every PostgreSQL server process on this machine has used so far (the postmaster, its backends
 * and its background workers, from /proc), with that of the backends that have ended (the postmaster's reaped
 * children: without them, a connection closed during a measure made its figure negative); undefined where /proc
 * shows none, as with a server elsewhere.
 */
export function postgresCpuMs(): number | undefined {
  let total: number | undefined;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) total = (total ?? 0) + cpuMsIn(stat, true);
    } catch {
      // the process ended while the folder was read
    }
  }
  return total;
}

function cpuMsIn(stat: string, reapedChildren = false): number {
  // Fields after the command name (which may hold spaces), in clock ticks: utime and stime are the 12th and 13th,
  // cutime and cstime (children waited for) the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;
