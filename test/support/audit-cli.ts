import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DIST, ROOT, TEST_MASTER_KEY } from './built-app.js';

export interface AuditCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built audit CLI, as `npm run audit -- …` runs it on the PostgreSQL database at `url`, with stdout and stderr apart. */
export function runAuditCli(url: string, ...args: string[]): Promise<AuditCliRun> {
  return new Promise((resolve) => {
    const env = { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url, EMBEDDED_PROJECTOR: 'false', MASTER_KEY: TEST_MASTER_KEY };
    const script = join(DIST, 'apps/audit/src/main.js');
    execFile(process.execPath, [script, ...args], { cwd: ROOT, env, maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
