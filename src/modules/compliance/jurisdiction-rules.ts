/** A local wall-clock interval, `HH:mm`; the end is exclusive (`20:00` ends before 20:00). */
export type LocalWindow = { start: string; end: string };

/** Allowed intervals per kind of day; an empty list forbids the day. */
export type WeekHours = { weekday: LocalWindow[]; saturday: LocalWindow[]; sunday: LocalWindow[] };

/** A register a number must be screened against before a marketing call. */
export type Screening = 'TPS' | 'CTPS';

/** At most `max` calls to one person within any `withinHours` hours (a rolling window). */
export type AttemptCap = { max: number; withinHours: number };

/** One legal rule on when a salesperson may call, with where it comes from and since when. */
export type CallingRule = {
  id: string;
  /** As a rep says it: "Florida", "US federal (TCPA)". */
  name: string;
  /** ISO 3166 country and, for a state or province rule, its subdivision code ('FL'). */
  jurisdiction: { country: string; region: string | null };
  /** Whom the text covers as we read it: consumer telemarketing only, or every sales call. */
  appliesTo: 'consumer' | 'all';
  /** Dropped for a team that states it calls businesses only: true only where the source clearly exempts B2B. */
  b2bExempt: boolean;
  b2bNote: string;
  hours: WeekHours | null;
  holidaysForbidden: boolean;
  attemptCap: AttemptCap | null;
  requiresScreening: Screening[];
  /** A fixed clock the text names ("Central Standard Time"); null means the called person's local time. */
  clockZone: { zone: string; label: string } | null;
  source: { citation: string; url: string };
  /** ISO dates; `until` is exclusive. */
  effective: string;
  until: string | null;
  summary: string;
  /** What we could not confirm from a primary source, or null. */
  verify: string | null;
};

const w = (start: string, end: string): LocalWindow => ({ start, end });
const every = (start: string, end: string): WeekHours => ({
  weekday: [w(start, end)],
  saturday: [w(start, end)],
  sunday: [w(start, end)],
});
const noSunday = (start: string, end: string): WeekHours => ({ ...every(start, end), sunday: [] });

const none = {
  holidaysForbidden: false,
  attemptCap: null,
  requiresScreening: [],
  clockZone: null,
  until: null,
};

