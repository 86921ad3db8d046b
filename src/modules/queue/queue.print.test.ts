import { describe, expect, it } from 'vitest';
import type { Queue, QueueEntry } from '../../contracts/queue.contract.ts';
import type { RuleCheck } from '../../contracts/team.contract.ts';
import { queueLines, ruleCheckLines } from './queue.print.ts';

const entry: QueueEntry = {
  prospect: { id: 7, name: 'Dana Cho', company: 'Acme', title: 'CFO', stage: 'new' },
  number: { id: 3, e164: '+13125550100', kind: 'direct' },
  local: { time: '07:45', weekday: 'Tue', timezone: 'America/Chicago', ambiguous: true },
  probability: 0.082,
  expectedValue: 5143,
  score: 1,
  exploring: true,
  callbackDue: false,
  cadenceDue: false,
  pursuit: { recommendation: 'continue', reason: 'fresh' },
  reasons: ['answers before the gatekeeper arrives'],
} as QueueEntry;

describe("the queue's printer", () => {
  it("shows each prospect with their own clock, an uncertain zone marked, the chance to one decimal below 10%, and the value in the team's currency", () => {
    const queue = {
      at: '2026-03-03T13:45:00.000Z',
      considered: 1,
      currency: 'EUR',
      entries: [entry],
    } as Queue;
    expect(queueLines(queue)).toEqual([
      'Call queue at 2026-03-03T13:45:00.000Z',
      ' 1. Dana Cho, CFO, Acme  (#7)',
      '    direct +13125550100  ·  their time Tue 07:45 America/Chicago?  ·  8.2% to reach (exploring)  ·  expected €5,143',
      '    - answers before the gatekeeper arrives',
    ]);
  });

  it('says why nobody is proposed rather than printing an empty list', () => {
    const queue = {
      at: '2026-03-03T03:00:00.000Z',
      considered: 0,
      currency: 'USD',
      entries: [],
    } as unknown as Queue;
    expect(queueLines(queue)).toEqual([
      'Nobody to call at 2026-03-03T03:00:00.000Z: every prospect is outside calling hours or a limit.',
    ]);
  });

  it('names every refusal of a rule check and the next moment the number may be called', () => {
    const check = {
      number: '+13125550100',
      zones: [{ local: 'Tue 07:45 America/Chicago' }],
      check: { ok: false, refusals: [{ text: 'before 08:00 in America/Chicago' }], screening: [] },
      next: '2026-03-03T14:00:00.000Z',
    } as unknown as RuleCheck;
    expect(ruleCheckLines(check)).toEqual([
      '+13125550100: Tue 07:45 America/Chicago',
      '- before 08:00 in America/Chicago',
      'Next allowed: 2026-03-03T14:00:00.000Z',
    ]);
  });
});
