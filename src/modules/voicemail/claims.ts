/**
 * What a message claims, read sentence by sentence: an earlier call, an earlier message, a
 * meeting, their inquiry, a referral, an existing relationship, a deadline, scarcity, a prize
 * or a survey. Patterns are families of verbs and nouns over normalised text, so a paraphrase
 * ("like we talked about", "picking up where we left off") is read as the same claim.
 */
export type ClaimKind =
  | 'earlier-call'
  | 'earlier-message'
  | 'meeting'
  | 'inquiry'
  | 'referral'
  | 'relationship'
  | 'deadline'
  | 'scarcity'
  | 'prize'
  | 'survey';

export type Claim = { kind: ClaimKind; sentence: string; person?: string };

const contractions: [RegExp, string][] = [
  [/\b(\w+)n['’]t\b/g, '$1 not'],
  [/\bcan not\b/g, 'cannot'],
  [/\bwo not\b/g, 'will not'],
  [/\b(i|you|we|they)['’]ve\b/g, '$1 have'],
  [/\b(i|you|we|they|he|she)['’]d\b/g, '$1 would'],
  [/\b(i|you|we|they|he|she|it|that)['’]ll\b/g, '$1 will'],
  [/\b(you|we|they)['’]re\b/g, '$1 are'],
  [/\bi['’]m\b/g, 'i am'],
  [/\b(it|that|there|here|what|who|he|she)['’]s\b/g, '$1 is'],
  [/\blet['’]s\b/g, 'let us'],
];

/** Lower case, contractions spelt out, quotes and dashes made plain, spaces single. */
export function normalise(text: string): string {
  let out = text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');
  for (const [pattern, replacement] of contractions) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}

/** Sentences as said: split after . ! ? and at line breaks, keeping the words as written. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const W = '(?:\\w+ ){0,3}';
const talk = '(?:spoke|talked|chatted|connected|caught up|discussed|covered|went over|met)';
const talkNoun = '(?:conversation|call|phone call|chat|talk|discussion|catch-up|catch up|exchange)';
const media = '(?:voicemail|voice mail|message|email|e-mail|note|letter|text)';
const orgs =
  '(?:bank|provider|carrier|it (?:department|team|provider|support)|vendor|supplier|insurer|insurance (?:company|provider|carrier)|phone company|payroll (?:provider|company)|accountant|account team|billing department|software provider)';
const held =
  '(?:account|order|invoice|policy|claim|subscription|renewal|contract|bill|billing|payment|delivery|warranty|licen[cs]e|shipment|service agreement)';
const offerWord =
  '(?:offer|price|pricing|discount|deal|promotion|promo|rate|special|rebate|incentive|terms|bonus|quote|proposal|program|spots?|seats?|slots?|places?|openings?)';
const few =
  '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|a handful of|a couple of|a couple)';
const scarce =
  '(?:spots?|places?|seats?|slots?|openings?|licen[cs]es?|units?|pilots?|invitations?|partners?|customers?|companies|spaces?)';
const day =
  '(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this week|next week|the end of (?:the )?(?:day|week|month|quarter|year)|end of (?:day|week|month|quarter|year)|month-end|quarter-end|year-end|midnight|noon)';

const re = (source: string): RegExp => new RegExp(source);

/** Patterns by kind, over normalised sentences. */
const families: { kind: ClaimKind; patterns: RegExp[] }[] = [
  {
    kind: 'earlier-call',
    patterns: [
      re(
        `\\b(?:as|like|what) (?:we|you and i|you and me|you) (?:${W})?(?:discussed|talked about|spoke about|went over|covered|mentioned|agreed|said|promised)\\b`,
      ),
      re(
        `\\bour (?:last |previous |earlier |recent |brief |short |quick |good |great )*${talkNoun}\\b(?! (?:today|now|here|next|this week))`,
      ),
      re(`\\b(?:my|the) (?:last|previous|earlier|recent) (?:brief |short |quick )?${talkNoun}\\b`),
      re(`\\b(?:when|since|after|the last time|last time) (?:we|you and i) (?:last )?${talk}\\b`),
      re(
        `\\b(?:we|you and i) (?:${W})?${talk} (?:briefly |quickly |recently |for a bit |on the phone )?(?:last|on|yesterday|earlier|before|a (?:few|couple)|recently|the other day|a while|in)\\b`,
      ),
      re(
        `\\b(?:good|great|nice|lovely|a pleasure|fun) (?:to |)(?:talk|speak|chat|connect|catch up|talking|speaking|chatting|connecting|catching up) (?:to |with )?you (?:again|earlier|last|the other day|yesterday|on)\\b`,
      ),
      re(
        `\\b(?:it was|that was|was) (?:good|great|nice|lovely|a pleasure) (?:talking|speaking|chatting|connecting) (?:to|with) you\\b`,
      ),
      re('\\byou (?:told|mentioned to|said to|promised) (?:me|us)\\b'),
      re('\\b(?:picking up|continuing|carrying on) (?:where|from where) (?:we|you) left off\\b'),
      re('\\b(?:as promised|as agreed|per our agreement|as i promised|as we agreed)\\b'),
      re('\\b(?:great|good|nice) to (?:reconnect|be back in touch)\\b|\\breconnecting\\b'),
      re(
        '\\b(?:following|follow) up (?:on|from|after) (?:our|the) (?:call|conversation|chat|talk|discussion)\\b',
      ),
      re('\\byou asked me to (?:call|ring|follow up|get back|send|check)\\b'),
      re(
        '\\b(?:thanks|thank you) (?:again|once more)\\b|\\b(?:thanks|thank you) (?:so much )?for (?:your time|taking (?:my|the) call|the (?:call|chat|conversation|talk)|speaking with me|talking with me) (?:on the phone |on the call )?(?:last|yesterday|earlier|the other day|on (?:monday|tuesday|wednesday|thursday|friday))\\b',
      ),
    ],
  },
  {
    kind: 'earlier-message',
    patterns: [
      re(
        `\\b(?:my|the|our) (?:last |previous |earlier |recent |other )*${media} (?:i|we) (?:left|sent|dropped|emailed|mailed)\\b`,
      ),
      re(
        `\\b(?:following|follow|circling|checking) (?:up|back|in)? ?(?:on|about|after|to) (?:my|our) (?:last |previous |earlier |recent )*${media}\\b`,
      ),
      re(`\\b(?:i|we) (?:left|sent|dropped|emailed|mailed) you (?:a|an|my|our|the) (?:${W})?${media}\\b`),
      re(
        `\\b(?:did you (?:get|see|receive|hear)|in case you missed|you may have (?:seen|gotten|received)|hope you (?:got|saw|received)) (?:my|our|the) ${media}\\b`,
      ),
      re(`\\b(?:my|our) (?:last |previous |earlier )${media}\\b`),
      re(
        `\\b(?:after|since|following|further to) (?:my|our) (?:last |previous |earlier |recent )?${media}\\b`,
      ),
    ],
  },
  {
    kind: 'meeting',
    patterns: [
      re('\\b(?:when|since|after) (?:we|you and i) (?:first )?met\\b'),
      re('\\b(?:great|good|nice|lovely|a pleasure) (?:to )?(?:meet|meeting) you\\b'),
      re('\\b(?:we|you and i) met (?:at|last|in|on|during|briefly|the other)\\b'),
      re('\\b(?:our|the) (?:last |recent |earlier )?meeting (?:last|on|yesterday|at|in)\\b'),
      re(
        '\\b(?:saw|met|chatted with|spoke with|talked with|ran into|bumped into) you at (?:the|last|our)\\b',
      ),
      re(
        '\\bat (?:the|last week.s|last month.s) (?:\\w+ )?(?:conference|show|expo|event|summit|trade show|dinner|booth)(?:,)? (?:we|you and i) (?:met|chatted|spoke|talked)\\b',
      ),
    ],
  },
  {
    kind: 'inquiry',
    patterns: [
      re(
        '\\byou (?:recently |just |kindly )?(?:asked about|asked for|asked us|inquired|enquired|requested|reached out|contacted (?:us|me|our)|got in touch|wrote to (?:us|me)|filled (?:out|in)|signed up|downloaded|registered|called (?:us|me|our|in)|rang (?:us|me)|left (?:us|me) a|expressed (?:an )?interest|showed (?:an )?interest|were interested|wanted to (?:know|learn|see)|were looking (?:for|into)|booked|visited our (?:booth|stand))\\b',
      ),
      re(
        '\\b(?:your|the) (?:recent )?(?:request|inquiry|enquiry|interest|question|demo request|download|sign-up|signup|form) (?:about|for|regarding|on|in)\\b',
      ),
      re('\\b(?:returning|return) your (?:call|message|email|voicemail|inquiry)\\b'),
      re(
        '\\b(?:got|received|saw|have) your (?:message|request|inquiry|enquiry|email|note|form|voicemail|call)\\b',
      ),
      re(
        '\\b(?:getting back to you|get back to you on your|per your request|as (?:you )?requested|thanks? (?:you )?for (?:your interest|reaching out|getting in touch|your inquiry|your enquiry|your request|calling us))\\b',
      ),
    ],
  },
  {
    kind: 'relationship',
    patterns: [
      re(
        `^re:|\\b(?:regarding|about|concerning|re|on|with|for|calling about|in regards to) your (?:existing |current |open |outstanding |recent |upcoming )?${held}\\b`,
      ),
      re(
        `\\byour (?:${W})?${held} (?:with us|number|is (?:due|past due|overdue|expiring|up for renewal|on hold|pending))\\b`,
      ),
      re(
        `\\b(?:calling|this is|i am|we are|reaching out) (?:from|on behalf of|with) your (?:current |existing )?${orgs}\\b`,
      ),
      re(
        `\\b(?:as|being) your (?:current |existing |dedicated )?(?:provider|vendor|supplier|partner|carrier|account manager|account rep|rep|representative|${orgs})\\b`,
      ),
      re(
        '\\b(?:we|i) (?:handle|manage|service|look after|take care of|process|run) your (?:account|fleet|payroll|billing|insurance|policy|contract|renewal|systems?)\\b',
      ),
      re(
        '\\b(?:existing|valued|loyal|current) (?:customer|client)s?\\b(?! like)|\\bas (?:a|one of our) (?:customer|client)s?\\b',
      ),
      re(
        '\\b(?:important|urgent|time-sensitive|personal|private) (?:personal |business )?(?:matter|issue|business)\\b',
      ),
    ],
  },
  {
    kind: 'deadline',
    patterns: [
      re(
        `\\b${offerWord}s? (?:${W})?(?:ends?|expires?|runs? out|closes?|is only good|is valid only|goes away|will be gone|disappears?|is over|stops?|is going up|go(?:es)? up|increases?)\\b`,
      ),
      re(`\\b(?:expires?|expiring|ends?|ending|closes?|closing) (?:on |at |by )?${day}\\b`),
      re(`\\b(?:only|just|good|valid|available) (?:until|through|till|thru|before|by) ${day}\\b`),
      re(`\\b(?:lock in|sign|book|reserve|claim|grab|secure|get) (?:${W})?(?:before|by) ${day}\\b`),
      re('\\b(?:last|final) (?:chance|day to|call for|notice|opportunity)\\b'),
      re(
        '\\b(?:today|tonight|this week|this weekend) only\\b|\\blimited[- ]time\\b|\\btime[- ]sensitive\\b|\\burgent(?:ly)?\\b',
      ),
      re(
        '\\b(?:act|respond|call|decide|reply|move) (?:now|fast|quickly|today|immediately|asap|right away|before it is too late)\\b',
      ),
      re(
        '\\bbefore it is too late\\b|\\bdo not miss (?:out|this|it)\\b|\\bnow or never\\b|\\bimmediate(?:ly)? (?:action|attention|response)\\b',
      ),
      re(
        `\\b(?:prices?|rates?|costs?|fees?) (?:are |will )?(?:going up|go up|rise|rising|increase|increasing|change|changing) (?:on |at |after |by )?(?:${day}|soon|next)\\b`,
      ),
      re(
        '\\bdeadline (?:is|to (?:sign|respond|act|join|apply|enroll|register))\\b|\\b(?:the|our|this) (?:offer|promotion|pricing) deadline\\b',
      ),
    ],
  },
  {
    kind: 'scarcity',
    patterns: [
      re(
        `\\b(?:only|just) ${few} (?:${W})?${scarce}? ?(?:left|remaining|remain|available|open|still open)\\b`,
      ),
      re(`\\b(?:only|just) (?:have|has|got) ${few} (?:${W})?${scarce}\\b`),
      re(
        `\\b${scarce} (?:are |is )?(?:limited|filling (?:up )?(?:fast|quickly)|going (?:fast|quickly)|almost gone|nearly gone|running out|selling out)\\b`,
      ),
      re(
        '\\blimited (?:availability|number of|spots|seats|places|capacity|space|supply|quantity|offer|release|intake|cohort)\\b',
      ),
      re(
        '\\b(?:almost|nearly) (?:gone|full|sold out|booked|at capacity)\\b|\\bwhile (?:supplies|spots|seats|places|stocks?) last\\b',
      ),
      re(
        `\\b(?:first|next) ${few} (?:${W})?(?:customers|companies|callers|people|firms|teams|to (?:respond|reply|sign|call))\\b`,
      ),
      re('\\b(?:exclusive|select) (?:offer|invitation|group|few)\\b|\\bhand-?picked\\b'),
    ],
  },
  {
    kind: 'prize',
    patterns: [
      re(
        '\\b(?:you|your (?:company|team|firm|business)) (?:have|has) been (?:specially |personally )?(?:selected|chosen|picked|nominated|awarded|pre-?approved|approved|entered)\\b',
      ),
      re(
        '\\b(?:you|your (?:company|team|firm|business)) (?:have |has )?(?:won|are a winner|qualif(?:y|ied|ies) for (?:a|our) (?:free|complimentary))\\b',
      ),
      re(
        '\\b(?:picked|selected|chosen|nominated) to (?:win|receive|get|be awarded)\\b|\\bwin (?:a|an) (?:free|complimentary)\\b',
      ),
      re(
        '\\bcongratulations\\b|\\b(?:gift card|prize|sweepstakes|raffle|drawing|giveaway|voucher|jackpot)s?\\b',
      ),
      re(
        '\\bfree (?:trip|cruise|vacation|holiday|gift|ipad|iphone|laptop|tablet|tickets?)\\b|\\b(?:claim|redeem|collect) your (?:\\w+ )?(?:reward|prize|gift|bonus|voucher|offer)\\b',
      ),
    ],
  },
  {
    kind: 'survey',
    patterns: [
      re('\\b(?:survey|questionnaire|poll)s?\\b'),
      re(
        '\\b(?:this is|it is|i am|we are|this) not (?:a )?(?:sales|selling|sales call|a pitch|pitch)\\b|\\bnot (?:trying to )?sell(?:ing)? (?:you )?anything\\b',
      ),
      re(
        '\\b(?:conducting|doing|running|carrying out) (?:some |a |an )?(?:research|study|market study|industry study)\\b|\\bresearch (?:study|project|call|panel)\\b',
      ),
      re(
        '\\b(?:a few|a couple of|some|three|two) (?:quick |short |brief )?questions (?:for|about|on) (?:our |an |the )?(?:research|study|survey|report|benchmark|industry|market)\\b',
      ),
      re(
        '\\b(?:would like|want|love|need) your (?:input|opinion|feedback|views|thoughts) (?:for|on|in) (?:our |a |an |the )?(?:\\w+ )?(?:research|study|report|benchmark|industry|whitepaper)\\b',
      ),
    ],
  },
];

const referralVerbs =
  '(?:suggested|recommended|mentioned|told me|said|asked me|thought|passed (?:along|on)|pointed me|referred me|sent me|introduced|put me in touch|gave me your (?:name|number))';
/** "Dana Reyes suggested I call", with the name as written (capitalised). */
const namedReferral = new RegExp(
  `\\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:,? (?:your|from|at|over at|in) [\\w& ]{1,40},?)? ${referralVerbs}\\b`,
);
const referralBy =
  /\b(?:referred|recommended|pointed|sent|introduced)(?: to you| your way| over)? by ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b/;
const suggestionOf =
  /\b(?:[Aa]t|[Oo]n|[Pp]er) ([A-Z][a-z]+)(?:'s|’s) (?:suggestion|recommendation|request)\b/;
const unnamedReferral = new RegExp(
  `\\b(?:a|one of your|your) (?:colleague|coworker|co-worker|friend|boss|manager|ceo|cfo|peer|partner|contact)s?(?: of yours)? ${referralVerbs}`,
);
/** Words that are capitalised at a sentence's start but are not people. */
const notNames = new Set([
  'I',
  'We',
  'You',
  'He',
  'She',
  'They',
  'It',
  'This',
  'That',
  'Someone',
  'Everyone',
  'Nobody',
  'Hi',
  'Hello',
  'Hey',
]);

function referral(sentence: string): Claim | null {
  for (const pattern of [referralBy, suggestionOf, namedReferral]) {
    const name = pattern.exec(sentence)?.[1];
    if (name && !notNames.has(name.split(' ')[0]!)) return { kind: 'referral', sentence, person: name };
  }
  if (unnamedReferral.test(normalise(sentence))) return { kind: 'referral', sentence };
  return null;
}

/** A question that only asks ("Have we spoken before?") claims nothing. */
const askingOnly =
  /^(?:have|did|do|were|was) (?:we|you and i) (?:ever |already )?(?:spoken|talked|met|speak|talk|meet)\b.*\?$/;

/** Every claim the message makes, one per kind and sentence, in the order said. */
export function claimsIn(text: string): Claim[] {
  const found: Claim[] = [];
  for (const sentence of sentences(text)) {
    const plain = normalise(sentence);
    if (askingOnly.test(plain)) continue;
    for (const family of families) {
      if (family.patterns.some((p) => p.test(plain))) found.push({ kind: family.kind, sentence });
    }
    const referred = referral(sentence);
    if (referred) found.push(referred);
  }
  return found;
}
