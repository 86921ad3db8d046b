import { describe, expect, it } from 'vitest';
import { type TeamRuleInput, teamRuleSchema } from '../../contracts/team-rules.ts';
import {
  type CallInput,
  checkCall,
  dialsInLast,
  nextAllowed,
  ruleCatalogue,
  rulesFor,
  windowsOn,
} from './calling-rules.ts';
import { LEGAL_RULES } from './jurisdiction-rules.ts';

const utc = (iso: string): Date => new Date(iso);
const NY = 'America/New_York';
const CHICAGO = 'America/Chicago';
const FLORIDA = { country: 'US', region: 'FL' };
const ALABAMA = { country: 'US', region: 'AL' };

const input = (overrides: Partial<CallInput>): CallInput => ({
  zones: [NY],
  places: [FLORIDA],
  attempts: [],
  ...overrides,
});
const codes = (at: Date, call: CallInput): string[] => {
  const check = checkCall(at, call);
  return check.ok ? [] : [...new Set(check.refusals.map((refusal) => refusal.code))];
};

describe('hours in the called person’s zone', () => {
  it('refuses Florida at 20:00, the end of its window, and allows 19:59', () => {
    const refused = checkCall(utc('2026-06-11T00:00:00Z'), input({}));
    expect(refused).toEqual({
      ok: false,
      refusals: [
        {
          code: 'outside-hours',
          ruleId: 'us-fl-501-616',
          text: 'Florida allows calls 08:00–20:00 their time (Fla. Stat. § 501.616(6), as amended by SB 1120 (2021)); it is 20:00 in New York.',
        },
      ],
    });
    expect(checkCall(utc('2026-06-10T23:59:00Z'), input({})).ok).toBe(true);
  });

  it('refuses a Canadian Saturday at 18:00 and allows 17:59', () => {
    const toronto = input({ zones: ['America/Toronto'], places: [{ country: 'CA', region: 'ON' }] });
    expect(codes(utc('2026-06-13T22:00:00Z'), toronto)).toEqual(['outside-hours']);
    expect(checkCall(utc('2026-06-13T21:59:00Z'), toronto).ok).toBe(true);
  });

  it('allows a Canadian weekday at 21:15 and refuses 21:30', () => {
    const toronto = input({ zones: ['America/Toronto'], places: [{ country: 'CA', region: null }] });
    expect(checkCall(utc('2026-06-11T01:15:00Z'), toronto).ok).toBe(true);
    expect(codes(utc('2026-06-11T01:30:00Z'), toronto)).toEqual(['outside-hours']);
  });

  it('reads Mississippi’s hours on Central Standard Time, as its statute says, all year', () => {
    const jackson = input({ zones: [CHICAGO], places: [{ country: 'US', region: 'MS' }] });
    // 08:30 CDT is 07:30 CST in June; 20:30 CDT is 19:30 CST.
    const early = checkCall(utc('2026-06-10T13:30:00Z'), jackson);
    expect(early.ok).toBe(false);
    expect(!early.ok && early.refusals[0]?.text).toContain('it is 07:30 Central Standard Time in Chicago');
    expect(checkCall(utc('2026-06-11T01:30:00Z'), jackson).ok).toBe(true);
  });
});

describe('days', () => {
  it('refuses an Alabama call on a Sunday', () => {
    const check = checkCall(utc('2026-06-14T17:00:00Z'), input({ zones: [CHICAGO], places: [ALABAMA] }));
    expect(check).toMatchObject({
      ok: false,
      refusals: [{ code: 'day-forbidden', ruleId: 'us-al-770-x-5-17' }],
    });
    expect(!check.ok && check.refusals[0]?.text).toBe(
      'Alabama forbids these calls on Sundays (Ala. Admin. Code r. 770-X-5-.17(1)(b)); it is Sun in Chicago.',
    );
  });

  it('refuses an Alabama call on a state holiday from date-holidays and allows the next day', () => {
    // Confederate Memorial Day, fourth Monday of April, is an Alabama state holiday.
    const alabama = input({ zones: [CHICAGO], places: [ALABAMA] });
    const check = checkCall(utc('2026-04-27T15:00:00Z'), alabama);
    expect(check).toMatchObject({ ok: false, refusals: [{ code: 'holiday' }] });
    expect(!check.ok && check.refusals[0]?.text).toContain('it is Confederate Memorial Day in Chicago');
    expect(checkCall(utc('2026-04-28T15:00:00Z'), alabama).ok).toBe(true);
  });

  it('reads a holiday on the local date: Christmas in Chicago starts six hours after London’s', () => {
    const utah = input({ zones: ['America/Denver'], places: [{ country: 'US', region: 'UT' }] });
    expect(checkCall(utc('2026-12-24T20:00:00Z'), utah).ok).toBe(true);
    expect(codes(utc('2026-12-25T20:00:00Z'), utah)).toEqual(['holiday']);
  });
});

