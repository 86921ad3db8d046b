import type { RecordingMode } from '../../contracts/team.contract.ts';
import type { Place } from './calling-rules.ts';

/**
 * The law on two things a call through a provider can do beyond a rep's voice: play a recorded
 * message ("voicemail drop", a prerecorded voice in law) and record the call. Like the calling
 * rules (jurisdiction-rules.ts), each rule is data with its source, its dates and what is still
 * to verify; Reach plays or records only where a rule it knows allows it, and a place it knows
 * nothing of gets the strict reading.
 */

/** A number's line type as the carrier reports it (Twilio Lookup's Line Type Intelligence `type`). */
export const lineTypes = [
  'landline',
  'mobile',
  'fixedVoip',
  'nonFixedVoip',
  'personal',
  'tollFree',
  'premium',
  'sharedCost',
  'uan',
  'voicemail',
  'pager',
  'unknown',
] as const;
export type LineType = (typeof lineTypes)[number];

/** The kinds of number a business answers at its desk: not a person's own line. */
export const BUSINESS_KINDS: readonly string[] = ['main', 'direct', 'assistant'];

type Source = { citation: string; url: string };

/** When a recorded message may be played to a number in a jurisdiction. */
export type PrerecordedRule = {
  id: string;
  name: string;
  jurisdiction: { country: string; region: string | null };
  /**
   * Without the called party's recorded consent: `business-landline` allows a business's fixed
   * line (the carrier says landline, the book says a business number); `never` allows nothing.
   */
  withoutConsent: 'business-landline' | 'never';
  /**
   * What consent lifts the rule: `written` (signed, on paper or electronically), `express` (any
   * the person gave, recorded with how), or `none` (nothing does: no recorded sales message at all).
   */
  consent: 'written' | 'express' | 'none';
  source: Source;
  effective: string;
  until: string | null;
  summary: string;
  verify: string | null;
};

/** Whose consent recording a call needs in a jurisdiction. */
export type RecordingRule = {
  id: string;
  name: string;
  jurisdiction: { country: string; region: string | null };
  /**
   * `one-party`: a party's own consent (the rep's) suffices; `all-party`: every party must consent,
   * so the prospect hears that the call is recorded before a word is recorded; `notice`: the
   * recording is lawful for business but the person must be told (data protection).
   */
  consent: 'one-party' | 'all-party' | 'notice';
  source: Source;
  effective: string;
  until: string | null;
  summary: string;
  verify: string | null;
};

const STATE_ADAD =
  'Read as covering calls to business lines as well as homes; confirm with counsel before relying on a drop there.';

