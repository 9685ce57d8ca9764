import { describe, expect, it } from 'vitest';
import { erlangCMetrics } from '../../workforce/erlang.js';
import { simulateCalls, type SimulationOptions } from './simulate-calls.js';
import { callsPerInterval, WEEKDAY_PROFILE } from './traffic-profile.js';

const agents = Array.from({ length: 20 }, (_, i) => `80${String(i + 1).padStart(2, '0')}`);
const day: SimulationOptions = {
  // Wednesday 25 November 2026, Shanghai.
  from: new Date('2026-11-24T16:00:00Z'), to: new Date('2026-11-25T16:00:00Z'), timeZone: 'Asia/Shanghai',
  callsPerDay: 3000, agents, ahtSeconds: 240, patienceSeconds: 90, seed: 7,
};

describe('hotline traffic simulation', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = simulateCalls(day);
    const b = simulateCalls(day);
    expect(b.events).toEqual(a.events);
    expect(simulateCalls({ ...day, seed: 8 }).summary.arrivals).not.toBe(a.summary.arrivals);
  });

  it('tells every call to its end, in time order, and no agent talks to two callers at once', () => {
    const { events, summary } = simulateCalls(day);
    expect(summary.arrivals).toBe(summary.answered + summary.abandoned);
    for (let i = 1; i < events.length; i++) expect(events[i]!.at.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.at.getTime());
    const calls = new Map<string, string[]>();
    for (const e of events) if (e.body.callId) calls.set(e.body.callId, [...(calls.get(e.body.callId) ?? []), e.body.event]);
    expect(calls.size).toBe(summary.arrivals);
    for (const sequence of calls.values()) {
      expect([['newCall', 'queueEnter', 'answer', 'hangup'], ['newCall', 'queueEnter', 'queueAbandon', 'hangup']]).toContainEqual(sequence);
    }
    const busy = new Map<string, number>();
    for (const e of events) {
      if (e.body.event === 'answer') {
        expect(busy.get(e.body.answeringNumber!) ?? -1).toBeLessThanOrEqual(e.at.getTime());
        busy.set(e.body.answeringNumber!, Infinity);
      }
      if (e.body.event === 'hangup' && e.body.answeringNumber) busy.set(e.body.answeringNumber, e.at.getTime());
    }
    expect(events.filter((e) => e.body.event === 'agentState' && e.at.getTime() === day.from.getTime())).toHaveLength(agents.length);
  });

  it('follows the intraday profile: morning peak, quiet night', () => {
    const { events } = simulateCalls({ ...day, callsPerDay: 20000, agents: Array.from({ length: 200 }, (_, i) => `a${i}`) });
    const perHour = new Array(24).fill(0);
    for (const e of events) if (e.body.event === 'newCall') perHour[(e.at.getUTCHours() + 8) % 24] += 1;
    const expected = callsPerInterval(20000, WEEKDAY_PROFILE);
    // Wednesday's weekday factor is 1.
    for (const hour of [3, 10, 15, 20]) {
      const want = expected[hour * 2]! + expected[hour * 2 + 1]!;
      expect(Math.abs(perHour[hour] - want)).toBeLessThan(4 * Math.sqrt(want) + 2);
    }
    expect(perHour[10]).toBeGreaterThan(perHour[3] * 10);
  });

  it('with many agents only the impatient few hang up while it rings; with too few agents, many give up', () => {
    const many = simulateCalls({ ...day, agents: Array.from({ length: 80 }, (_, i) => `a${i}`) }).summary;
    // Patience is exponential with mean 90 s: 1 − e^(−3/90) ≈ 3.3 % hang up within the 3 s of ringing.
    expect(many.abandoned / many.arrivals).toBeGreaterThan(0.015);
    expect(many.abandoned / many.arrivals).toBeLessThan(0.05);
    const few = simulateCalls({ ...day, agents: agents.slice(0, 5) }).summary;
    expect(few.abandoned / few.arrivals).toBeGreaterThan(0.3);
  });

  it('agrees with Erlang C on a stationary queue without abandonment (service level within 3 points)', () => {
    // 200 calls an hour, 300 s exponential handle time: 16.7 Erlangs on 20 agents (occupancy 83 %); 200 hours → ~40,000
    // calls, enough for the queue's long correlations to average out (seeds 1–7 all land within 2 points).
    const sim = simulateCalls({
      ...day, from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-10T08:00:00Z'), constantPerHour: 200,
      agents: agents.slice(0, 20), ahtSeconds: 300, talkDistribution: 'exponential', acwSeconds: 0, ringSeconds: 0, patienceSeconds: null, agentStates: false,
    }).summary;
    const theory = erlangCMetrics({ agents: 20, load: (200 * 300) / 3600, aht: 300, targetT: 15 });
    expect(sim.abandoned).toBe(0);
    expect(Math.abs(sim.answeredWithinThreshold / sim.arrivals - theory.serviceLevel)).toBeLessThan(0.03);
    expect(Math.abs(sim.totalWaitSeconds / sim.answered - theory.asa)).toBeLessThan(theory.asa * 0.25 + 1);
  });
});
