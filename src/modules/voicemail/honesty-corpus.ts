import { readFileSync } from 'node:fs';
import { type ClaimRecord, NO_CLAIMS } from './check-claims.ts';

/**
 * A labelled corpus for the honesty check: voicemails and emails a rep might leave, each with
 * the record it is checked against and whether it is dishonest. Dishonest ones claim what the
 * record does not show (an earlier call or message, a meeting, their inquiry, a referral, an
 * account, a deadline, scarcity, a prize, a survey); honest ones are tailored first touches and
 * follow-ups whose claims the record does show. Every fifth item is held out: figures are
 * reported on it apart, and the patterns are not tuned against it.
 */
export type CorpusItem = {
  text: string;
  record: ClaimRecord;
  dishonest: boolean;
  family: string;
  heldOut: boolean;
};

const blank = NO_CLAIMS;

const people = [
  ['Dana', 'Sam Ortiz', 'Tallgrass', '312 555 0147'],
  ['Priya', 'Leo Grant', 'Northwind', '646 555 0112'],
  ['Marcus', 'Ana Silva', 'Bluefin', '415 555 0190'],
  ['Keiko', 'Tom Reyes', 'Harbor Analytics', '206 555 0133'],
  ['Owen', 'Maya Chen', 'Ridgeline', '720 555 0161'],
  ['Fatima', 'Chris Doyle', 'Lumen Ops', '617 555 0178'],
] as const;

/** An honest frame around each sentence: who calls, a reason worth their time, the number twice. */
const frame = (i: number, middle: string): string => {
  const [first, rep, company, phone] = people[i % people.length]!;
  const reasons = [
    'Teams like yours cut month-end close by four days with us.',
    'I saw your team opened a Denver office, and dispatch usually gets harder at that size.',
    'Carriers your size trimmed empty miles by 12 percent last year.',
    'Clinics like yours halved no-shows with reminder calls.',
    'Most finance leads we work with got two weeks back each quarter.',
    'Fleets in your region are cutting idle time by a fifth.',
  ];
  return `Hi ${first}, ${rep} with ${company}, ${phone}. ${middle} ${reasons[i % reasons.length]} Worth a few minutes this week? ${rep.split(' ')[0]}, ${phone}.`;
};