describe('rolling attempt caps', () => {
  const first = utc('2026-06-10T13:00:00Z');
  const three = [first, utc('2026-06-10T15:00:00Z'), utc('2026-06-10T17:00:00Z')];

  it('refuses a 4th Florida call within 24 hours and allows it 24 hours after the first', () => {
    expect(codes(utc('2026-06-10T19:00:00Z'), input({ attempts: three }))).toEqual(['attempt-cap']);
    expect(codes(utc('2026-06-11T12:59:00Z'), input({ attempts: three }))).toEqual(['attempt-cap']);
    expect(checkCall(utc('2026-06-11T13:00:00Z'), input({ attempts: three })).ok).toBe(true);
  });

  it('refuses Sunday 18:00 and 19:30 plus Monday 08:00 then 10:00, which a cap reset at midnight allowed', () => {
    const attempts = [utc('2026-06-14T22:00:00Z'), utc('2026-06-14T23:30:00Z'), utc('2026-06-15T12:00:00Z')];
    const monday10 = utc('2026-06-15T14:00:00Z');
    expect(dialsInLast(24, monday10, attempts)).toBe(3);
    const check = checkCall(monday10, input({ attempts }));
    expect(check).toMatchObject({ ok: false, refusals: [{ code: 'attempt-cap', ruleId: 'us-fl-501-616' }] });
    expect(!check.ok && check.refusals[0]?.text).toBe(
      'Florida allows at most 3 calls to one person in 24 hours (Fla. Stat. § 501.616(6), as amended by SB 1120 (2021)); 3 were made in the last 24 hours.',
    );
  });

  it('refuses Sunday 18:00 and 20:00 plus Monday 08:00 then 10:00 in New York under a team’s rolling daily cap', () => {
    const attempts = [utc('2026-06-14T22:00:00Z'), utc('2026-06-15T00:00:00Z'), utc('2026-06-15T12:00:00Z')];
    const teamRules = [
      teamRuleSchema.parse({ id: 'daily', label: 'Our daily cap', attemptCap: { max: 3, withinHours: 24 } }),
    ];
    const newYork = input({ places: [{ country: 'US', region: 'NY' }], attempts, teamRules });
    expect(codes(utc('2026-06-15T14:00:00Z'), newYork)).toEqual(['attempt-cap']);
    expect(checkCall(utc('2026-06-15T22:00:00Z'), newYork).ok).toBe(true);
  });

  it('counts attempts in (at − hours, at], in any order', () => {
    const at = utc('2026-06-11T13:00:00Z');
    expect(dialsInLast(24, at, [...three].reverse())).toBe(2);
    expect(dialsInLast(24, at, [at, utc('2026-06-11T13:00:01Z')])).toBe(1);
  });
});

describe('France', () => {
  const paris = input({ zones: ['Europe/Paris'], places: [{ country: 'FR', region: null }] });

  it('refuses the lunch break and Saturdays, allows 14:00', () => {
    expect(codes(utc('2026-06-10T11:30:00Z'), paris)).toEqual(['outside-hours']);
    const lunch = checkCall(utc('2026-06-10T11:30:00Z'), paris);
    expect(!lunch.ok && lunch.refusals[0]?.text).toContain(
      'allows calls 10:00–13:00 and 14:00–20:00 on weekdays their time',
    );
    expect(codes(utc('2026-06-13T09:00:00Z'), paris)).toEqual(['day-forbidden']);
    expect(checkCall(utc('2026-06-10T12:00:00Z'), paris).ok).toBe(true);
  });

  it('refuses a 5th attempt within 30 days and allows it once the first is 30 days old', () => {
    const attempts = [
      '2026-06-01T08:00:00Z',
      '2026-06-08T08:00:00Z',
      '2026-06-15T08:00:00Z',
      '2026-06-22T08:00:00Z',
    ].map(utc);
    expect(codes(utc('2026-06-29T08:00:00Z'), { ...paris, attempts })).toEqual(['attempt-cap']);
    expect(checkCall(utc('2026-07-01T08:00:00Z'), { ...paris, attempts }).ok).toBe(true);
  });

  it('refuses a French public holiday (Ascension)', () => {
    expect(codes(utc('2026-05-14T09:00:00Z'), paris)).toEqual(['holiday']);
  });

  it('keeps its windows on local time across the March and October clock changes', () => {
    expect(checkCall(utc('2026-03-27T09:00:00Z'), paris).ok).toBe(true); // Friday 10:00 CET
    expect(codes(utc('2026-03-30T07:30:00Z'), paris)).toEqual(['outside-hours']); // Monday 09:30 CEST
    expect(checkCall(utc('2026-03-30T08:00:00Z'), paris).ok).toBe(true); // Monday 10:00 CEST
    expect(checkCall(utc('2026-10-23T08:00:00Z'), paris).ok).toBe(true); // Friday 10:00 CEST
    expect(codes(utc('2026-10-26T08:30:00Z'), paris)).toEqual(['outside-hours']); // Monday 09:30 CET
    expect(windowsOn('2026-10-26', paris)).toEqual([
      { start: '10:00', end: '13:00' },
      { start: '14:00', end: '20:00' },
    ]);
  });
});

