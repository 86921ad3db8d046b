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
const talk = '(?:spoke|talked|chatted|connected|caught up|touched base|discussed|covered|went over|met)';
const talkNoun = '(?:conversation|call|phone call|chat|talk|discussion|catch-up|catch up|exchange)';
const media = '(?:voicemail|voice mail|message|email|e-mail|note|letter|text|inmail|dm)s?';
const orgs =
  '(?:bank|broker|provider|carrier|merchant services|(?:copier|equipment|vehicle) lease company|(?:phone|telecom|internet|broadband|energy|electricity|gas|utility|payment|merchant|card|software|hr|phone system|telephony) (?:provider|company|supplier|processor|partner)|it (?:department|team|provider|support)|vendor|supplier|insurer|insurance (?:company|provider|carrier)|phone company|payroll (?:provider|company)|accountant|account team|billing department|software provider)';
const held =
  '(?:account|service|order|invoice|policy|claim|subscription|renewal|contract|bill|billing|payment|delivery|warranty|licen[cs]e|shipment|service agreement)';
const offerWord =
  '(?:offer|price|pricing|discount|deal|promotion|promo|rate|special|rebate|incentive|terms|bonus|quote|proposal|program|spots?|seats?|slots?|places?|openings?)';
const few =
  '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|a handful of|a couple of|a couple)';
const scarce =
  '(?:spots?|places?|seats?|slots?|openings?|licen[cs]es?|units?|pilots?|invitations?|partners?|customers?|companies|spaces?)';
const day =
  '(?:close of business|cob|eod|end of play|the \\d{1,2}(?:st|nd|rd|th)|\\d{1,2}(?:st|nd|rd|th)|(?:this|next) (?:monday|tuesday|wednesday|thursday|friday)|today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this week|next week|the end of (?:the )?(?:day|week|month|quarter|year)|end of (?:day|week|month|quarter|year)|month-end|quarter-end|year-end|midnight|noon)';

const re = (source: string): RegExp => new RegExp(source);
/** What someone said in public (a post, a talk, an interview) is no claim of a conversation. */
const notInPublic =
  '(?! (?:\\w+ ){0,3}(?:on|in|at|during) (?:your|a|the|their|his|her) (?:\\w+ )?(?:post|talk|podcast|interview|article|keynote|blog|webinar|panel|linkedin|tweet|book|newsletter|video|press release|earnings call|conference))(?! on (?:linkedin|twitter|x|youtube))';

