// Summarizes a V8 .cpuprofile (Node's or Chromium's): self time by function and by script, busiest first.
//   node bench/lib/cpu-summary.mjs <file.cpuprofile> [top=30]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/lib/cpu-summary.mjs <file.cpuprofile> [top]');
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const byFunction = new Map();
const byScript = new Map();
for (const [id, us] of self) {
  const { callFrame } = byId.get(id);
  const script = callFrame.url ? callFrame.url.replace(/^.*\//, '') : '(native)';
  add(byFunction, `${callFrame.functionName || '(anonymous)'}  ${script}:${callFrame.lineNumber + 1}`, us);
  add(byScript, script, us);
}
const idle = [...self].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / (total - idle)).toFixed(1).padStart(5)} %  ${key}`);
};
console.log(`profile ${(total / 1e6).toFixed(1)} s, busy ${((total - idle) / 1e6).toFixed(2)} s (shares below are of busy time)`);
print('self time by function', byFunction);
print('self time by script', byScript);
