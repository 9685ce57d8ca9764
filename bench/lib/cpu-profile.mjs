// Preload (node --import) that records a V8 CPU profile of the process into $KEFU_CPU_PROFILE_DIR.
// Node 20 refuses --cpu-prof in NODE_OPTIONS; this works wherever --import does.
// By default the whole life of the process is recorded and written on exit. A SIGUSR2 starts a fresh recording
// (dropping what came before, e.g. start-up), the next SIGUSR2 writes it out: a bench profiles just its measured step.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.KEFU_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  const write = (name) => (error, result) => {
    if (error) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(result.profile));
  };
  let windows = 0;
  let inWindow = false;
  session.post('Profiler.start');
  process.on('SIGUSR2', () => {
    if (!inWindow) {
      session.post('Profiler.stop');
      session.post('Profiler.start');
    } else {
      windows += 1;
      session.post('Profiler.stop', write(`kefu-${process.pid}-window${windows}.cpuprofile`));
    }
    inWindow = !inWindow;
  });
  process.on('exit', () => {
    // The inspector answers synchronously on the main thread, so the profile is written before the process ends.
    if (windows === 0 && !inWindow) session.post('Profiler.stop', write(`kefu-${process.pid}.cpuprofile`));
  });
}
