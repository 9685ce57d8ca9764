/**
 * Erlang staffing throughput (issue 5): answers per second of the full search for the fewest agents meeting
 * 90 % in 15 s (seed 000), for centers from 5 to 500 agents, on one core (one Node.js thread).
 *   npx tsx bench/erlang.ts [--seconds 0.5]
 *
 * "search"          findErlangCAgents: the incremental Erlang B pass up to the answer (what the target is about)
 * "computeStaffing" the whole API/CLI answer: validation, offered load, search, metrics, shrinkage
 * "naive"           for comparison: every candidate N from ⌊A⌋+1 re-runs the Erlang B recursion from 0
 * "Erlang A"        the same question with 180 s mean patience (gallop + bisection, O(N) per evaluation)
 */
import { parseArgs } from 'node:util';
import { erlangAMetrics, findErlangAAgents } from '../apps/server/src/modules/workforce/erlang-a.js';
import { erlangCMetrics, findErlangCAgents, TARGET_SLACK } from '../apps/server/src/modules/workforce/erlang.js';
import { computeStaffing } from '../apps/server/src/modules/workforce/staffing.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '0.5' } } });
const SECONDS = Number(values.seconds);
const AHT = 300;
const INTERVAL_MIN = 30;
const TARGET = { targetSl: 0.9, targetT: 15 };
const SIZES = [5, 10, 25, 50, 100, 200, 300, 400, 500];
const QUERIES_PER_SIZE = 1000;

const loadOf = (calls: number) => (calls * AHT) / (INTERVAL_MIN * 60);

/** Calls per interval whose answer is `agents` (bisection on the call volume; the answer rises with it). */
function callsFor(agents: number): number {
  let lo = 0.01;
  let hi = agents * 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (findErlangCAgents({ load: loadOf(mid), aht: AHT, ...TARGET }) <= agents) lo = mid;
    else hi = mid;
  }
  return lo;
}

function naiveSearch(load: number): number {
  for (let n = Math.floor(load) + 1; ; n++) if (erlangCMetrics({ agents: n, load, aht: AHT, targetT: TARGET.targetT }).serviceLevel >= TARGET.targetSl - TARGET_SLACK) return n;
}

/** Answers per second of `answer` over the prepared call volumes, timed for at least SECONDS. */
function rate(callVolumes: number[], answer: (calls: number) => number): { perSecond: number; check: number } {
  let check = 0;
  for (const calls of callVolumes) check += answer(calls); // warm-up (JIT)
  let answers = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const calls of callVolumes) check += answer(calls);
    answers += callVolumes.length;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < SECONDS);
  return { perSecond: answers / elapsed, check };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: string[] = [];
let sink = 0;
const mixed: number[] = [];
console.log(`Erlang staffing, 90 % in ${TARGET.targetT} s, AHT ${AHT} s, ${INTERVAL_MIN}-min intervals, ${SECONDS} s per figure, Node ${process.version}`);
console.log('| agents | offered load (E) | search /s | computeStaffing /s | naive search /s | Erlang A (patience 180 s) /s |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const top = callsFor(size);
  // 1,000 call volumes just below the boundary: answers of `size` and a few agents fewer
  const volumes = Array.from({ length: QUERIES_PER_SIZE }, (_, i) => top * (1 - (0.03 * i) / QUERIES_PER_SIZE));
  mixed.push(...volumes.filter((_, i) => i % SIZES.length === 0));
  const answers = volumes.map((calls) => findErlangCAgents({ load: loadOf(calls), aht: AHT, ...TARGET }));
  if (Math.max(...answers) !== size) throw new Error(`bucket ${size}: answers up to ${Math.max(...answers)}`);
  if (volumes.some((calls, i) => naiveSearch(loadOf(calls)) !== answers[i])) throw new Error(`bucket ${size}: naive and incremental searches disagree`);
  const search = rate(volumes, (calls) => findErlangCAgents({ load: loadOf(calls), aht: AHT, ...TARGET }));
  const full = rate(volumes, (calls) => computeStaffing({ calls, intervalMin: INTERVAL_MIN, aht: AHT, ...TARGET, shrinkage: 0.3 }).agents);
  const naive = rate(volumes, (calls) => naiveSearch(loadOf(calls)));
  const sample = volumes.filter((_, i) => i % 20 === 0);
  const erlangA = rate(sample, (calls) => findErlangAAgents({ load: loadOf(calls), aht: AHT, patience: 180, ...TARGET }));
  sink += search.check + full.check + naive.check + erlangA.check;
  const row = `| ${size} | ${loadOf(top).toFixed(1)} | ${fmt(search.perSecond)} | ${fmt(full.perSecond)} | ${fmt(naive.perSecond)} | ${fmt(erlangA.perSecond)} |`;
  rows.push(row);
  console.log(row);
}
const mix = rate(mixed, (calls) => computeStaffing({ calls, intervalMin: INTERVAL_MIN, aht: AHT, ...TARGET, shrinkage: 0.3 }).agents);
const mixSearch = rate(mixed, (calls) => findErlangCAgents({ load: loadOf(calls), aht: AHT, ...TARGET }));
console.log(`\nmixed centers 5–500 agents (${mixed.length} questions): search ${fmt(mixSearch.perSecond)}/s, computeStaffing ${fmt(mix.perSecond)}/s`);
// one Erlang A figure, for the record: the 480-Erlang interval evaluated once
const t0 = performance.now();
const m = erlangAMetrics({ agents: 500, load: 480, aht: AHT, patience: 180, targetT: 15 });
console.log(`Erlang A, 500 agents at 480 E evaluated once: ${(performance.now() - t0).toFixed(3)} ms (service level ${m.serviceLevel.toFixed(4)})`);
if (!Number.isFinite(sink)) throw new Error('unreachable');
