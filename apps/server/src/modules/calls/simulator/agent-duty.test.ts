import { describe, expect, it } from 'vitest';
import { parseShiftTemplates, shiftsOver } from './agent-duty.js';
import { simulateCalls, type SimulationOptions } from './simulate-calls.js';

// Wednesday 25 November 2026, Shanghai (UTC+8).
const from = new Date('2026-11-24T16:00:00Z');
const to = new Date('2026-11-25T16:00:00Z');
const agents = Array.from({ length: 12 }, (_, i) => `80${String(i + 1).padStart(2, '0')}`);
const templates = parseShiftTemplates('08:00-16:30,13:30-22:00');
// Half the agents on the early shift, half on the late one; nobody at night.
const shifts = shiftsOver(from, to, 'Asia/Shanghai', templates, (a) => a % 2, agents.length);
const day: SimulationOptions = { from, to, timeZone: 'Asia/Shanghai', callsPerDay: 1200, agents, ahtSeconds: 240, acwSeconds: 30, patienceSeconds: 90, seed: 3, shifts };
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

describe('agents on shifts in the hotline simulation', () => {
  it('reads shift templates with a meal in the middle of a long shift, and refuses what is not a shift', () => {
    expect(templates).toEqual([
      { from: '08:00', to: '16:30', breakAt: '12:00', breakMinutes: 30, breakReason: '用餐' },
      { from: '13:30', to: '22:00', breakAt: '17:30', breakMinutes: 30, breakReason: '用餐' },
    ]);
    expect(parseShiftTemplates('22:00-06:00')[0]).toMatchObject({ from: '22:00', to: '06:00', breakAt: '01:45' });
    expect(parseShiftTemplates('09:00-12:00')[0]).toEqual({ from: '09:00', to: '12:00' });
    expect(() => parseShiftTemplates('8-16')).toThrow(/HH:mm-HH:mm/);
    expect(() => parseShiftTemplates('25:00-26:00')).toThrow(/time of day/);
  });

  it('lays a night shift over midnight and keeps the one running into the period', () => {
    const night = shiftsOver(from, to, 'Asia/Shanghai', parseShiftTemplates('22:00-06:00'), () => 0, 1)[0]!;
    expect(night.map((s) => [s.from.toISOString(), s.to.toISOString()])).toEqual([
      ['2026-11-24T14:00:00.000Z', '2026-11-24T22:00:00.000Z'],
      ['2026-11-25T14:00:00.000Z', '2026-11-25T22:00:00.000Z'],
    ]);
  });

  it('gives calls only to agents on duty and not on a break; at night, with nobody there, callers give up', () => {
    const sim = simulateCalls(day);
    const onDuty = new Map<string, Array<[number, number]>>();
    let state = new Map<string, string>();
    for (const c of sim.presence) {
      if (c.state === 'ready') onDuty.set(c.agent, [...(onDuty.get(c.agent) ?? []), [c.at.getTime(), Infinity]]);
      else {
        const spans = onDuty.get(c.agent)!;
        spans[spans.length - 1]![1] = c.at.getTime();
      }
      state = new Map(state).set(c.agent, c.state);
    }
    const answered = sim.calls.filter((c) => c.answeredAt);
    expect(answered.length).toBeGreaterThan(800);
    for (const call of answered) {
      const spans = onDuty.get(call.agent!)!;
      // The agent picked up while ready (the ring starts then, 3 s before the answer).
      expect(spans.some(([s, e]) => s <= call.answeredAt!.getTime() - 3000 && call.answeredAt!.getTime() - 3000 < e)).toBe(true);
    }
    // Every agent came, took a meal break and left.
    for (const agent of agents) expect(sim.presence.filter((c) => c.agent === agent).map((c) => c.state)).toEqual(['ready', 'break', 'ready', 'offline']);
    const breaks = sim.presence.filter((c) => c.state === 'break');
    expect(breaks.every((b) => b.reason === '用餐')).toBe(true);
    // The early shift eats around noon, in turn (planned 11:30, 12:00, 12:30; taken once the call in hand is done).
    const early = breaks.filter((b) => ['11', '12', '13'].includes(local(b.at).slice(0, 2)));
    expect(early).toHaveLength(6);
    expect(new Set(early.map((b) => local(b.at).slice(0, 4))).size).toBeGreaterThanOrEqual(3);
    // Leaving: at the end of the shift or after the last call's work.
    for (const off of sim.presence.filter((c) => c.state === 'offline')) expect(['16', '22'].includes(local(off.at).slice(0, 2))).toBe(true);
    // Between 22:00 and 08:00 nobody answers.
    const night = sim.calls.filter((c) => Number(local(c.arrivedAt).slice(0, 2)) < 7);
    expect(night.length).toBeGreaterThan(5);
    expect(night.every((c) => c.answeredAt === null)).toBe(true);
  });

  it('tells the PBX the agents’ presence as agentState events, a break with its reason', () => {
    const sim = simulateCalls(day);
    const states = sim.events.filter((e) => e.body.event === 'agentState');
    expect(states.filter((e) => e.body.state === 'break').map((e) => e.body.reason)).toEqual(Array(agents.length).fill('用餐'));
    expect(states.filter((e) => e.body.state === 'offline')).toHaveLength(agents.length);
    // The last event of each agent's day is going offline, after any ready that closes the last after-call work.
    for (const agent of agents) expect(states.filter((e) => e.body.user === agent).at(-1)!.body.state).toBe('offline');
    expect(simulateCalls({ ...day, agentStates: false }).events.some((e) => e.body.event === 'agentState')).toBe(false);
  });
});