/** Every rule Reach knows on recorded messages. A country without a rule here gets no recorded message. */
export const PRERECORDED_RULES: readonly PrerecordedRule[] = [
  {
    id: 'us-tcpa-prerecorded',
    name: 'US federal (TCPA)',
    jurisdiction: { country: 'US', region: null },
    withoutConsent: 'business-landline',
    consent: 'written',
    source: {
      citation: '47 U.S.C. § 227(b)(1)(A)(iii), (b)(1)(B); 47 CFR § 64.1200(a)(1)(iii), (a)(2), (a)(3)',
      url: 'https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200',
    },
    effective: '2013-10-16',
    until: null,
    summary:
      'No artificial or prerecorded voice to a mobile (or any line the called party pays for) without prior express consent, written for telemarketing; none to a residential line without prior express written consent. A business landline is outside both.',
    verify:
      'Whether a fixed VoIP line counts as one the called party is charged for: treated as needing consent.',
  },
  {
    id: 'us-in-24-5-14',
    name: 'Indiana',
    jurisdiction: { country: 'US', region: 'IN' },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation: 'Ind. Code § 24-5-14-5',
      url: 'https://iga.in.gov/laws/2023/ic/titles/24#24-5-14-5',
    },
    effective: '1988-07-01',
    until: null,
    summary:
      'An automatic dialing-announcing device only with the subscriber’s consent, or after a live operator obtains it.',
    verify: STATE_ADAD,
  },
  {
    id: 'us-mt-45-8-216',
    name: 'Montana',
    jurisdiction: { country: 'US', region: 'MT' },
    withoutConsent: 'never',
    consent: 'written',
    source: {
      citation: 'Mont. Code Ann. § 45-8-216',
      url: 'https://leg.mt.gov/bills/mca/title_0450/chapter_0080/part_0020/section_0160/0450-0080-0020-0160.html',
    },
    effective: '1991-10-01',
    until: null,
    summary: 'No automated telephone system for selling or promoting products or services.',
    verify: STATE_ADAD,
  },
  {
    id: 'us-mn-325e-27',
    name: 'Minnesota',
    jurisdiction: { country: 'US', region: 'MN' },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation: 'Minn. Stat. § 325E.27',
      url: 'https://www.revisor.mn.gov/statutes/cite/325E.27',
    },
    effective: '1987-08-01',
    until: null,
    summary:
      'A prerecorded message only where the subscriber consented, or a live operator introduces it and obtains consent.',
    verify: STATE_ADAD,
  },
  {
    id: 'us-nd-51-28-02',
    name: 'North Dakota',
    jurisdiction: { country: 'US', region: 'ND' },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation: 'N.D. Cent. Code § 51-28-02',
      url: 'https://ndlegis.gov/cencode/t51c28.pdf',
    },
    effective: '1989-08-01',
    until: null,
    summary:
      'No automatic dialing-announcing device without the subscriber’s consent or a live operator first.',
    verify: STATE_ADAD,
  },
  {
    id: 'us-ca-puc-2871',
    name: 'California',
    jurisdiction: { country: 'US', region: 'CA' },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation: 'Cal. Pub. Util. Code §§ 2871–2876',
      url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=2874.&lawCode=PUC',
    },
    effective: '1983-01-01',
    until: null,
    summary:
      'An automatic dialing-announcing device’s message must be introduced by a live voice that obtains consent to hear it.',
    verify: STATE_ADAD,
  },
  {
    id: 'us-wa-80-36-400',
    name: 'Washington',
    jurisdiction: { country: 'US', region: 'WA' },
    withoutConsent: 'never',
    consent: 'none',
    source: {
      citation: 'Rev. Code Wash. § 80.36.400',
      url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=80.36.400',
    },
    effective: '1986-06-11',
    until: null,
    summary: 'No automatic dialing and announcing device for commercial solicitation to anyone in the state.',
    verify: 'Effective date as enacted (1986 c 281); whether consent lifts it: read as not.',
  },
  {
    id: 'us-fl-501-059-8',
    name: 'Florida (FTSA)',
    jurisdiction: { country: 'US', region: 'FL' },
    withoutConsent: 'never',
    consent: 'written',
    source: {
      citation: 'Fla. Stat. § 501.059(8)(a)',
      url: 'http://www.leg.state.fl.us/statutes/index.cfm?App_mode=Display_Statute&URL=0500-0599/0501/Sections/0501.059.html',
    },
    effective: '2021-07-01',
    until: null,
    summary:
      'No telephonic sales call that plays a recorded message without the called party’s prior express written consent.',
    verify: 'Whether it reaches sales calls to businesses: read as it does.',
  },
  {
    id: 'us-ok-775c-5',
    name: 'Oklahoma',
    jurisdiction: { country: 'US', region: 'OK' },
    withoutConsent: 'never',
    consent: 'written',
    source: {
      citation: '15 O.S. § 775C.5 (Telephone Solicitation Act of 2022, HB 3168)',
      url: 'https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest',
    },
    effective: '2022-11-01',
    until: null,
    summary:
      'No commercial telephonic sales call that plays a recorded message without prior express written consent.',
    verify: 'Exact section; whether it reaches calls to businesses: read as it does.',
  },
  {
    id: 'ca-crtc-adad',
    name: 'Canada (CRTC ADAD rules)',
    jurisdiction: { country: 'CA', region: null },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation:
        'CRTC Unsolicited Telecommunications Rules, Part IV (Automatic Dialing-Announcing Device Rules)',
      url: 'https://crtc.gc.ca/eng/trules-reglest.htm',
    },
    effective: '2008-09-30',
    until: null,
    summary:
      'No automatic dialing-announcing device call to solicit without the called party’s express consent.',
    verify: null,
  },
  {
    id: 'gb-pecr-19',
    name: 'United Kingdom (PECR)',
    jurisdiction: { country: 'GB', region: null },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation: 'Privacy and Electronic Communications (EC Directive) Regulations 2003, reg. 19',
      url: 'https://www.legislation.gov.uk/uksi/2003/2426/regulation/19',
    },
    effective: '2003-12-11',
    until: null,
    summary:
      'No automated calling system’s recorded marketing message to any subscriber, corporate ones included, without their prior consent.',
    verify: null,
  },
  {
    id: 'fr-cpce-l34-5',
    name: 'France (CPCE)',
    jurisdiction: { country: 'FR', region: null },
    withoutConsent: 'never',
    consent: 'express',
    source: {
      citation: 'Code des postes et des communications électroniques, art. L34-5',
      url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000049179829',
    },
    effective: '2004-06-22',
    until: null,
    summary: 'No direct marketing by automated calling machine without the person’s prior consent.',
    verify: 'Whether it reaches calls to a legal person’s number: read as it does.',
  },
];