describe('US clock changes', () => {
  it('keeps Florida’s window at 08:00–20:00 local on the March and November change days', () => {
    expect(codes(utc('2026-03-08T11:59:00Z'), input({}))).toEqual(['outside-hours']); // 07:59 EDT
    expect(checkCall(utc('2026-03-08T12:00:00Z'), input({})).ok).toBe(true); // 08:00 EDT
    expect(codes(utc('2026-11-01T12:30:00Z'), input({}))).toEqual(['outside-hours']); // 07:30 EST
    expect(checkCall(utc('2026-11-01T13:00:00Z'), input({})).ok).toBe(true); // 08:00 EST
    expect(windowsOn('2026-03-08', input({}))).toEqual([{ start: '08:00', end: '20:00' }]);
    expect(windowsOn('2026-11-01', input({}))).toEqual([{ start: '08:00', end: '20:00' }]);
  });
});

describe('ambiguous places', () => {
  it('must satisfy every candidate zone: the Florida panhandle is on Central time', () => {
    const either = input({ zones: [NY, CHICAGO] });
    expect(codes(utc('2026-06-10T12:30:00Z'), either)).toEqual(['outside-hours']); // 08:30 EDT, 07:30 CDT
    expect(checkCall(utc('2026-06-10T23:30:00Z'), either).ok).toBe(true); // 19:30 EDT, 18:30 CDT
    expect(windowsOn('2026-06-10', either)).toEqual([{ start: '09:00', end: '20:00' }]);
  });

  it('must satisfy every candidate place: Georgia or Alabama is never on a Sunday', () => {
    const either = input({ zones: [NY, CHICAGO], places: [{ country: 'US', region: 'GA' }, ALABAMA] });
    expect(codes(utc('2026-06-14T17:00:00Z'), either)).toEqual(['day-forbidden']);
  });
});

describe('team rules', () => {
  const enterprise: TeamRuleInput = {
    id: 'office-hours',
    label: 'Enterprise list, office hours',
    jurisdictions: ['US-FL'],
    list: 'enterprise',
    hours: {
      weekday: [{ start: '09:00', end: '17:00' }],
      saturday: [{ start: '09:00', end: '17:00' }],
      sunday: [{ start: '09:00', end: '17:00' }],
    },
  };
  const teamRules = [teamRuleSchema.parse(enterprise)];
  const at0830 = utc('2026-06-10T12:30:00Z');

  it('narrows the window only for its region and its list', () => {
    const check = checkCall(at0830, input({ teamRules, list: 'enterprise' }));
    expect(check).toMatchObject({
      ok: false,
      refusals: [{ code: 'outside-hours', ruleId: 'team:office-hours' }],
    });
    expect(!check.ok && check.refusals[0]?.text).toContain(
      'Enterprise list, office hours allows calls 09:00–17:00',
    );
    expect(checkCall(at0830, input({ teamRules, list: 'smb' })).ok).toBe(true);
    const georgia = input({ teamRules, list: 'enterprise', places: [{ country: 'US', region: 'GA' }] });
    expect(checkCall(at0830, georgia).ok).toBe(true);
    expect(
      checkCall(
        at0830,
        input({ teamRules, list: 'enterprise', places: [{ country: 'US', region: 'US-FL' }] }),
      ).ok,
    ).toBe(false);
  });

  it('cannot widen the law: a team window to 22:00 still ends at Florida’s 20:00', () => {
    const wide = teamRuleSchema.parse({
      ...enterprise,
      list: null,
      hours: { ...enterprise.hours!, weekday: [{ start: '06:00', end: '22:00' }] },
    });
    expect(codes(utc('2026-06-11T00:30:00Z'), input({ teamRules: [wide] }))).toEqual(['outside-hours']);
  });

  it('names the field of a malformed rule', () => {
    const bad = teamRuleSchema.safeParse({
      id: 'x',
      label: 'Bad',
      jurisdictions: ['florida'],
      hours: {
        weekday: [{ start: '17:00', end: '09:00' }],
        saturday: [{ start: '9:00', end: '10:00' }],
        sunday: [],
      },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['jurisdictions.0', 'hours.weekday.0.end', 'hours.saturday.0.start']),
    );
    const empty = teamRuleSchema.safeParse({ id: 'y', label: 'Nothing' });
    expect(empty.error?.issues[0]).toMatchObject({
      path: ['hours'],
      message: expect.stringContaining('must limit'),
    });
  });
});

