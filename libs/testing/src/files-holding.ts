import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The files under `dir` (relative paths) whose bytes contain `needle`, as a raw read of the disk
 * would find them. Lock files are passed over: a running store may hold them open.
 */
export function filesHolding(dir: string, needle: Buffer | string): string[] {
  const bytes = typeof needle === 'string' ? Buffer.from(needle) : needle;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.lock'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => readFileSync(path).includes(bytes))
    .map((path) => relative(dir, path));
}