type Cited = { citation: string; url: string };

const oneParty = (country: string, effective: string, source: Cited): RecordingRule => ({
  id: `${country.toLowerCase()}-recording`,
  name: `${country} (one-party consent)`,
  jurisdiction: { country, region: null },
  consent: 'one-party',
  source,
  effective,
  until: null,
  summary: 'A party to the call may record it.',
  verify: null,
});

/** A US state where every party to a telephone call must consent to its recording. */
const allParty = (
  state: { region: string; name: string; effective: string; verify?: string },
  source: Cited,
): RecordingRule => ({
  id: `us-${state.region.toLowerCase()}-recording`,
  name: state.name,
  jurisdiction: { country: 'US', region: state.region },
  consent: 'all-party',
  source,
  effective: state.effective,
  until: null,
  summary: 'Every party to a telephone call must consent to its recording.',
  verify: [state.verify, 'The in-force date is the enactment as found; the exact day to confirm.']
    .filter(Boolean)
    .join(' '),
});

/** Every rule Reach knows on recording calls. A place without one gets the strict reading: all-party. */
export const RECORDING_RULES: readonly RecordingRule[] = [
  oneParty('US', '1968-06-19', {
    citation: '18 U.S.C. § 2511(2)(d)',
    url: 'https://www.law.cornell.edu/uscode/text/18/2511',
  }),
  allParty(
    { region: 'CA', effective: '1967-11-08', name: 'California' },
    {
      citation: 'Cal. Penal Code §§ 632, 632.7',
      url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=632.&lawCode=PEN',
    },
  ),
  allParty(
    {
      region: 'CT',
      effective: '1990-10-01',
      name: 'Connecticut',
      verify: 'Civil liability; the criminal statute is one-party.',
    },
    {
      citation: 'Conn. Gen. Stat. § 52-570d',
      url: 'https://www.cga.ct.gov/current/pub/chap_925.htm#sec_52-570d',
    },
  ),
  allParty(
    {
      region: 'DE',
      effective: '1999-07-01',
      name: 'Delaware',
      verify: 'Courts have read § 2402 as one-party; the strict reading is kept.',
    },
    {
      citation: 'Del. Code tit. 11, § 1335(a)(4)',
      url: 'https://delcode.delaware.gov/title11/c005/sc07/index.html',
    },
  ),
  allParty(
    { region: 'FL', effective: '1969-10-01', name: 'Florida' },
    {
      citation: 'Fla. Stat. § 934.03',
      url: 'http://www.leg.state.fl.us/statutes/index.cfm?App_mode=Display_Statute&URL=0900-0999/0934/Sections/0934.03.html',
    },
  ),
  allParty(
    { region: 'IL', effective: '2014-12-30', name: 'Illinois' },
    {
      citation: '720 ILCS 5/14-2',
      url: 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=072000050K14-2',
    },
  ),
  allParty(
    { region: 'MD', effective: '1977-07-01', name: 'Maryland' },
    {
      citation: 'Md. Code, Cts. & Jud. Proc. § 10-402',
      url: 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=gcj&section=10-402',
    },
  ),
  allParty(
    { region: 'MA', effective: '1968-11-06', name: 'Massachusetts' },
    {
      citation: 'Mass. Gen. Laws ch. 272, § 99',
      url: 'https://malegislature.gov/Laws/GeneralLaws/PartIV/TitleI/Chapter272/Section99',
    },
  ),
  allParty(
    { region: 'MT', effective: '1973-07-01', name: 'Montana' },
    {
      citation: 'Mont. Code Ann. § 45-8-213',
      url: 'https://leg.mt.gov/bills/mca/title_0450/chapter_0080/part_0020/section_0130/0450-0080-0020-0130.html',
    },
  ),
  allParty(
    { region: 'NV', effective: '1957-07-01', name: 'Nevada' },
    {
      citation: 'Nev. Rev. Stat. § 200.620; Lane v. Allstate, 969 P.2d 938 (Nev. 1998)',
      url: 'https://www.leg.state.nv.us/nrs/nrs-200.html#NRS200Sec620',
    },
  ),
  allParty(
    { region: 'NH', effective: '1969-08-01', name: 'New Hampshire' },
    {
      citation: 'N.H. Rev. Stat. § 570-A:2',
      url: 'https://www.gencourt.state.nh.us/rsa/html/LVIII/570-A/570-A-2.htm',
    },
  ),
  allParty(
    { region: 'PA', effective: '1978-10-04', name: 'Pennsylvania' },
    {
      citation: '18 Pa.C.S. §§ 5703, 5704(4)',
      url: 'https://www.legis.state.pa.us/cfdocs/legis/LI/consCheck.cfm?txtType=HTM&ttl=18&div=0&chpt=57',
    },
  ),
  allParty(
    {
      region: 'MI',
      effective: '1966-12-01',
      name: 'Michigan',
      verify:
        'Courts read the statute as letting a participant record (Sullivan v. Gray, 1982); the strict reading is kept.',
    },
    {
      citation: 'Mich. Comp. Laws § 750.539c',
      url: 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-750-539c',
    },
  ),
  allParty(
    { region: 'WA', effective: '1967-06-08', name: 'Washington' },
    { citation: 'Rev. Code Wash. § 9.73.030', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=9.73.030' },
  ),
  {
    id: 'ca-recording',
    name: 'Canada (PIPEDA)',
    jurisdiction: { country: 'CA', region: null },
    consent: 'notice',
    source: {
      citation: 'Criminal Code, s. 184(2)(a); PIPEDA, Sch. 1, principles 4.2 and 4.3',
      url: 'https://laws-lois.justice.gc.ca/eng/acts/P-8.6/page-11.html',
    },
    effective: '2004-01-01',
    until: null,
    summary:
      'A party may record, but a business recording a call must tell the person why it records, before it does.',
    verify: null,
  },
  {
    id: 'gb-recording',
    name: 'United Kingdom (UK GDPR)',
    jurisdiction: { country: 'GB', region: null },
    consent: 'notice',
    source: {
      citation: 'Investigatory Powers (Interception by Businesses etc.) Regulations 2018; UK GDPR art. 13',
      url: 'https://www.legislation.gov.uk/uksi/2018/356/contents/made',
    },
    effective: '2018-06-27',
    until: null,
    summary: 'A business may record its calls, telling the other party it does.',
    verify: 'The in-force date of SI 2018/356 (27 June 2018) to confirm.',
  },
  {
    id: 'fr-recording',
    name: 'France (RGPD, CNIL)',
    jurisdiction: { country: 'FR', region: null },
    consent: 'notice',
    source: {
      citation: 'RGPD art. 13; CNIL, « L’écoute et l’enregistrement des appels sur le lieu de travail »',
      url: 'https://www.cnil.fr/fr/lecoute-et-lenregistrement-des-appels-sur-le-lieu-de-travail',
    },
    effective: '2018-05-25',
    until: null,
    summary: 'The person called is told at the start that the call is recorded, why, and may object.',
    verify: null,
  },
];

const inForce = (rule: { effective: string; until: string | null }, at: Date): boolean => {
  const day = at.toISOString().slice(0, 10);
  return rule.effective <= day && (rule.until === null || day < rule.until);
};

const regionOf = (place: Place): string | null => {
  if (place.region === null) return null;
  const prefix = `${place.country ?? ''}-`;
  return place.region.startsWith(prefix) ? place.region.slice(prefix.length) : place.region;
};

/**
 * The rules in force for a place, and whether the place is known well enough to judge by them:
 * a country whose states or provinces have rules of their own needs the state, or a state's
 * stricter rule could be missed.
 */
function rulesOf<
  R extends { jurisdiction: { country: string; region: string | null } } & Parameters<typeof inForce>[0],
>(rules: readonly R[], place: Place, at: Date): { rules: R[]; known: boolean; regionNeeded: boolean } {
  const region = regionOf(place);
  const found = rules.filter(
    (r) =>
      r.jurisdiction.country === place.country &&
      (r.jurisdiction.region === null || r.jurisdiction.region === region) &&
      inForce(r, at),
  );
  const regional = rules.some(
    (r) => r.jurisdiction.country === place.country && r.jurisdiction.region !== null,
  );
  return {
    rules: found,
    known: found.some((r) => r.jurisdiction.region === null),
    regionNeeded: regional && region === null,
  };
}

const where = (place: Place): string =>
  place.country === null
    ? 'a place Reach cannot tell'
    : `${place.country}${place.region ? `-${regionOf(place)}` : ''}`;

/** Why a recorded message may not be played: the rule and its source, for the rep. */
export type MessageRefusal = { ruleId: string; text: string };

export type PrerecordedCheck = { ok: true; rules: string[] } | { ok: false; refusals: MessageRefusal[] };

/** How a person's consent to recorded messages was given, as recorded. */
export type ConsentForm = 'written' | 'oral';

/**
 * Whether a recorded message may be played to a number: every place it may be in must have a
 * rule Reach knows (and its state, where states have their own), and every such rule must allow
 * it — with the person's consent in the form the rule asks, or without consent only to a
 * business's fixed line the carrier confirmed, where the rule allows that.
 */
export function prerecordedCheck(input: {
  places: Place[];
  at: Date;
  /** The carrier's line type; null when it was not looked up. */
  lineType: LineType | null;
  /** The book's kind of number: main, direct, mobile, private, assistant, other. */
  phoneKind: string;
  /** The called person's consent to recorded messages on this number, as recorded; null when none stands. */
  consent: ConsentForm | null;
}): PrerecordedCheck {
  const refusals: MessageRefusal[] = [];
  const used = new Set<string>();
  const places = input.places.length > 0 ? input.places : [{ country: null, region: null }];
  for (const place of places) {
    const found = rulesOf(PRERECORDED_RULES, place, input.at);
    if (!found.known) {
      refusals.push({
        ruleId: 'no-known-rule',
        text: `no rule on recorded messages is known for ${where(place)}: Reach plays one only where it knows the law`,
      });
      continue;
    }
    if (found.regionNeeded) {
      refusals.push({
        ruleId: 'region-unknown',
        text: `the state or province of ${where(place)} cannot be told, and some forbid recorded sales messages outright`,
      });
      continue;
    }
    for (const rule of found.rules) {
      used.add(rule.id);
      const consented =
        input.consent !== null &&
        (rule.consent === 'express' || (rule.consent === 'written' && input.consent === 'written'));
      if (consented) continue;
      const why =
        rule.consent === 'none'
          ? 'no consent lifts it'
          : input.consent === null
            ? `no consent to recorded messages is on record${rule.consent === 'written' ? ' (it must be written)' : ''}`
            : 'the consent on record is oral, and it must be written';
      if (rule.withoutConsent === 'never') {
        refusals.push({
          ruleId: rule.id,
          text: `${rule.name}: ${rule.summary} (${rule.source.citation}); ${why}`,
        });
        continue;
      }
      const businessLine = BUSINESS_KINDS.includes(input.phoneKind);
      if (input.lineType !== 'landline' || !businessLine) {
        const line =
          input.lineType === null || input.lineType === 'unknown'
            ? 'its line type is unknown'
            : input.lineType === 'landline'
              ? `it is a ${input.phoneKind} line, not a business's`
              : `the carrier says ${input.lineType}`;
        refusals.push({
          ruleId: rule.id,
          text: `${rule.name}: only a business landline may get a recorded message without consent, and ${line}; ${why} (${rule.source.citation})`,
        });
      }
    }
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, rules: [...used] };
}

/** What recording a call needs where the number may be: nothing, a disclosure first, or (by the team's choice) no recording. */
export type RecordingPlan = {
  /** Whether the call is recorded. */
  record: boolean;
  /** Whether the prospect hears that it is recorded before anything is. */
  disclose: boolean;
  /** The rules that decided, with their sources. */
  rules: { id: string; name: string; consent: RecordingRule['consent']; citation: string }[];
  why: string;
};

/**
 * Whether and how a call is recorded: off unless the team turned it on. Where any place of
 * either party (the prospect's number and record, the rep's own phone) needs every party's
 * consent or a notice, or cannot be told well enough (no rule known, no state where states
 * differ, a mobile that may be anywhere), the prospect hears a disclosure first, or — for a
 * team recording only where one party suffices — the call is not recorded.
 */
export function recordingPlan(input: {
  mode: RecordingMode;
  places: Place[];
  at: Date;
  /** The prospect's number is a mobile: it may be answered in any state. */
  mobile?: boolean;
}): RecordingPlan {
  if (input.mode === 'off') return { record: false, disclose: false, rules: [], why: 'recording is off' };
  const places = input.places.length > 0 ? input.places : [{ country: null, region: null }];
  const rules: RecordingPlan['rules'] = [];
  const strict: string[] = input.mobile ? ['a mobile may be answered in any state'] : [];
  for (const place of places) {
    const found = rulesOf(RECORDING_RULES, place, input.at);
    if (!found.known) strict.push(`no rule known for ${where(place)}`);
    else if (found.regionNeeded) strict.push(`the state of ${where(place)} cannot be told`);
    for (const rule of found.rules) {
      if (!rules.some((r) => r.id === rule.id))
        rules.push({ id: rule.id, name: rule.name, consent: rule.consent, citation: rule.source.citation });
      if (rule.consent !== 'one-party')
        strict.push(
          `${rule.name} (${rule.source.citation}): ${rule.consent === 'all-party' ? 'every party must consent' : 'the person must be told'}`,
        );
    }
  }
  if (strict.length === 0)
    return {
      record: true,
      disclose: false,
      rules,
      why: 'one party’s consent suffices where both parties are',
    };
  if (input.mode === 'one-party')
    return { record: false, disclose: false, rules, why: `not recorded: ${strict.join('; ')}` };
  return { record: true, disclose: true, rules, why: `recorded after a disclosure: ${strict.join('; ')}` };
}

/**
 * What the prospect hears first where a disclosure is needed: that it is recorded, why, and that
 * they may object (what the notice rules ask, beyond every party's consent).
 */
export const RECORDING_DISCLOSURE =
  'This call is recorded for our records and training. If you would rather it were not, please say so.';
