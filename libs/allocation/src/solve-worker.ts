// The thread solveInThread() starts (solve-in-thread.ts): one solve, its progress lines posted as they
// come, then its checked result or its error; the parent ends the thread once it has the answer.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { solveChecked, type SolveThreadData, type SolveThreadMessage } from './solve-in-thread.js';

if (parentPort && workerData) {
  const port = parentPort;
  const post = (message: SolveThreadMessage) => port.postMessage(message);
  const data = workerData as SolveThreadData;
  // On Linux the nice value of pid 0 is this thread's alone (elsewhere the whole process's: left alone).
  if (process.platform === 'linux' && data.niceness !== undefined) setPriority(data.niceness);
  solveChecked(data, (line) => post({ kind: 'log', line })).then(
    (checked) => post({ kind: 'solved', ...checked }),
    (error: unknown) => {
      const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
      post({ kind: 'failed', name, message, stack });
    },
  );
}
