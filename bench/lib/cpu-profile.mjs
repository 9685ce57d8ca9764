// Preload (node --import) that records a V8 CPU profile of the process into $KEFU_CPU_PROFILE_DIR on exit.
// Node 20 refuses --cpu-prof in NODE_OPTIONS; this works wherever --import does.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.KEFU_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // The inspector answers synchronously on the main thread, so the profile is written before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `kefu-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
