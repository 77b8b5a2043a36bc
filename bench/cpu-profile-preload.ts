// Preloaded into the service by bench:api (node --import), which starts it with an IPC channel: the message
// 'profile:start' starts a CPU profile, 'profile:stop' writes it to BENCH_CPU_PROFILE_FILE and answers
// 'profile:written'. So the profile covers one scenario, not the start-up, and the service needs no change
// and no clean exit (node --cpu-prof writes only at exit). Not a signal: Nest's shutdown hooks take SIGUSR2.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const file = process.env.BENCH_CPU_PROFILE_FILE;
if (file && process.send) {
  const session = new Session();
  session.connect();
  const answer = (message: string) => process.send?.(message);
  const handle = async (message: unknown) => {
    if (message === 'profile:start') {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      answer('profile:started');
    } else if (message === 'profile:stop') {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      answer('profile:written');
    }
  };
  process.on('message', (message) => void handle(message).catch((error: unknown) => console.error('bench CPU profile failed:', error)));
  // The channel alone must not keep the service running once Nest has closed it.
  process.channel?.unref();
}