/** Patterns by kind, over normalised sentences. */
const families: { kind: ClaimKind; patterns: RegExp[]; denied?: true; unless?: RegExp }[] = [
  {
    kind: 'earlier-call',
    denied: true,
    patterns: [
      // The prospect as the one who spoke to the rep: "the way you asked", "what you described".
      re(
        `\\byou (?:\\w+ )?(?:described|told|preferred|advised|recommended|explained|agreed|specified|outlined)\\b${notInPublic}`,
      ),
      re(
        '\\b(?:took|taking|per|on|following|as per) your (?:advice|suggestion|tip|steer|instructions|feedback|pointer|recommendation)\\b|\\byou were (?:so |totally |absolutely |quite )?right\\b',
      ),
      re('\\bas i (?:was )?(?:mentioning|saying|said|mentioned|explained|promised)\\b'),
      // "those two contracts that were keeping you up at night": something only they could have told.
      re(
        '\\bthose (?:\\w+ ){0,4}(?:that|which|you) (?:were|was|had been|have been|are) (?:\\w+ ){0,3}(?:you|your)\\b',
      ),
      re(
        '\\bhope (?:the|your) (?:\\w+ ){0,3}(?:went|was|turned out|worked out) (?:well|ok|okay|great|fine)\\b|\\bglad (?:the|your) (?:\\w+ ){0,3}(?:worked out|went well|came through)\\b|\\b(?:was|is) next on your list\\b',
      ),
      re(
        '\\b(?:great|good|nice|lovely|fun) (?:chatting|talking|speaking|catching up|connecting)(?: with you| to you)? (?:last|yesterday|earlier|the other day|on|this morning)\\b',
      ),
      re(
        '\\b(?:we|you and i) (?:only |briefly |just |already |quickly )?(?:talked|spoke|chatted) (?:for|about|briefly|quickly)\\b',
      ),
      re(
        '\\byou sounded (?:\\w+ )?(?:open|keen|interested|up for|positive|curious)\\b|\\bre-?connect(?:ing)?\\b',
      ),
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
      re(
        '\\byou (?:had |would |have )?(?:asked|wanted|told) (?:me|us) to (?:call|ring|follow up|get back|send|check|try|circle|come back|revisit)\\b',
      ),
      re(
        `\\byou (?:had |have )?(?:mentioned|said|raised|told me|suggested|flagged|promised|shared)\\b${notInPublic}`,
      ),
      re('\\byou were (?:going to|gonna|planning to|meant to|supposed to)\\b'),
      re(
        '\\b(?:phone tag|tag on the phone|(?:keep|kept|been|keeps) missing each other|got cut off|were cut off|left off)\\b',
      ),
      re(
        '\\b(?:pick(?:ing)?|take|taking) (?:up )?(?:our|the) (?:thread|conversation|chat|discussion) (?:back )?(?:up|again)?\\b',
      ),
      re(
        '\\b(?:circling|circle|checking|check|getting|get|coming|come) back (?:to you |in )?(?:on|about|as|like|once|after|with)\\b|\\bclos(?:e|ing) the loop\\b|\\btouch(?:ing)? base again\\b',
      ),
      re(
        '\\b(?:cheers|thanks|thank you|ta) (?:again )?for (?:your|the) (?:time|chat|call|natter) (?:on the (?:phone|blower|call|line) )?(?:last|yesterday|earlier|the other day|on (?:monday|tuesday|wednesday|thursday|friday))\\b',
      ),
      re(
        '\\b(?:great|good|nice|lovely|a pleasure) to (?:finally )?(?:get|catch|reach|have) you on the (?:phone|line|blower)\\b',
      ),
      re(
        '\\b(?:and )?(?:well, )?here we are\\b|\\bas (?:mentioned|discussed|agreed|promised) (?:on|in|during|last)\\b',
      ),
      re('\\b(?:that|the|your) (?:\\w+ )?question you (?:raised|asked|had)\\b'),
      re(
        '\\b(?:thanks|thank you) (?:again|once more)\\b|\\b(?:thanks|thank you) (?:so much )?for (?:your time|taking (?:my|the) call|the (?:call|chat|conversation|talk)|speaking with me|talking with me) (?:on the phone |on the call )?(?:last|yesterday|earlier|the other day|on (?:monday|tuesday|wednesday|thursday|friday))\\b',
      ),
    ],
  },
  {
    kind: 'earlier-message',
    denied: true,
    patterns: [
      re(
        "\\b(?:i|we) (?:have |had )?(?:texted|emailed|messaged|wrote to|written to|mailed|pinged|dmed|dm'd|whatsapped) you\\b|\\b(?:that|which) (?:i|we) (?:sent|emailed|mailed|posted|dropped|shared|forwarded)(?: over| across| through| you| out)?\\b",
      ),
      re(
        '\\bbump(?:ing)? (?:this|it|my \\w+) (?:back )?(?:up|to the top)\\b|\\btop of your inbox\\b|\\bmy (?:\\w+ )?(?:note|email|message|letter|voicemail|text) (?:reached|got to|landed with|made it)\\b',
      ),
      re(
        '\\b(?:i|we) (?:have |had )?(?:shipped|sent|couriered|delivered|dropped off|mailed|posted|sent out) (?:\\w+ ){0,5}(?:to your|to you)\\b',
      ),
      re(
        '^(?:\\w+, )?(?:second|third|fourth|fifth|another) (?:try|attempt|go|time)\\b|\\b(?:second|third|fourth|fifth) (?:try|attempt)\\b',
      ),
      re(
        '\\b(?:did|has|have) (?:the|my|our) (?:\\w+ )?(?:brochure|proposal|quote|pack|packet|samples?|letter|email|note|deck|catalog(?:ue)?|package|info|information|invite|invitation) (?:\\w+ )?(?:land|arrive|reach|get to|make it|come through|turn up)\\b',
      ),
      re(
        '\\b(?:string|barrage|flurry|bunch|couple|series|pile) of (?:\\w+ )?(?:texts|emails|messages|voicemails|notes)\\b|\\bthose (?:\\w+ ){0,3}(?:emails|messages|texts|notes|voicemails|letters|inmails)\\b',
      ),
      re(
        '\\b(?:proposal|quote|brochure|pack|deck|letter|email|note|invite)(?:\\w+)? (?:is |still )?(?:still )?(?:sitting|waiting|languishing) in your (?:inbox|mailbox|email)\\b',
      ),
      re(
        '\\b(?:i|we) (?:have |had )?(?:sent|emailed|dropped|mailed|posted|couriered|popped|wrote|written|texted|messaged|forwarded|shared|put|stuck|left) (?:\\w+ ){0,5}(?:across|over to you|through to you|in your (?:inbox|mailbox|post)|to you|by (?:post|email|mail|courier)|your way)\\b',
      ),
      re(
        '\\b(?:i|we) (?:have |had )?tried (?:you|to reach you|reaching you|to get you|getting you) (?:\\w+ ){0,3}(?:times|by email|by phone|on email|over email)\\b',
      ),
      re('\\bfrom me (?:\\w+ ){0,2}(?:landed|arrived|reached you|got to you|came through|made it)\\b'),
      re(
        '\\b(?:the )?(?:info|information|pdf|deck|proposal|brochure|details|pack|one-pager|quote|pricing|case study|link|invite|invitation|stuff|document|samples?|figures|numbers) (?:that )?(?:i|we) (?:sent|emailed|dropped|mailed|shared|forwarded|posted|put in the post|left)\\b',
      ),
      re(
        '\\b(?:my|our|this is my|this is our) (?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)|next|another) (?:try|attempt|time (?:trying|calling)|message|voicemail|call|email|note)\\b',
      ),
      re(
        '\\b(?:i|we) have (?:left|sent|dropped) you (?:a couple|a few|several|some|two|three|a number|a bunch|a handful)\\b|\\bbump(?:ing)? (?:my|our|this) (?:\\w+ )?(?:email|note|message|inmail)\\b|\\bre-?sending\\b',
      ),
      re(
        `\\b(?:my|our) (?:\\w+ )?${media} from (?:the other|last|earlier|yesterday|monday|tuesday|wednesday|thursday|friday|a (?:few|couple))\\b`,
      ),
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
        `\\b(?:after|since|following|further to|as per|per) (?:my|our) (?:last |previous |earlier |recent )?(?:linkedin |voice )?${media}\\b`,
      ),
      re(
        `\\b(?:my|our) (?:\\w+ )?(?:${media}|inmail|linkedin message|dm) (?:on linkedin )?(?:got|may have|might have|probably|must have|has|went|slipped|ended up)\\b`,
      ),
      re(
        '\\b(?:following|follow) (?:up |on )?(?:on |from )?what (?:i|we) (?:sent|emailed|mailed|dropped|left)\\b|\\bwhat i sent (?:over|through|you)\\b',
      ),
    ],
  },
  {
    kind: 'earlier-message',
    patterns: [
      re(
        '\\b(?:did not|have not|had not|never) (?:hear|heard|get|got) (?:back|a reply|a response|anything back)\\b|\\bno (?:reply|response|word) (?:yet |back )?(?:to|on|from|after) (?:my|our)\\b',
      ),
    ],
  },
  {
    kind: 'meeting',
    denied: true,
    patterns: [
      re('\\b(?:sitting|sat|standing|stood) (?:next to|beside|with|across from|opposite) you\\b'),
      re(
        '\\b(?:when|after|since) (?:i|we) (?:dropped|popped|stopped|came|swung|called) (?:by|in|past|round|around|over)\\b|\\bswing (?:past|by) again\\b|\\bpop (?:in|by) again\\b',
      ),
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
      re(
        '\\b(?:bumping|bumped|running|ran) into you\\b|\\b(?:our|your and my) paths crossed\\b|\\bput(?:ting)? a face to (?:the|a|your) name\\b',
      ),
      re(
        '\\b(?:grabbing|grabbed|having|had|sharing|shared|over) (?:that |a |the |our )?(?:coffee|drink|lunch|dinner|beer|pint|chat) (?:with you|together)\\b',
      ),
      re(
        '\\b(?:great|good|nice|lovely) (?:to )?(?:see|seeing|meet|meeting|catch|catching) (?:up with )?you (?:at|in|during|last)\\b',
      ),
    ],
  },
  {
    kind: 'inquiry',
    denied: true,
    patterns: [
      re(
        `\\byou (?:\\w+ )?(?:asked|requested|wanted)\\b(?! (?:for|about) (?:a|an|the)? ?(?:job|role|position))${notInPublic}`,
      ),
      re(
        '\\b(?:thanks|thank you) for (?:joining|attending|registering|signing up|downloading|visiting|stopping by|coming to|your interest|requesting)\\b',
      ),
      re(
        '\\byour (?:\\w+ )?(?:free )?trial\\b|\\byour (?:\\w+ )?(?:callback|call-back|call back|demo|quote|pricing|info|information) request\\b|\\b(?:on|at the top of) my (?:callback|call-back|call back|follow-up) list\\b',
      ),
      re(
        '\\b(?:your (?:company|team|office|firm|business|practice|department|colleagues|people)) (?:\\w+ )?(?:asked|requested|enquired|inquired|signed up|registered|reached out|got in touch|contacted us)\\b',
      ),
      re(
        '\\b(?:saw|noticed|see|seeing|spotted) (?:that )?you (?:had|would|have) been (?:on|visiting|looking|checking|browsing|reading|poking)\\b|\\bchecking (?:us|our (?:\\w+ )?(?:site|website|page|pricing|product)) out\\b',
      ),
      re('\\byou (?:are |were )?expecting (?:my|our|a|this) (?:call|email|message)\\b'),
      re(
        '\\b(?:your (?:office|assistant|team|pa|secretary|reception|front desk)|you) (?:had |have )?(?:asked|wanted|requested) (?:me|us) to (?:give you a )?(?:call|ring|reach|get in touch|contact|phone)\\b',
      ),
      re(
        '\\b(?:saw|noticed|see|seeing|spotted) (?:that )?you (?:were|was|have been) (?:on|visiting|looking|checking|browsing|reading|poking)\\b',
      ),
      re(
        '\\byou (?:recently |just |kindly )?(?:asked about|asked for|asked us|inquired|enquired|requested|reached out|contacted (?:us|me|our)|got in touch|wrote to (?:us|me)|filled (?:out|in)|signed up|downloaded|registered|called (?:us|me|our|in)|rang (?:us|me)|left (?:us|me) a|expressed (?:an )?interest|showed (?:an )?interest|were interested|wanted to (?:know|learn|see)|were looking (?:for|into)|booked|visited our (?:booth|stand))\\b',
      ),
      re(
        '\\b(?:your|the) (?:recent )?(?:request|inquiry|enquiry|interest|question|demo request|download|sign-up|signup|form) (?:about|for|regarding|on|in)\\b',
      ),
      re('\\b(?:returning|return) your (?:call|message|email|voicemail|inquiry)\\b'),
      re(
        '\\byou (?:had |would |have )?(?:\\w+ )?(?:grabbed|downloaded|requested|asked for|asked about|signed up|registered|submitted|filled (?:in|out)|checked out|visited|viewed|were (?:checking|looking) (?:out|at))\\b(?! (?:a|an|the)? ?(?:job|role|position))',
      ),
      re(
        '\\byour (?:\\w+ )?(?:request|inquiry|enquiry|message|email|note|voicemail|question|form|submission|download|sign-?up)s? (?:\\w+ ){0,7}(?:came through|came in|arrived|landed|reached (?:me|us))\\b',
      ),
      re(
        '\\b(?:got|received|saw|picked up|have) your (?:\\w+ )?(?:request|inquiry|enquiry|message|email|note|voicemail|form|submission)\\b',
      ),
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
        '\\b(?:details|information|info|records?) (?:we have |we hold )?on file\\b|\\bupdat(?:e|ing) (?:our|the|your) records\\b|\\b(?:our|the) records (?:show|indicate|say|suggest)\\b|\\b(?:showing|flagged|shows) (?:as |up )?(?:due|overdue|outstanding|lapsing|expiring|on (?:our|the) system)\\b|\\b(?:a )?note on (?:your|the) (?:\\w+ ){0,2}(?:account|file|system|record)\\b',
      ),
      re(
        '\\b(?:regarding|concerning|in regards? to|in relation to) your (?:business|company|firm|organi[sz]ation|premises|site|address)(?=[.,;!?]|$)|\\bspeak to the (?:business )?owner directly\\b|\\b(?:regarding|concerning|about) (?:the )?(?:\\w+ )?(?:supply|service|account|meter|connection|line|collections?) (?:at|to|for|on) your (?:business |office |company )?(?:address|premises|site|office|property|building)\\b',
      ),
      re(
        "\\b(?:cover|policy|warranty|certificate|licen[cs]e|registration|insurance|entry|membership|subscription|fee)\\b (?:[\\w']+ ){0,4}(?:lapse|lapses|lapsing|expire|expires|expiring|overdue|outstanding|unpaid|due to be renewed|needs to be renewed|to be renewed)\\b",
      ),
      re(
        "\\byour (?:[\\w']+ ){0,2}(?:fixed rate|rate|tariff|deal|plan|agreement|contract|arrangement) (?:is|are) (?:ending|expiring|up|due|coming to an end|running out|about to end)\\b|\\b(?:update|renew|review|extend) (?:the|your) (?:current )?(?:agreement|contract|arrangement|setup|set-up|cover) (?:for|on|at|with) your\\b|\\breview your (?:current )?(?:setup|set-up|arrangement|account)\\b",
      ),
      re(
        '\\b(?:login|log-in|sign-in) attempt\\b|\\b(?:unusual|suspicious) (?:activity|login|sign-in|access)\\b|\\baffected (?:batch|units?|models?|products?)\\b|\\brecall notices?\\b|\\binvoice (?:reference|number)\\b|\\bchanged on our (?:end|side)\\b',
      ),
      re(
        "\\byour (?:[\\w']+ )?(?:vehicles|equipment|systems?|units?|machines?|boilers?|extinguishers?|copiers?|printers?|meters?|fleet|lifts?|alarms?) (?:are|is) (?:now )?(?:due|overdue)\\b|\\b(?:visit|service|check|inspection|upgrade) (?:that is |which is |is )?(?:now )?(?:due|available) (?:on|for) your\\b",
      ),
      re(
        '\\b(?:following up|calling|ringing|phoning) (?:on|about|regarding) your (?:[\\w-]+ ){0,2}(?:records|filing|return|accounts|audit|submission|application|claim|case|pay run|payroll|settings)\\b|\\byour (?:upcoming )?pay run\\b',
      ),
      re(
        "\\byour (?:[\\w']+ ){0,3}(?:listing|domain|registration|main number|numbers?|lines?|facility|suite|premises|location|postings?|posters?|filing|meter|tax code|rate class)\\b.*\\b(?:expire|expires|expiring|expiration|removed|ported|porting|transfer|qualify|qualifies|eligib\\w*|required|requirements|penalt\\w*|interruption|renewal|active|suspend\\w*|disconnect\\w*|deactivat\\w*)\\b",
      ),
      re(
        '\\b(?:attempted|tried|missed) (?:a |to make a |to deliver |your )?(?:delivery|drop-off|collection)\\b|\\bon behalf of your (?:\\w+ ){0,2}(?:utility|landlord|bank|carrier|provider|insurer|building|council|accountant|supplier)\\b|\\byour (?:landlord|building|property manager|managing agent) (?:asked|wants|has asked|instructed)\\b',
      ),
      re(
        '\\b(?:compliance|enforcement|regulatory|registration|licensing|records|filings?) (?:division|department|office|desk|unit|team|centre|center)\\b.*\\b(?:your|you)\\b',
      ),
      re(
        '\\byour (?:\\w+ ){0,2}(?:account|terminal|lease|suite|subscription|plan|filing|invoice|order|delivery|consignment|listing|registration|policy|contract|renewal|licen[cs]e|equipment|unit|lines?|system|server|network|domain|premises)\\b.*\\b(?:flag|flagged|issue|matter|problem|attention|discrepanc(?:y|ies)|status|review|changes?|compliance|notice|overdue|suspend(?:ed)?|interruption|expir(?:y|ing|es)|due)\\b',
      ),
      re(
        '\\b(?:flagged|issue|matter|problem|discrepancy|changes?) (?:\\w+ ){0,4}(?:on|with|to|concerning|regarding) (?:the|your) (?:\\w+ ){0,2}(?:account|terminal|lease|suite|subscription|plan|filing|invoice|order|delivery|consignment|listing|registration|policy|contract)\\b',
      ),
      re(
        '\\b(?:this is|it is|i am|i am calling as) (?:\\w+,? )?(?:your|the) (?:\\w+ )?(?:account manager|account rep|representative|driver|courier|technician|engineer|auditor|inspector|landlord|supplier|provider|compliance officer|case officer)\\b',
      ),
      re(
        '\\b(?:package|parcel|delivery|shipment|consignment) (?:\\w+ ){0,3}for (?:you|your)\\b|\\b(?:notice|letter|fine|penalty|audit|filing|assessment) (?:\\w+ ){0,3}(?:issued to|against|for|regarding|concerning|on) your (?:business|company|firm|organi[sz]ation)\\b',
      ),
      re(
        `\\b(?:from|with|at|in) your (?:current |existing |own )?(?:${orgs}|(?:\\w+ )?(?:support desk|help ?desk|service desk|account team|billing team|accounts team))\\b`,
      ),
      re(
        '\\b(?:the|your) (?:last|latest|recent|outstanding|overdue|unpaid|previous) (?:invoice|bill|statement|payment|order|delivery|shipment)\\b',
      ),
      re(
        `\\byour (?:current |existing )?(?:\\w+ )?(?:contract|lease|agreement|plan|policy|subscription|licen[cs]e|warranty) (?:is up|expires|ends|is due|is ending|is expiring|renews|comes up|is coming up|runs out)\\b`,
      ),
      re(
        '\\byour (?:\\w+ ){0,2}(?:reorder|order|renewal|service|inspection|payment|delivery|maintenance|refill) (?:is|was) (?:due|overdue|ready|pending|scheduled|late|delayed)\\b|\\b(?:service|maintenance|inspection|check|repair) (?:on|of|for) your (?:unit|machine|copier|system|equipment|printer|lines|network|vehicles?)\\b',
      ),
      re(
        '\\b(?:seeing|saw|noticed|detected|flagged|found) (?:some |an? |unusual |a few )?(?:alerts?|issues?|problems?|activity|errors?|discrepanc(?:y|ies)|irregularit(?:y|ies)) (?:\\w+ ){0,4}(?:on|with|in|at) your\\b',
      ),
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
      re(`\\bfrom your (?:current |existing |own )?(?:${orgs}|bank.s|carrier.s)`),
      re(
        `\\b(?:we are|i am|we have been|we were) (?:the|your) (?:\\w+ ){0,2}(?:reseller|partner|provider|supplier|vendor|carrier|support team|account manager|bank)s? (?:for|of|on|behind) your\\b`,
      ),
      re(
        `\\b(?:check|confirm|verify|update|process|renew|review|discuss|sort out|finali[sz]e|schedule|move|moving|migrate|migrating|switch|transfer|upgrade|upgrading|reactivate|reactivating|port|porting)(?:ing)? your (?:\\w+ ){0,2}(?:${held}|lines?|numbers?|service|system|plan)\\b`,
      ),
      re(`\\b(?:regarding|about|concerning|re|on|calling about|in regards to) your (?:\\w+ )?(?:${held})\\b`),
      re(
        '\\b(?:a|your|the) (?:package|parcel|delivery|shipment|consignment|letter) (?:for|addressed to) (?:you|your)\\b|\\b(?:needs?|requires?) (?:a |your )?signature\\b|\\bredelivery\\b',
      ),
      re(
        '\\b(?:important|urgent|time-sensitive|personal|private) (?:personal |business )?(?:matter|issue|business)\\b',
      ),
    ],
  },
  {
    kind: 'deadline',
    // The end of their own agreement is a claim about their account (checked as one), not an offer's deadline.
    unless:
      /\byour (?:current |existing )?(?:[\w-]+ )?(?:agreement|contract|plan|subscription|policy|lease|licen[cs]e|warranty|cover|renewal)\b/,
    patterns: [
      re(
        `\\b(?:${offerWord}|rates?|prices?|pricing|deal)\\b (?:\\w+ ){0,5}(?:disappears?|vanish(?:es)?|goes away|will be gone|is gone|lapses?)\\b`,
      ),
      re(
        `\\b(?:${offerWord}|rates?|prices?|pricing|tariff|terms|numbers|quote|deal)\\b.*\\b(?:resets?|signs? off|kicks? in|will not hold|cannot guarantee|closes? the books|expires?|ends|goes up|go up|changes?|increases?|new tariff|miss)\\b.*\\b(?:${day}|the first|month-end|next few days|before then|this month|after this|soon|the \\d{1,2}(?:st|nd|rd|th))\\b`,
      ),
      re(
        `\\b(?:${day}|the first|month-end|after this month|before then)\\b.*\\b(?:${offerWord}|rates?|prices?|pricing|tariff|terms|quote|deal)\\b.*\\b(?:resets?|signs? off|kicks? in|will not hold|cannot guarantee|closes? the books|expires?|goes up|changes?|increases?|lock (?:it )?in|will not be able|miss)\\b`,
      ),
      re(
        `\\b(?:resets?|signs? off|closes? the books|expires?|ends|ending|closing|pulling|withdrawing) (?:\\w+ ){0,4}(?:${offerWord}|rates?|prices?|pricing|tariff|terms|quote|deal)\\b.*\\b(?:${day}|the first|month-end|next few days)\\b`,
      ),
      re(
        '\\b(?:once|when|after) (?:the )?(?:new )?(?:tariff|pricing|price list|rates?|prices?) (?:kicks? in|changes?|resets?|goes up|go up|comes in)\\b',
      ),
      re(
        `\\b(?:hold|holding|keep|keeping|honou?r|honou?ring|lock|locking|save|saving) (?:[\\w']+ ){0,3}(?:${offerWord}|rate|plan)s? (?:[\\w']+ ){0,4}(?:if|until|till|by|through)\\b`,
      ),
      re(
        '\\bafter that,? (?:it|the price|the rate|pricing|they|it is|it will) (?:\\w+ )?(?:jumps?|goes up|go up|increases?|rises?|doubles?|gone|expires?|ends?|disappears?)\\b|\\bafter that it is gone\\b',
      ),
      re(
        `\\byou (?:have|have got|got) (?:until|till|through|before|up to) (?:${day})\\b|\\bgrandfathered\\b`,
      ),
      re(
        `\\b${offerWord}s? (?:${W})?(?:ends?|expires?|runs? out|closes|will close|is closing|is only good|is valid only|goes away|will be gone|disappears?|is over|stops?|is going up|go(?:es)? up|increases?)\\b`,
      ),
      re(`\\b(?:expires?|expiring|ends?|ending|closes?|closing) (?:on |at |by )?${day}\\b`),
      re(`\\b(?:only|just|good|valid|available) (?:until|through|till|thru|before|by) ${day}\\b`),
      re(`\\b(?:lock in|sign|book|reserve|claim|grab|secure|get) (?:${W})?(?:before|by) ${day}\\b`),
      re('\\b(?:last|final) (?:chance|day to|call for|notice|opportunity)\\b'),
      re(
        `\\b(?:${offerWord}|window|rate lock|lock|launch pricing|old rate)s? (?:\\w+ ){0,6}(?:finish(?:es)?|shuts?|lapses?|wraps? up|runs? out|ends?|expires?|closes?) (?:on |at |by )?(?:${day})\\b`,
      ),
      re(
        `\\b(?:bump(?:ing)?|put(?:ting)?|push(?:ing)?|rais(?:e|ing)|hik(?:e|ing)) (?:our |the |all )?(?:prices?|rates?|fees?) up\\b|\\b(?:prices?|rates?|fees?) (?:\\w+ ){0,3}(?:goes|go|going) up\\b|\\bafter that (?:it|the price|the rate) goes up\\b`,
      ),
      re(
        `\\b(?:hold|keep|honou?r|lock|save) (?:the |this |that |our |your )?(?:\\w+ )?(?:${offerWord}|rate)s? (?:\\w+ ){0,4}(?:if|until|till|by|through)\\b|\\b(?:if|as long as) (?:i|we) (?:can )?hear (?:back )?from you by\\b`,
      ),
      re(
        `\\b(?:only )?(?:good|valid|open|available|on the table) (?:until|till|through|before) (?:${day})\\b|\\bfirst dibs\\b`,
      ),
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
        '\\b(?:will|they will|they are going to|going to) go (?:fast|quick|quickly)\\b|\\b(?:the )?last (?:\\w+ )?(?:\\d+|two|three|four|five|six|few|couple)\\b|\\bfinal (?:pallet|batch|units?|few|spots?|slots?|places?|seats?)\\b|\\bdown to (?:the |our )?(?:last|final)\\b|\\b(?:accepting|taking|onboarding|admitting) only\\b|\\blimited stock\\b',
      ),
      re(
        `\\b(?:capacity|allocation|spaces?|slots?|spots?|licen[cs]es?|places?|seats?|room|availability|stock|inventory)\\b.*\\b(?:only|limited|nearly|almost|snapped up|going (?:quick|fast|quickly)|used up|first-come|first come|running (?:low|out)|\\w+ more)\\b`,
      ),
      re(
        `\\b(?:only|just) (?:have |got )?(?:capacity|room|space|availability) for ${few}\\b|\\bonly limited\\b`,
      ),
      re(
        `\\b${few} (?!i |we |you |they )(?:\\w+ )?(?:left|remaining)\\b(?! (?:you|a|an|the|on|it|him|her|them|by|in|for|with|me)\\b)|\\b(?:only|just) (?:\\w+ ){0,2}${few} more\\b`,
      ),
      re(
        '\\b(?:basically|almost|nearly|all but|pretty much|practically) (?:gone|full|sold out|booked|taken)\\b',
      ),
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
      re(`\\b(?:capping|capped|cap|limiting|limited|restricting) (?:\\w+ ){0,4}(?:at|to) ${few}\\b`),
    ],
  },
  {
    kind: 'prize',
    patterns: [
      re(
        '\\b(?:you|your (?:company|team|firm|business|office|practice)) (?:is |has |have |had )?(?:been )?(?:nominated|shortlisted|short-listed)\\b|\\b(?:nominated|shortlisted|selected|chosen) (?:\\w+ ){0,3}(?:for|in) (?:an?|the|this year.s) (?:\\w+ ){0,3}(?:award|awards|category|prize)\\b',
      ),
      re(
        '\\b(?:you|your (?:company|team|firm|business|office|practice)) (?:was|were|has been|have been) (?:specially |personally )?(?:selected|chosen|picked|nominated|shortlisted|short-listed)\\b',
      ),
      re(
        '\\b(?:you|your (?:company|team|firm|business)) (?:have|has) been (?:specially |personally )?(?:selected|chosen|picked|nominated|awarded|pre-?approved|approved|entered)\\b',
      ),
      re(
        '\\b(?:you|your (?:company|team|firm|business)) (?:have |has )?(?:won|are a winner|qualif(?:y|ied|ies) for (?:a|our) (?:free|complimentary))\\b',
      ),
      re(
        '\\b(?:picked|selected|chosen|nominated) to (?:win|receive|get|be awarded)\\b|\\bwin (?:a|an) (?:free|complimentary)\\b',
      ),
      re('\\b(?:short-?listed|selected|chosen) for (?:a|an|our) (?:free|complimentary|no-cost)\\b'),
      re(
        '\\bcongratulations\\b(?=.*\\b(?:won|winner|selected|chosen|prize|award|qualified|lucky)\\b)|\\b(?:gift card|prize|sweepstakes|raffle|drawing|giveaway|voucher|jackpot)s?\\b',
      ),
      re(
        '\\bfree (?:trip|cruise|vacation|holiday|gift|ipad|iphone|laptop|tablet|tickets?)\\b|\\b(?:claim|redeem|collect) your (?:\\w+ )?(?:reward|prize|gift|bonus|voucher|offer)\\b',
      ),
    ],
  },
  {
    kind: 'survey',
    patterns: [
      re(
        '\\bsurvey(?:ing|ed)\\b|\\brespondents?\\b|\\b(?:collecting|gathering) (?:\\w+ )?(?:opinions|views|answers|responses)\\b',
      ),
      re(
        '\\bno (?:pitch|sales pitch|selling|sales)\\b(?! (?:call |calls )?(?:required|needed|necessary))|\\b(?:collecting|gathering|getting) (?:some )?(?:feedback|input|views|opinions|insights) (?:from|for)\\b',
      ),
      re(
        '\\b(?:benchmark(?:ing)?|industry|market|annual) (?:\\w+ )?(?:study|survey|research)\\b(?! (?:found|shows|showed|says|report))',
      ),
      re(
        '(?<!in-app |customer |employee |pulse |nps |satisfaction |site |property |land |building |roof |structural |condition |energy |lighting |pest |asbestos )\\b(?:survey|questionnaire|poll)\\b',
      ),
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
  '(?:suggested|recommended|mentioned|told me|said|asked me|thought|reckoned|reckons|passed (?:along|on)|pointed me|referred me|sent me|introduced|put me (?:in touch|onto|on to)|flagged you|gave me your (?:name|number)|passed me your|wanted me to|asked me to|felt|figured|speaks (?:very )?highly of you|spoke (?:very )?highly of you|was a (?:big |huge )?fan)';
const name = '([A-Z][a-z]+(?: [A-Z][a-z]+)?)';
/** "Dana Reyes suggested I call", with the name as written (capitalised), right before the verb. */
const namedReferral = new RegExp(`\\b${name},? ${referralVerbs}\\b`);
/** "Dana, your CFO, suggested", "Dana over at Acme Foods suggested": the name and a short description. */
const describedReferral = new RegExp(
  `\\b${name}(?:, (?:your|from|at|over at|over in|in|on|with) [\\w& ]{1,40},|(?: over)? (?:at|in|on|from) your [\\w& ]{1,30}|(?: over)? (?:at|in|from) (?:[A-Z][\\w&]*(?: [A-Z][\\w&]*){0,3}|purchasing|finance|procurement|accounts|sales|marketing|operations|hr|it)) ${referralVerbs}\\b`,
);
const referralBy =
  /\b(?:referred|recommended|pointed|sent|introduced)(?: to you| your way| over)? by ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b/;
const suggestionOf =
  /\b(?:[Aa]t|[Oo]n|[Pp]er) ([A-Z][a-z]+)(?:'s|’s) (?:suggestion|recommendation|request)\b/;
const unnamedReferral = new RegExp(
  `\\b(?:someone|somebody|a (?:colleague|coworker|co-worker|friend|mate|contact|peer|buddy) of yours|(?:a|one of your|your) (?:\\w+ )?(?:colleague|coworker|co-worker|friend|mate|boss|manager|ceo|cfo|cto|coo|cio|peer|partner|contact|team|people|guys|folks|staff|director|vp)s?(?: of yours)?)(?: (?:on|in|at|from|over at) [\\w& ]{1,40})?,? ${referralVerbs}`,
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
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Just',
  'So',
  'And',
  'But',
  'Also',
]);

/** Someone sent the rep, whoever it was: "at the suggestion of your CEO's office", "gave me your number". */
const sentBySomeone =
  /\b(?:at|on|per) the (?:suggestion|recommendation|advice|request) of\b|\b(?:gave|passed|shared|forwarded|handed) me your (?:name|number|details|contact|email|direct line)\b|\byour predecessor\b|\b(?:our|my) (?:partners?|friends|colleagues|contacts) (?:at|over at|from) [\w&' ]{1,40} (?:thought|think|said|suggested|recommended|felt|mentioned)\b/;

function referral(sentence: string): Claim | null {
  for (const pattern of [referralBy, suggestionOf, describedReferral, namedReferral]) {
    const name = pattern.exec(sentence)?.[1];
    if (name && !notNames.has(name.split(' ')[0]!)) return { kind: 'referral', sentence, person: name };
  }
  const plain = normalise(sentence);
  if (unnamedReferral.test(plain) || sentBySomeone.test(plain)) return { kind: 'referral', sentence };
  return null;
}

/** A question that only asks ("Have we spoken before?") claims nothing. */
const askingOnly =
  /^(?:have|did|do|were|was) (?:we|you and i) (?:ever |already )?(?:spoken|talked|met|speak|talk|meet)\b.*\?$/;

/** Saying it did not happen ("we haven't spoken"), or passing on what someone else said, claims nothing. */
const denial = /\b(?:not|never|no)\b/;
const reported =
  /\b(?:said|says|told me|mentioned|heard|thinks|thought|reckons|reckoned)(?: that)? (?:you|your)\b/;

/** "If your contract is up next year": a condition asks; it claims nothing. */
const conditional = /\b(?:if|whether|unless|should)\b[^,;]*$/;

function claims(
  pattern: RegExp,
  plain: string,
  reading: { deniable: boolean; conditional: boolean },
): boolean {
  const match = pattern.exec(plain);
  if (!match) return false;
  const before = plain.slice(Math.max(0, match.index - 40), match.index);
  if (
    reading.conditional &&
    conditional.test(`${before}${match[0].split(/\b(?:is|are|was|were|ends?|expires?)\b/)[0]}`)
  )
    return false;
  if (!reading.deniable) return true;
  if (denial.test(match[0])) return false;
  // "she said you were looking at…": the referrer's word, checked as the referral.
  if (reported.test(`${before.split(/[,;—-]/).at(-1) ?? ''}${match[0]}`)) return false;
  return true;
}

/** Every claim the message makes, one per kind and sentence, in the order said. */
export function claimsIn(text: string): Claim[] {
  const found: Claim[] = [];
  for (const sentence of sentences(text)) {
    const plain = normalise(sentence);
    if (askingOnly.test(plain)) continue;
    for (const family of families) {
      if (family.unless?.test(plain)) continue;
      const reading = { deniable: family.denied === true, conditional: family.kind === 'relationship' };
      if (family.patterns.some((p) => claims(p, plain, reading))) found.push({ kind: family.kind, sentence });
    }
    const referred = referral(sentence);
    if (referred) found.push(referred);
  }
  return found;
}
