import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Worker threads run only from compiled JavaScript, never under this test runner; so these tests run
// the built engine in a plain Node process, as the benchmark and the service do.
const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', '..');

/** The compiled engine's entry, to import from a script. */
export const COMPILED_ENGINE = join(ROOT, 'dist/libs/allocation/src/index.js');

/** Runs `script` (an ES module importing COMPILED_ENGINE) in a fresh Node process and parses what it prints as JSON. */
export async function runWithCompiledEngine<T>(script: string): Promise<T> {
  if (!existsSync(COMPILED_ENGINE)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  // A script file, not `node -e`: a worker thread inherits the process's flags, and `--input-type` is refused there.
  const dir = mkdtempSync(join(tmpdir(), 'allocation-engine-'));
  try {
    const file = join(dir, 'script.mjs');
    writeFileSync(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 1 << 24,
    });
    return JSON.parse(stdout) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
