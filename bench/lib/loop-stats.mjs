// Preload (node --import) that reports, when the process ends, how long its event loop was blocked and what
// garbage collection cost: the usual suspects of a latency tail. Written to stderr as one line of JSON.
//   KEFU_LOOP_STATS=1 NODE_OPTIONS="--import ./bench/lib/loop-stats.mjs" …
import http from 'node:http';
import { createHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

if (process.env.KEFU_LOOP_STATS) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const kinds = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
  const gc = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = kinds[entry.detail?.kind] ?? String(entry.detail?.kind);
      const g = (gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0, over20ms: 0 });
      g.count++;
      g.totalMs += entry.duration;
      g.maxMs = Math.max(g.maxMs, entry.duration);
      if (entry.duration > 20) g.over20ms++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  // Time inside the server, from the request's headers parsed to its response handed to the socket: what the
  // client's latency adds to it is queueing in the kernel and the load generator.
  const served = createHistogram();
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, request, response) {
    if (event === 'request') {
      const start = process.hrtime.bigint();
      response.once('finish', () => served.record(Number(process.hrtime.bigint() - start) || 1));
    }
    return emit.apply(this, arguments);
  };
  const report = () => {
    const ms = (ns) => Math.round(ns / 1e5) / 10;
    for (const g of Object.values(gc)) { g.totalMs = Math.round(g.totalMs); g.maxMs = Math.round(g.maxMs * 10) / 10; }
    process.stderr.write(`loop-stats ${process.pid} ${JSON.stringify({ loopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }, served: { n: served.count, p50: ms(served.percentile(50)), p90: ms(served.percentile(90)), p99: ms(served.percentile(99)) }, gc })}\n`);
  };
  process.once('exit', report);
  // Between bench steps: SIGUSR2 prints and resets.
  process.on('SIGUSR2', () => { report(); delay.reset(); served.reset(); for (const k of Object.keys(gc)) delete gc[k]; });
}