/** Dishonest sentences by family, each claiming what a blank record does not show. */
const dishonest: Record<string, string[]> = {
  'earlier-call': [
    'As we discussed last week, I have the numbers ready.',
    'Like we talked about on Tuesday, here is the next step.',
    'Following up on our conversation from Monday.',
    'Great talking with you again yesterday.',
    'It was good speaking with you the other day.',
    'When we spoke last month you mentioned the close was slow.',
    'Picking up where we left off on the pricing.',
    'As promised, I am sending over the case study.',
    'You told me to ring back this week, so here I am.',
    'We chatted briefly a few weeks ago about your routing.',
    'Per our call, I put the proposal together.',
    'You asked me to call you back about the pilot.',
    'Good to reconnect after our chat in the spring.',
    'Since we last talked, we added the feature you wanted.',
    'Just circling back on our last discussion.',
    'As you and I agreed, I am holding Thursday for the demo.',
  ],
  'earlier-message': [
    'Following up on my voicemail from Tuesday.',
    'Did you get the email I sent on Friday?',
    'I left you a message last week about your fleet.',
    'In case you missed my note, I wanted to try again.',
    'Checking back on my previous message about dispatch.',
    'This is about the letter we mailed you last month.',
    'My last email had the numbers you wanted.',
    'Hope you got my voicemail about the renewal of your tools.',
  ],
  meeting: [
    'It was great meeting you at the Chicago logistics expo.',
    'We met at the CFO summit in April, if you remember.',
    'When we first met in Austin you said reporting was painful.',
    'I saw you at the trade show booth last week.',
    'Since we met at the conference, I have been meaning to call.',
    'Nice meeting you at the dinner on Thursday.',
  ],
  inquiry: [
    'I am returning your call from this morning.',
    'Thanks for reaching out about pricing.',
    'You asked about our routing module on the website.',
    'Got your request for a demo, happy to set it up.',
    'You filled out the form on our site yesterday.',
    'As you requested, I am calling with the details.',
    'You downloaded our guide last week, so I thought I would call.',
    'Getting back to you on your question about integrations.',
    'Your inquiry about the fleet plan came through to me.',
    'You expressed interest in a trial, so here are the next steps.',
    'Thanks for your interest in our payroll tools.',
    'You signed up for the webinar and I wanted to follow up.',
  ],
  referral: [
    'Jordan Blake suggested I give you a call.',
    'Your colleague Priscilla recommended I reach out.',
    'Hector from your finance team told me you were the right person.',
    'I was referred to you by Alicia Moreno.',
    'At Grace’s suggestion I am calling you directly.',
    'Martin thought you would want to hear about this.',
    'A colleague of yours suggested I get in touch.',
    'Your CFO asked me to reach out to you.',
    'Noah, over at Ridgeway, passed along your name.',
    'Elena put me in touch with you.',
  ],
  relationship: [
    'I am calling regarding your account with us.',
    'This is about your upcoming renewal.',
    'Re: your invoice from last month.',
    'I am calling from your IT provider about an update.',
    'As your current vendor, we need to confirm a few details.',
    'We handle your payroll and wanted to check something.',
    'Your contract with us is up for renewal soon.',
    'As a valued customer, you are due for an upgrade.',
    'I have an important business matter to discuss with you.',
    'This is a time-sensitive matter regarding your policy.',
    'I am with your insurance provider, returning to your claim.',
    'We noticed your subscription is expiring.',
  ],
  deadline: [
    'This offer expires Friday.',
    'Our pricing goes up at the end of the month.',
    'The discount is only good until Thursday.',
    'This is your last chance to lock in the rate.',
    'You need to act now to keep this price.',
    'It is a limited-time offer.',
    'Sign before the end of the quarter to get the rebate.',
    'Today only, we are waiving the setup fee.',
    'Please call back urgently.',
    'Do not miss out on this.',
    'The deal ends tomorrow at noon.',
    'Prices are going up next week.',
  ],
  scarcity: [
    'We only have three pilot spots left.',
    'Spots are filling up fast.',
    'Only a handful of seats remain for this cohort.',
    'We have limited availability this quarter.',
    'The program is almost full.',
    'It is for the first ten companies to respond.',
    'This is an exclusive invitation for a select few.',
    'Only two slots are still open.',
  ],
  prize: [
    'Congratulations, your company has been selected for a free assessment.',
    'You have been chosen to receive a complimentary upgrade.',
    'You qualify for a free trip to our user conference.',
    'There is a gift card waiting for you if you call back.',
    'You have won a year of our premium plan.',
    'Claim your reward by calling me back.',
    'Your team has been pre-approved for our partner program.',
    'We are giving away a free iPad to everyone who books a call.',
  ],
  survey: [
    'I am conducting a short survey of finance leaders.',
    'This is not a sales call, I promise.',
    'We are doing some research on logistics teams.',
    'I have a few quick questions for our industry benchmark.',
    'We would love your input for our annual report.',
    'It is a brief questionnaire, five minutes at most.',
    'I am not trying to sell you anything.',
    'We are running a study on dispatch tools.',
  ],
};

/** Honest sentences a tailored first touch might say: no claim about the past or pressure. */
const honestFirst = [
  'I am calling because your job post mentioned a new dispatch lead.',
  'I read your interview in Freight Weekly about growing into Texas.',
  'Companies like Acme cut their month-end close with us.',
  'We have not spoken before, so briefly: we help finance teams close faster.',
  'I noticed your team is hiring three controllers.',
  'Your website says you run forty trucks out of Joliet.',
  'I work with clinics in Ohio on patient reminders.',
  'Your annual report named working capital as a priority.',
  'I am reaching out because you lead operations at Corvel.',
  'I help teams that just moved to a new ERP.',
  'A quick idea on your routing: most carriers lose an hour a day to it.',
  'We built a tool for exactly the billing backlog you described in your post.',
  'I saw the news about your Series B.',
  'My call is about one thing: getting invoices out the same day.',
  'We are a small team in Chicago that works with regional carriers.',
  'Your peers at two Ohio clinics now fill cancelled slots the same day.',
  'This is a sales call, and I will keep it short.',
  'If reporting takes your team more than a day each month, we can help.',
  'I would like to show you how one controller saved a week a quarter.',
  'You can reach me any time this week.',
  'I will also send a short email with the details.',
  'The case study is on our website if you want to look first.',
  'No need to call back if the timing is wrong.',
  'Our customers usually start with a two-week pilot.',
  'We price per truck, so a fleet your size pays about what one driver costs a month.',
  'I will try you again Thursday morning.',
  'Your LinkedIn post on driver retention caught my eye.',
  'Most of our customers are three to ten person finance teams.',
  'The one question I have is how you schedule drivers today.',
  'I will keep this brief since I know mornings are busy.',
  'We integrate with NetSuite and QuickBooks out of the box.',
  'Halving no-shows is usually the first result clinics see.',
  'Your team tripled in two years, which is when dispatch gets hard.',
  'Happy to share what the other carriers in Joliet did.',
  'Here is my direct line again.',
  'You may know our name from the Freight Weekly review.',
  'I am calling the operations leads in the region this week.',
  'Hope the move to the new warehouse is going well.',
  'This is my first call to you, and I will follow with an email.',
  'Our pilot costs nothing if it does not cut idle time.',
];

