import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
export const DIST = join(ROOT, 'dist');
/** The master key (ADR 0020) every test process on one PostgreSQL database shares; the service refuses to start off the embedded default without one. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** These tests start the compiled service as a user does; `npm test` builds it first. */
export function requireBuild(): void {
  if (!existsSync(join(DIST, 'apps/api/src/main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function startNode(script: string, env: Record<string, string>, args: readonly string[] = []): Started {
  const child = spawn(process.execPath, [join(DIST, script), ...args], {
    cwd: ROOT,
    // The tests call with the demo keys, on PostgreSQL too; a test of that refusal sets ALLOW_DEMO_KEYS ''.
    env: { ...process.env, NODE_OPTIONS: '', ALLOW_DEMO_KEYS: 'true', MASTER_KEY: TEST_MASTER_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls until the service answers, bounded; a readiness probe, not a timed sleep. */
export async function waitForHealthy(port: number, started: Started, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void started.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`service exited with ${exitCode}:\n${started.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`service not healthy within ${timeoutMs} ms:\n${started.output()}`);
}

/** Resolves when `text` appears in the process's output. */
export async function waitForOutput(started: Started, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" not printed within ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