/** Every legal rule Reach knows. Dates and citations as found; what is unconfirmed is in `verify`. */
export const LEGAL_RULES: readonly CallingRule[] = [
  {
    ...none,
    id: 'us-tcpa-hours',
    name: 'US federal (TCPA)',
    jurisdiction: { country: 'US', region: null },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote:
      'Covers telephone solicitations to residential subscribers, and the FCC treats wireless numbers as residential: a decision maker’s mobile is covered.',
    hours: every('08:00', '21:00'),
    source: {
      citation: '47 U.S.C. § 227; 47 CFR § 64.1200(c)(1)',
      url: 'https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200',
    },
    effective: '1992-12-20',
    summary: 'No telephone solicitation before 8:00 or after 21:00 at the called party’s location.',
    verify: null,
  },
  {
    ...none,
    id: 'us-fl-501-616',
    name: 'Florida',
    jurisdiction: { country: 'US', region: 'FL' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote:
      'Florida Telemarketing Act; its exemptions (s. 501.604) are not read here as clearly exempting calls to businesses, so it applies to B2B calls too.',
    hours: every('08:00', '20:00'),
    attemptCap: { max: 3, withinHours: 24 },
    source: {
      citation: 'Fla. Stat. § 501.616(6), as amended by SB 1120 (2021)',
      url: 'https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML',
    },
    effective: '2021-07-01',
    summary:
      'Calls 8:00–20:00 in the called person’s time zone; at most 3 calls to one person in 24 hours on the same subject.',
    verify: 'Scope of the s. 501.604 exemptions for business-to-business calls.',
  },
  {
    ...none,
    id: 'us-ok-775c-4',
    name: 'Oklahoma',
    jurisdiction: { country: 'US', region: 'OK' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote: 'Telephone Solicitation Act of 2022; no clear business-to-business exemption found.',
    hours: every('08:00', '20:00'),
    attemptCap: { max: 3, withinHours: 24 },
    source: {
      citation: '15 O.S. § 775C.4 (Telephone Solicitation Act of 2022, HB 3168)',
      url: 'https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest',
    },
    effective: '2022-11-01',
    summary: 'Calls 8:00–20:00 local time; at most 3 calls to one person in 24 hours on the same subject.',
    verify: 'Subsection of § 775C.4; the URL is the enrolled bill on a third-party site.',
  },
  {
    ...none,
    id: 'us-md-14-4502',
    name: 'Maryland',
    jurisdiction: { country: 'US', region: 'MD' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote:
      'Md. Com. Law § 14-4502(a)(1)(iii) exempts B2B sales only for a solicitor operating 3 years under one name, and only from that subsection: not treated as exempt.',
    hours: every('08:00', '20:00'),
    attemptCap: { max: 3, withinHours: 24 },
    source: {
      citation: 'Md. Code, Com. Law § 14-4501 et seq. (Stop the Spam Calls Act of 2023, SB 90)',
      url: 'https://lexace.ai/us/statute/maryland/CL-14-4502',
    },
    effective: '2024-01-01',
    summary:
      'Calls 8:00–20:00 in the called party’s time zone; at most 3 calls in 24 hours on the same subject.',
    verify: 'Exact subsection for the hours and the 3-in-24-hours limit; an official URL.',
  },
  {
    ...none,
    id: 'us-al-770-x-5-17',
    name: 'Alabama',
    jurisdiction: { country: 'US', region: 'AL' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote: 'Public Service Commission rule on solicitation calls to consumers; no clear B2B exemption.',
    hours: noSunday('08:00', '20:00'),
    holidaysForbidden: true,
    source: {
      citation: 'Ala. Admin. Code r. 770-X-5-.17(1)(b)',
      url: 'https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/title-770-alabama-public-service-commission/chapter-770-x-5-telephone-rules/section-770-x-5-17-live-and-automated-solicitations-and-announcements',
    },
    effective: '2000-01-01',
    summary: 'No solicitation calls on Sundays or holidays; otherwise only 8:00–20:00.',
    verify:
      'Effective date; whether paragraph (1) reaches live (not only automated) calls; an official URL. Holidays are date-holidays’ public holidays for US-AL.',
  },
  {
    ...none,
    id: 'us-la-psc-dnc',
    name: 'Louisiana',
    jurisdiction: { country: 'US', region: 'LA' },
    appliesTo: 'consumer',
    b2bExempt: true,
    b2bNote:
      'La. R.S. 45:844.12 defines telephonic solicitation as a call to a residential telephonic subscriber, a natural person: business calls are outside it.',
    hours: noSunday('08:00', '20:00'),
    holidaysForbidden: true,
    source: {
      citation: 'La. R.S. 45:844.11 et seq.; LPSC Do Not Call General Order R-29617 (citation to verify)',
      url: 'https://lpsc.louisiana.gov/DNC_Emergency',
    },
    effective: '2005-01-18',
    summary: 'Telephonic solicitation 8:00–20:00, never on Sundays or legal holidays.',
    verify:
      'Section of General Order R-29617 that sets the hours, Sunday and holiday ban; the Commission’s own holiday list (date-holidays’ US-LA public holidays used).',
  },
  {
    ...none,
    id: 'us-ms-77-3-723',
    name: 'Mississippi',
    jurisdiction: { country: 'US', region: 'MS' },
    appliesTo: 'consumer',
    b2bExempt: true,
    b2bNote:
      'Miss. Code § 77-3-705 defines a consumer as a purchaser of consumer goods or services (personal, family or household use).',
    hours: noSunday('08:00', '20:00'),
    clockZone: { zone: 'Etc/GMT+6', label: 'Central Standard Time' },
    source: {
      citation: 'Miss. Code Ann. § 77-3-723(1)',
      url: 'https://getpocketlaw.com/law/state_mississippi/section-77-3-723-rules-for-authorized-calls_57b73fa7ff73',
    },
    effective: '2003-07-01',
    summary:
      'Calls 8:00–20:00 Central Standard Time, read literally (9:00–21:00 CDT in summer); none on Sundays. The holiday ban left with the PSC rules in 2023.',
    verify: 'An official URL (the text was read on a third-party copy).',
  },
  {
    ...none,
    id: 'us-ut-13-25a-103',
    name: 'Utah',
    jurisdiction: { country: 'US', region: 'UT' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote: 'Covers residential and cellular telephones: a decision maker’s mobile is covered.',
    hours: noSunday('08:00', '21:00'),
    holidaysForbidden: true,
    source: {
      citation: 'Utah Code § 13-25a-103(3)',
      url: 'https://codes.findlaw.com/ut/title-13-commerce-and-trade/ut-code-sect-13-25a-103/',
    },
    effective: '1996-04-29',
    summary: 'Without prior express consent: no solicitation 21:00–8:00, on Sundays or on legal holidays.',
    verify: 'Effective date of the Sunday and holiday provisions; an official URL.',
  },
  {
    ...none,
    id: 'us-ri-5-61-3-6',
    name: 'Rhode Island',
    jurisdiction: { country: 'US', region: 'RI' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote: 'Covers residential, mobile and paging numbers: a decision maker’s mobile is covered.',
    hours: { weekday: [w('09:00', '18:00')], saturday: [w('10:00', '17:00')], sunday: [] },
    holidaysForbidden: true,
    source: {
      citation: 'R.I. Gen. Laws §§ 5-61-2 (hours of operation), 5-61-3.6',
      url: 'http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM',
    },
    effective: '1999-07-01',
    summary:
      'Unsolicited sales calls Monday–Friday 9:00–18:00 except state or federal holidays, Saturday 10:00–17:00, never Sunday.',
    verify:
      'Effective date (P.L. 1999, ch. 456). The statute bars weekday holidays only; a Saturday holiday is treated as barred too.',
  },
  {
    ...none,
    id: 'us-tx-301-051',
    name: 'Texas',
    jurisdiction: { country: 'US', region: 'TX' },
    appliesTo: 'consumer',
    b2bExempt: false,
    b2bNote: 'No clear business-to-business exemption found for chapter 301.',
    hours: { weekday: [w('09:00', '21:00')], saturday: [w('09:00', '21:00')], sunday: [w('12:00', '21:00')] },
    source: {
      citation: 'Tex. Bus. & Com. Code § 301.051 (citation to verify)',
      url: 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.301.htm',
    },
    effective: '2009-04-01',
    summary: 'Telephone solicitation 9:00–21:00 Monday–Saturday and 12:00–21:00 on Sunday.',
    verify: 'The hours in § 301.051 were read from secondary sources, not the statute text.',
  },
  {
    ...none,
    id: 'ca-crtc-telemarketing',
    name: 'Canada (CRTC)',
    jurisdiction: { country: 'CA', region: null },
    appliesTo: 'all',
    b2bExempt: false,
    b2bNote:
      'Calls to business consumers are exempt from the National DNCL Rules but not from the Telemarketing Rules, which include the calling curfew.',
    hours: { weekday: [w('09:00', '21:30')], saturday: [w('10:00', '18:00')], sunday: [w('10:00', '18:00')] },
    source: {
      citation:
        'CRTC Unsolicited Telecommunications Rules, Part III (Telemarketing Rules), Telecom Decision 2007-48',
      url: 'https://crtc.gc.ca/eng/trules-reglest.htm',
    },
    effective: '2008-09-30',
    summary:
      'Telemarketing calls 9:00–21:30 on weekdays and 10:00–18:00 on weekends, the called party’s time.',
    verify: 'Number of the rule within Part III.',
  },
  {
    ...none,
    id: 'gb-pecr-21',
    name: 'United Kingdom (PECR)',
    jurisdiction: { country: 'GB', region: null },
    appliesTo: 'all',
    b2bExempt: false,
    b2bNote: 'Corporate subscribers may register on the CTPS since 2004: business numbers are covered.',
    hours: null,
    requiresScreening: ['TPS', 'CTPS'],
    source: {
      citation: 'Privacy and Electronic Communications (EC Directive) Regulations 2003, regs. 21 and 26',
      url: 'https://www.legislation.gov.uk/uksi/2003/2426/regulation/21',
    },
    effective: '2003-12-11',
    summary:
      'No unsolicited marketing call to a number on the TPS or CTPS register (or one that asked not to be called); no statutory hours.',
    verify: null,
  },
  {
    ...none,
    id: 'fr-d223-9',
    name: 'France',
    jurisdiction: { country: 'FR', region: null },
    appliesTo: 'consumer',
    b2bExempt: true,
    b2bNote: 'The décret governs the solicitation of a consommateur; calls to professionals are outside it.',
    hours: { weekday: [w('10:00', '13:00'), w('14:00', '20:00')], saturday: [], sunday: [] },
    holidaysForbidden: true,
    attemptCap: { max: 4, withinHours: 30 * 24 },
    source: {
      citation: 'Code de la consommation, art. D. 223-9 (Décret n° 2022-1313 du 13 octobre 2022)',
      url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046421823',
    },
    effective: '2023-03-01',
    summary:
      'Monday–Friday 10:00–13:00 and 14:00–20:00, never on public holidays; at most 4 attempts in 30 days by one professional.',
    verify: '30 calendar days are read as a rolling 720 hours.',
  },
];