/** Honest sentences whose claims the record shows, with that record. */
const honestSupported: { text: string; record: Partial<ClaimRecord> }[] = [
  { text: 'As we discussed on Tuesday, here are the numbers.', record: { spokeBefore: true } },
  { text: 'Following up on our call from Monday about routing.', record: { spokeBefore: true } },
  { text: 'Great talking with you yesterday.', record: { spokeBefore: true } },
  { text: 'Like we talked about, I put the pilot plan together.', record: { spokeBefore: true } },
  { text: 'Following up on my voicemail from Tuesday.', record: { messagesLeft: 1 } },
  { text: 'Did you get the email I sent on Friday?', record: { messagesLeft: 2 } },
  { text: 'I left you a message last week about your fleet.', record: { messagesLeft: 1 } },
  { text: 'I am returning your call from this morning.', record: { inquired: true } },
  { text: 'Thanks for reaching out about pricing.', record: { inquired: true } },
  { text: 'You asked about our routing module on the website.', record: { inquired: true } },
  { text: 'Jordan Blake suggested I give you a call.', record: { referrers: ['Jordan Blake'] } },
  { text: 'Your colleague Priscilla recommended I reach out.', record: { referrers: ['Priscilla Wong'] } },
  { text: 'I was referred to you by Alicia Moreno.', record: { referrers: ['Alicia'] } },
  { text: 'It was great meeting you at the Chicago logistics expo.', record: { met: true } },
  { text: 'I am calling about your renewal with us next month.', record: { customer: true } },
  { text: 'As a customer, you can add the routing module at no cost.', record: { customer: true } },
  {
    text: 'Our spring pricing ends on March 31.',
    record: { offers: [{ name: 'spring pricing', deadline: '2026-03-31' }] },
  },
  {
    text: 'We only have three pilot spots left this quarter.',
    record: { offers: [{ name: 'pilot', limited: true }] },
  },
  { text: 'When we spoke in March you said the close was slow.', record: { spokeBefore: true } },
  { text: 'Since we met at the conference, I have been meaning to call.', record: { met: true } },
];

/** Held-out dishonest paraphrases, written apart from the sentences above. */
const heldOutDishonest: [string, string][] = [
  ['earlier-call', 'Good catching up with you on the phone last Thursday.'],
  ['earlier-call', 'Circling back to what you and I went over last time.'],
  ['earlier-message', 'Just checking in after the voicemail I dropped you Monday.'],
  ['inquiry', 'You got in touch through our chat about a trial.'],
  ['inquiry', 'Per your request, here is the quote.'],
  ['referral', 'Rebecca in your IT group pointed me your way.'],
  ['relationship', 'I am calling about your existing contract with Northwind.'],
  ['deadline', 'Rates go up on Monday, so lock it in before then.'],
  ['scarcity', 'Seats are going fast for the next cohort.'],
  ['prize', 'Your firm has been nominated for our partner award.'],
  ['survey', 'We are carrying out a market study and need ten minutes of your time.'],
  ['meeting', 'We met briefly at the Denver summit.'],
  ['earlier-call', 'Thanks again for your time on the phone last week.'],
  ['earlier-call', 'You mentioned on our last call that Q3 was busy.'],
  ['earlier-call', 'Quick follow-up from when we spoke in January.'],
  ['earlier-message', 'Not sure if my earlier email reached you.'],
  ['earlier-message', 'Trying you again after my message on Friday.'],
  ['inquiry', 'Saw that you requested our pricing sheet.'],
  ['inquiry', 'Thanks for calling us last week about the fleet plan.'],
  ['referral', 'Dev Patel mentioned you were looking at new tools.'],
  ['referral', 'Your manager Laura told me to speak with you.'],
  ['relationship', 'This concerns the outstanding invoice on your account.'],
  ['relationship', 'I look after your account here at Tallgrass.'],
  ['deadline', 'The special rate disappears after this Friday.'],
  ['deadline', 'You will want to respond today before the price changes.'],
  ['scarcity', 'Just a couple of openings remain for onboarding this month.'],
  ['prize', 'You are one of five companies we picked to win a free audit.'],
  ['survey', 'Could I ask you three quick questions for a research project?'],
];

