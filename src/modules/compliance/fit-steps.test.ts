import { describe, expect, it } from 'vitest';
import { fitCallSteps } from './fit-steps.ts';

const miami = { zones: ['America/New_York'], places: [{ country: 'US', region: 'FL' }], attempts: [] };
const paris = { zones: ['Europe/Paris'], places: [{ country: 'FR', region: null }], attempts: [] };

describe('cadence call steps under the calling rules', () => {
  it('moves a Florida call step laid at 20:30 to the next morning, and says why', () => {
    const [late, email] = fitCallSteps(
      [
        { kind: 'call', dueAt: new Date('2026-03-04T01:30:00Z') },
        { kind: 'email', dueAt: new Date('2026-03-04T01:30:00Z') },
      ],
      miami,
    );
    expect(late).toMatchObject({ dueAt: new Date('2026-03-04T13:00:00Z') });
    expect(late?.moved).toContain('Florida allows calls 08:00–20:00');
    expect(email).toMatchObject({ dueAt: new Date('2026-03-04T01:30:00Z'), moved: null });
  });

  it('moves a fifth call within 30 days in France past the first, counting the earlier steps as dials', () => {
    const days = [2, 3, 4, 5, 6].map((d) => ({ kind: 'call', dueAt: new Date(`2026-03-0${d}T10:00:00Z`) }));
    const fitted = fitCallSteps(days, paris);
    expect(fitted.slice(0, 4).map((s) => s.moved)).toEqual([null, null, null, null]);
    expect(fitted[4]!.dueAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-04-01T10:00:00Z').getTime());
    expect(fitted[4]!.moved).toContain('at most 4 calls');
  });

  it('leaves a step the rules allow where the cadence laid it', () => {
    const step = { kind: 'call', dueAt: new Date('2026-03-03T15:00:00Z') };
    expect(fitCallSteps([step], miami)).toEqual([{ ...step, moved: null }]);
  });
});