describe('audience', () => {
  it('drops only the rules whose source clearly exempts calls to businesses', () => {
    const paris = input({ zones: ['Europe/Paris'], places: [{ country: 'FR', region: null }] });
    const saturday = utc('2026-06-13T09:00:00Z');
    expect(checkCall(saturday, paris).ok).toBe(false);
    expect(checkCall(saturday, { ...paris, audience: 'b2b' }).ok).toBe(true);
    const florida = input({ audience: 'b2b' });
    expect(checkCall(utc('2026-06-11T00:30:00Z'), florida).ok).toBe(false);
    const at = utc('2026-06-10T12:00:00Z');
    expect(rulesFor({ country: 'US', region: 'LA' }, { at }).legal.map((rule) => rule.id)).toEqual([
      'us-tcpa-hours',
      'us-la-psc-dnc',
    ]);
    expect(
      rulesFor({ country: 'US', region: 'LA' }, { at, audience: 'b2b' }).legal.map((rule) => rule.id),
    ).toEqual(['us-tcpa-hours']);
  });

  it('applies a rule only from its effective date', () => {
    const ids = (at: string) =>
      rulesFor({ country: 'US', region: 'MD' }, { at: utc(at) }).legal.map((rule) => rule.id);
    expect(ids('2023-12-31T12:00:00Z')).toEqual(['us-tcpa-hours']);
    expect(ids('2024-01-01T12:00:00Z')).toEqual(['us-tcpa-hours', 'us-md-14-4502']);
  });
});

describe('screening and unknown zones', () => {
  const london = input({ zones: ['Europe/London'], places: [{ country: 'GB', region: null }] });
  it('asks for TPS and CTPS screening in the UK and refuses when the caller says it was not done', () => {
    expect(checkCall(utc('2026-06-13T23:00:00Z'), london)).toEqual({ ok: true, screening: ['TPS', 'CTPS'] });
    expect(codes(utc('2026-06-13T12:00:00Z'), { ...london, screenedAgainst: ['TPS'] })).toEqual([
      'screening-required',
    ]);
    expect(checkCall(utc('2026-06-13T12:00:00Z'), { ...london, screenedAgainst: ['TPS', 'CTPS'] }).ok).toBe(
      true,
    );
  });

  it('refuses a call with no zone, or a zone that does not exist', () => {
    expect(codes(utc('2026-06-10T15:00:00Z'), input({ zones: [] }))).toEqual(['zone-unknown']);
    expect(codes(utc('2026-06-10T15:00:00Z'), input({ zones: ['EST5EDT/Nowhere'] }))).toEqual([
      'zone-unknown',
    ]);
  });
});

describe('nextAllowed', () => {
  it('finds Saturday 08:00 after a Friday evening in Florida', () => {
    expect(nextAllowed(utc('2026-06-13T00:30:00Z'), input({}))).toEqual(utc('2026-06-13T12:00:00Z'));
  });

  it('skips an Alabama Sunday to Monday 08:00', () => {
    const alabama = input({ zones: [CHICAGO], places: [ALABAMA] });
    expect(nextAllowed(utc('2026-06-14T01:30:00Z'), alabama)).toEqual(utc('2026-06-15T13:00:00Z'));
  });

  it('returns the instant a rolling cap releases, not the next quarter hour', () => {
    const attempts = [utc('2026-06-10T13:07:00Z'), utc('2026-06-10T15:00:00Z'), utc('2026-06-10T17:00:00Z')];
    expect(nextAllowed(utc('2026-06-11T12:00:00Z'), input({ attempts }))).toEqual(
      utc('2026-06-11T13:07:00Z'),
    );
  });

  it('returns the instant itself when it is allowed, and null when nothing is within the horizon', () => {
    expect(nextAllowed(utc('2026-06-10T15:07:00Z'), input({}))).toEqual(utc('2026-06-10T15:07:00Z'));
    expect(nextAllowed(utc('2026-06-10T15:00:00Z'), input({ zones: [] }))).toBeNull();
  });
});

describe('ruleCatalogue', () => {
  it('lists every rule with a source, a URL and an effective date', () => {
    const catalogue = ruleCatalogue();
    expect(catalogue).toHaveLength(LEGAL_RULES.length);
    expect(new Set(catalogue.map((rule) => rule.id)).size).toBe(catalogue.length);
    for (const rule of catalogue) {
      expect(rule.source.citation).not.toBe('');
      expect(rule.source.url).toMatch(/^https?:\/\//);
      expect(rule.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