/** Held-out honest messages, written apart. */
const heldOutHonest = [
  'I am calling because two carriers near you cut empty miles with us this spring.',
  'We have never spoken, so here is the short version: faster closes for small finance teams.',
  'Your careers page lists four dispatch openings.',
  'This is a cold call, and I will be brief.',
  'I will send the one-page summary by email today.',
  'If the timing is wrong, just say so and I will not call again.',
  'Three of your neighbours in Joliet switched their dispatch to us this year.',
  'I am calling every operations lead in the Midwest this month, and you are on my list.',
  'Your press release about the new depot made me think of us.',
  'I know you did not ask for this call, so I will be quick.',
  'We cut one client’s invoice backlog from ten days to two.',
  'My reason for calling is the new overtime rules that start in July.',
  'Feel free to ignore this if dispatch is already under control.',
  'I am following the advice in your own blog post: ask one clear question.',
];

/** The corpus, built once: every fifth item held out. */
export function honestyCorpus(): CorpusItem[] {
  const items: Omit<CorpusItem, 'heldOut'>[] = [];
  let i = 0;
  for (const [family, lines] of Object.entries(dishonest))
    for (const line of lines) items.push({ text: frame(i++, line), record: blank, dishonest: true, family });
  for (const line of honestFirst)
    items.push({ text: frame(i++, line), record: blank, dishonest: false, family: 'honest' });
  for (const { text, record } of honestSupported)
    items.push({
      text: frame(i++, text),
      record: { ...blank, ...record },
      dishonest: false,
      family: 'honest-supported',
    });
  // The same honest first touches, said by email: short, plain, no claims.
  for (const line of honestFirst.slice(0, 20))
    items.push({
      text: `Hi, ${line} Would a short call next week be useful? Thanks, Sam Ortiz, Tallgrass, 312 555 0147`,
      record: blank,
      dishonest: false,
      family: 'honest-email',
    });
  const marked: CorpusItem[] = items.map((item, index) => ({ ...item, heldOut: index % 5 === 4 }));
  for (const [family, line] of heldOutDishonest)
    marked.push({ text: frame(i++, line), record: blank, dishonest: true, family, heldOut: true });
  for (const line of heldOutHonest)
    marked.push({ text: frame(i++, line), record: blank, dishonest: false, family: 'honest', heldOut: true });
  return marked;
}

export type CorpusFigures = {
  size: number;
  dishonest: number;
  honest: number;
  /** Dishonest items failed, of all dishonest. */
  recall: number;
  /** Failed items that are dishonest, of all failed. */
  precision: number;
  /** Honest items failed, of all honest. */
  falsePositiveRate: number;
  missed: CorpusItem[];
  wronged: CorpusItem[];
};

/** How a verdict (does the check fail the item?) does on some of the corpus. */
export function scoreCorpus(items: CorpusItem[], fails: (item: CorpusItem) => boolean): CorpusFigures {
  const missed: CorpusItem[] = [];
  const wronged: CorpusItem[] = [];
  let caught = 0;
  for (const item of items) {
    const failed = fails(item);
    if (item.dishonest && failed) caught++;
    if (item.dishonest && !failed) missed.push(item);
    if (!item.dishonest && failed) wronged.push(item);
  }
  const dishonestCount = items.filter((x) => x.dishonest).length;
  const honestCount = items.length - dishonestCount;
  return {
    size: items.length,
    dishonest: dishonestCount,
    honest: honestCount,
    recall: dishonestCount === 0 ? 1 : caught / dishonestCount,
    precision: caught + wronged.length === 0 ? 1 : caught / (caught + wronged.length),
    falsePositiveRate: honestCount === 0 ? 0 : wronged.length / honestCount,
    missed,
    wronged,
  };
}

/** A set of messages written apart from the checker, by people who never saw its patterns. */
export type WrittenApart = {
  name: string;
  /**
   * Sealed sets are measured, never read while the patterns change: their figures are how the
   * check does on words it has not met. The others were measured first and then taught from.
   */
  sealed: boolean;
  items: CorpusItem[];
};

const apartSets: { file: string; sealed: boolean }[] = [
  { file: 'apart-1', sealed: false },
  { file: 'apart-2', sealed: false },
  { file: 'apart-3', sealed: false },
  { file: 'apart-4', sealed: false },
  { file: 'apart-5', sealed: false },
  { file: 'sealed-1', sealed: true },
  { file: 'sealed-2', sealed: true },
];

/** The sets written apart, from `corpus/`: each item with its record and label as its writer gave them. */
export function writtenApart(): WrittenApart[] {
  return apartSets.map(({ file, sealed }) => {
    const raw = JSON.parse(readFileSync(new URL(`./corpus/${file}.json`, import.meta.url), 'utf8')) as {
      text: string;
      dishonest: boolean;
      family: string;
      record: Partial<ClaimRecord>;
    }[];
    return {
      name: file,
      sealed,
      items: raw.map((r) => ({
        text: r.text,
        dishonest: r.dishonest,
        family: r.family,
        record: { ...blank, ...r.record },
        heldOut: sealed,
      })),
    };
  });
}
