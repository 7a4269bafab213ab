/**
 * Flags FFT comments that may need someone to act today: a patient at risk of harming
 * themselves, abuse or neglect, a threat or act of violence, unsafe care (falls, medication
 * errors, left in pain or soiled, not fed or given water, pressure sores), or a child or
 * vulnerable adult at risk. NHS guidance asks for "a route for serious concerns found in feedback
 * to reach someone at once" (shared/reference/FFT.md §10).
 *
 * Rule-based so a matron can read why a comment was flagged: each rule names one kind of harm
 * in the words patients use. Idioms ("the staff killed it", "to die for", "fell asleep") are
 * blanked out first, a negation just before a match ("never left in pain", "didn't fall once")
 * cancels it, and a rule may carry guards for the usual harmless readings ("admitted after a
 * fall at home"). The aim is to miss no clear case while keeping false alarms rare enough that
 * matrons trust it. Pure: no I/O; every pattern compiled once.
 */

export const CONCERN_REASONS = ['self-harm', 'abuse-neglect', 'violence-threat', 'unsafe-care', 'safeguarding'] as const;
export type ConcernReason = (typeof CONCERN_REASONS)[number];

export type Concern = { concern: true; reason: ConcernReason; evidence: string } | { concern: false };

/** One named kind of harm in the words patients use; exported read-only for tests and tooling. */
export interface Rule {
  /** For reading the code and debugging; not shown to users. */
  name: string;
  reason: ConcernReason;
  /**
   * Stems every match must contain, tested first because it is far cheaper than the pattern:
   * most comments skip most rules. It must stay a necessary condition of `pattern`.
   */
  gate: RegExp;
  pattern: RegExp;
  /** A negation in the few words before the match ("never", "wasn't") cancels it. */
  negatable: boolean;
  /** Any of these in the same sentence cancels the match (the usual harmless reading). */
  unless?: RegExp;
  /** The comment must also say this somewhere (the context that makes the match a harm). */
  requires?: RegExp;
}

// ---------------------------------------------------------------------------------------------
// Idioms: blanked out (same length, so offsets stay) before any rule runs.

const IDIOMS = new RegExp(
  [
    // killing / dying / murder as praise or exaggeration
    "\\b(?:killed|killing|smashed|smashing|nailed|nailing) it\\b",
    "\\b(?:would|could|i'd|id|i'll|she'?d|he'?d|shed|hed|we'?d|they'?d) (?:have |'ve |of )?(?:kill|killed|murder|murdered|die|died) for\\b",
    "\\b(?:would|could) (?:have |'ve |of )?(?:murdered|killed) an? (?:cup|cuppa|brew|coffee|tea|pint|sandwich|burger|biscuit)\\b",
    '\\bdying (?:to|for|of (?:boredom|thirst for a cuppa|laughter|embarrassment)|laughing)\\b',
    '\\bto die for\\b',
    // "my wife said she would kill me if I did not write something nice"
    "\\b(?:would|'d|will|'ll|gonna|going to) kill (?:me|him|her|you|us) if (?:i|he|she|you|we) (?:didn'?t|did not|don'?t|do not|forgot|forget|wasn'?t|was not)\\b",
    // a fear told after the event: "thought I was going to die when I came in"
    "\\b(?:thought|felt like|was convinced|was sure|was scared|was afraid|was worried|feared|honestly thought) (?:that )?(?:i|he|she|they|we|mum|dad|my \\w+) (?:was|were) (?:going|gonna) to die\\b",
    '\\bdrive (?:you|me|anyone|anybody|someone|people|a saint) to (?:suicide|drink|despair|madness|distraction)\\b',
    '\\b(?:nearly |almost )?died (?:laughing|of (?:embarrassment|shame|boredom|laughter))\\b',
    '\\bdrop[- ]?dead\\b',
    '\\bkiller\\b',
    "\\b(?:back|leg|legs|head|knee|knees|hip|hips|feet|foot|neck|stomach|tooth|teeth|wait|waiting|queue|heat|boredom|noise|it|this|that|parking)(?:'s| is| was| were| are)? (?:absolutely |literally |really )?(?:killing|killed) me\\b",
    '\\b(?:working|running|killing|wearing) (?:themselves|themself|herself|himself) (?:into the ground|ragged|to (?:help|death|the bone))\\b',
    '\\bkilling themselves\\b',
    '\\b(?:killing|killed|kill) (?:myself|meself|ourselves|himself|herself|themselves) (?:laughing|with laughter)\\b',
    // hits that are not blows
    '\\bhit (?:the spot|the nail|home|the ground running|it off|and miss|or miss)\\b',
    '\\b(?:it|that|this|reality|the news|it all) (?:really |suddenly |then |just )?hit (?:me|us|him|her)\\b',
    '\\b(?:a )?(?:big|real|massive) hit\\b',
    // falls that are not falls
    '\\bf(?:ell|all|alls|alling|allen) (?:asleep|in love|through|apart|short|pregnant|ill|behind|into place|on deaf ears|for|between (?:the )?(?:cracks|stools)|off (?:the|my|a) (?:list|system|radar|waiting list))\\b',
    '\\bfalls? (?:team|clinic|service|prevention|assessment|risk|sensor|alarm|mat|bracelet|nurse|specialist|practitioner|pathway|sock|socks)\\b',
    '\\bat risk of falls?\\b',
    // pain that is not suffering
    '\\b(?:pain[- ]?free|painless|pain-less|free (?:of|from) pain|growing pains|great pains|took pains|at pains)\\b',
    '\\b(?:no|without (?:any )?|not in (?:any )?|never in (?:any )?)pain(?! ?relief| ?killers| ?medication| ?meds)\\b',
    '\\bpain (?:was|is|were) (?:very |really |so )?(?:well |quickly |promptly |always )?(?:managed|controlled|sorted|dealt with)\\b',
    '\\b(?:a|such a|real|right) pain(?: in the (?:neck|backside|arse|bum|butt))?\\b',
    '\\bagony aunt\\b',
    // attacks and shots that are medical
    '\\b(?:heart|panic|asthma|anxiety|angina|gout|migraine|copd|sickle cell) attacks?\\b',
    '\\b(?:flu|booster|covid|b12|steroid|vitamin) (?:shot|jab)s?\\b',
    '\\b(?:gave it a|long|big|good|worth a|a quick) shot\\b',
    '\\bshot in the arm\\b',
    '\\b(?:stab|shot) in the dark\\b',
    '\\b(?:knife and fork|knives and forks|plastic knife|butter knife|cost (?:me )?a bomb|bath bomb|the bomb)\\b',
    '\\bbeat (?:the (?:queue|traffic|rush|system|odds)|me to it)\\b',
    '\\bheart ?beats?\\b',
    // threats that are not threats
    "\\b(?:i'll|i will|we'll|we will|gonna|going to) (?:smash|kill|nail) (?:it|this|the (?:exam|test|physio|exercises))\\b",
    '\\b(?:kicked|threw|chucked|booted) (?:me|us|him|her|them) out\\b',
    '\\b(?:got|get|getting|was|were|been|being) (?:kicked|thrown|chucked|booted) out\\b',
    '\\bhit (?:me |us )?(?:with )?(?:a|an|the) (?:\\w+ )?(?:bill|charge|fine|fee|cost|price)s?\\b',
    '\\b(?:fighting fit|fight (?:off )?(?:the|an|my|her|his)? ?(?:infection|cancer|virus|bug|illness))\\b',
    '\\bnothing to (?:flag|report|complain about)\\b',
  ].join('|'),
  'g',
);

// ---------------------------------------------------------------------------------------------
// Shared pieces

const PERSON = "(?:me|him|her|them|us|my (?:mum|mom|mam|ma|maw|da|dad|wife|husband|son|daughter|nan|gran|grandad|grandma|mother|father|partner|baby|child|brother|sister|friend)|mum|dad|nan|the patient|a patient|patients|the patients|(?:an?|the|this|that) (?:elderly |old |confused |frail |vulnerable |poor )?(?:man|lady|woman|gentleman|gent|patient|chap|fella))";
const KIN = '(?:mum|mom|mam|dad|wife|husband|son|daughter|nan|nana|gran|granny|grandad|grandpa|grandma|mother|father|partner|baby|child|brother|sister|friend|auntie|uncle)';
/** Medicines patients name when a dose is missed or wrong. */
const MEDICINE =
  "(?:medication|medications|medicine|medicines|meds|tablets|pills|insulin|antibiotics?|inhalers?|doses?|injections?|epilepsy|parkinson'?s|warfarin|heparin|morphine|oramorph|blood thinners?|eye ?drops|patch|patches|steroids|anti-?sickness|painkillers|pain ?killers|pain relief|analgesia)";
/** What patients say when a dose did not reach them. */
const DOSE_FAILED =
  "(?:hasn'?t had|has not had|haven'?t had|have not had|hadn'?t had|had not had|not had|forgot|forgotten|forgetting|missed|skipped|not given|never given|wasn'?t given|weren'?t given|was not given|were not given|didn'?t (?:get|give|receive)|did not (?:get|give|receive)|nobody gave|no one gave|noone gave|(?:nobody|no one|no-one|noone) (?:has |had )?given|never gave|never got|ran out of|run out of|withheld|stopped giving|refused to give)";
const STAFF = '(?:nurse|nurses|carer|carers|staff|hca|hcas|healthcare assistant|support worker|porter|porters|doctor|doctors|sister|midwife|midwives|security guard|security|guard|care worker|care workers)';
const ADMISSION = /\b(?:admitted|came in|come in|brought in|taken in|was in|went in|referred|attended|presented)\b[^.!?]{0,30}\b(?:after|with|for|following|because of|due to)\b/;
const RECOVERED = /\b(?:(?:much |so much )?better (?:place )?now|doing (?:well|better|much better|great|ok|okay|alright|fine)|recovered|in recovery|well now|turned my life around|saved my life|gave me my life back|(?:haven'?t|have not|not|never|no longer) (?:felt|been|thought) like (?:that|this) (?:for|since|in)\b)\b/;
const CARE_OUTSIDE = /\b(?:care home|nursing home|residential home|home carers?|carers? at home|care agency|domiciliary|supported living|(?:other )?residents|housemates?|flatmates?)\b/;
/** Someone outside the service harming a patient: family, neighbours, lodgers (for safeguarding). */
const OUTSIDE_PERSON = /\b(?:uncle|aunt|auntie|nephew|niece|grandson|granddaughter|neighbours?|lodger|boyfriend|girlfriend|stepdad|step-dad|stepmum|(?:her|his|my) (?:son|daughter|brother|sister|partner|husband|wife|ex)|(?:her|his) (?:dad|mum|father|mother))\b/;
const AGO = /\b(?:years?|months?|decades?) ago\b|\b(?:a )?(?:few|couple of|\d+|two|three|four|five|several) (?:years?|months?) back\b|\blast (?:year|winter|summer|spring|autumn)\b|\bin the past\b|\bused to\b|\bin (?:19|20)\d\d\b|\bas a (?:child|teenager|kid)\b/;
const OTHER_PERSON_SUBJECT = /\b(?:patient|patients|man|men|woman|women|lady|bloke|guy|lad|visitor|visitors|relative|drunk|someone|somebody|another|other|person|gentleman|inmate|youth|kid|kids|teenager|partner of|family of)\b/;
const STAFF_NOUNS = 'nurse|nurses|doctor|doctors|dr|staff|carer|carers|hca|hcas|porter|porters|sister|matron|midwife|midwives|security|guard|guards|consultant|surgeon|physio|receptionist|paramedic|paramedics|crew|healthcare assistant|support worker';
/** A member of staff named: "the nurse", "one of the HCAs". */
const STAFF_WORD = new RegExp(`\\b(?:${STAFF_NOUNS})\\b`);
/** The same, or a pronoun that may stand for one. */
const STAFF_SUBJECT = new RegExp(`\\b(?:${STAFF_NOUNS}|they|he|she)\\b`);

// ---------------------------------------------------------------------------------------------
// Rules, most serious first: the first reason that matches is the one reported.

const RULES: Rule[] = [
  // --- self-harm: present or future risk, in the writer or someone they speak for.
  {
    name: 'kill or harm oneself',
    gate: /(?:self|selves)\b/,
    reason: 'self-harm',
    pattern: /\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|poison|poisoning|top|topping|end|ending|starve|starving) (?:myself|meself|my ?self|himself|herself|themselves)\b/,
    negatable: true,
    unless: /\b(?:shaving|by accident|accidentally|on (?:a|the) (?:tin|knife|glass|paper))\b|\basked (?:me |him |her )?(?:if|whether) (?:i|he|she|they) (?:wanted|want|had|have|was|were|felt|had thoughts) (?:\w+ ){0,3}?(?:hurt|harm|kill)|\b(?:haven'?t|havent|hasn'?t|hasnt|not|never|no longer) (?:felt|been feeling|had (?:the )?(?:urge|thoughts?)) (?:like |to |of )?(?:hurt|harm|kill)/,
  },
  {
    name: 'end my life',
    gate: /\b(?:life|end (?:it|things|every)|attempt|tried|trying)/,
    reason: 'self-harm',
    pattern: /\b(?:end|ending|take|taking|took) (?:my|his|her|their) (?:own )?life\b|\bend (?:it all|things|everything)\b|\b(?:tried|trying|attempted|attempt) (?:to )?(?:suicide|kill(?! (?:me|him|her|us|them|you|everyone)\b)|take my)\b/,
    negatable: true,
  },
  {
    name: 'suicidal',
    gate: /\b(?:suicid)/,
    reason: 'self-harm',
    pattern: /\bsuicid(?:e|al)\b(?! (?:prevention|awareness|risk assessment|team|line|helpline|hotline|charity|training|policy|bereavement|support|survivors?|groups?|loss))/,
    negatable: true,
    unless: /\basked (?:me |him |her )?(?:if|whether|about) (?:\w+ ){0,4}suicid|\b(?:no|not|never|nor|denied|deny|without) (?:any )?(?:suicidal|suicide)|\bsuicid\w* (?:thoughts? )?(?:are|is|were|was) (?:gone|behind me|in the past)/,
  },
  {
    name: 'wish to die',
    gate: /\b(?:die\b|dies\b|dead\b|point\b|reason|go on|carry on|live\b|living|alive|be here|wake up|miss me|care if|notice if|better off without|how many|how much|live for|want it)/,
    reason: 'self-harm',
    pattern: /\b(?:want|wants|wanted|wanting|wish|wishes|wishing|going|gonna|ready|plan|plans|planning|tempted|prefer|prefers) (?:to die|i (?:was|were) dead|(?:she|he) (?:was|were) dead|to be dead)\b|\b(?:don'?t|do not|doesn'?t|does not|can'?t) see (?:the|any) point (?:any ?more|any longer|in (?:living|going on|life|carrying on|being here))|\b(?:better off dead|rather be dead|no (?:reason|point) (?:in )?(?:to )?(?:live|living|going on|being here)|can'?t (?:go on|carry on) (?:like this|anymore|any more)|don'?t want to (?:live|be alive|be here any ?more|wake up)|not want to (?:live|be alive|wake up)|(?:nobody|no one|no-one|noone) (?:would|will|'d|'ll|is going to) (?:miss me|care if i (?:was|were|am|'m) (?:gone|dead)|notice if i (?:was|were|am|'m) gone)|(?:everyone|everybody|my family|my kids|the kids|my children|they|people|the world|my (?:baby|babies|husband|wife|partner|son|daughter|kids|children|family)) (?:would|will|'d) be better off without me|(?:got |has |have )?nothing (?:left )?to live for|(?:just )?want it (?:all )?to (?:be over|end)|(?:looking up|looked up|googl(?:ing|ed)|researching|searched|searching|checking|checked) (?:how many|how much) (?:\w+ ){0,2}?(?:paracetamol|tablets|pills|it takes|would kill)|(?:looking up|looked up|googl(?:ing|ed)|researching|searched|searching|checking|checked) (?:how many|how much)\b[^.!?]{0,40}?\b(?:it (?:would )?takes?|to (?:kill|die|overdose)|would kill|is (?:fatal|lethal|deadly))|(?:theyd|they'd|they would|everyone'd|theyll|they'll|they will) (?:all )?be better off without me|(?:would|will|'d|'ll|wd) (?:all )?be better off without me)\b/,
    negatable: true,
  },
  {
    name: 'means or method named',
    gate: /\b(?:tablet|pill|meds|medication|morphine|insulin|painkiller|paracetamol|jump|throw|in front of|step\b|stepping|end it|be here|be alive|be around|thoughts|sea\b|river|water|lake|traffic|canal|loch|dock|clyde|thames|tyne|mersey|wear\b|tees\b|severn|taff\b|bridge|viaduct|railway|tracks|cliff|roof|train\b|bus\b|lorry|balcony|storey|motorway|car park|sorted|ligature|rope|noose|all at once|deeper|properly|next time|cut|harm|burn myself|hurt myself|written|wrote|writing|forever|for ever|for good|wake up|(?:going to|gonna) do it|working out|sorry for everything|goodbye)/,
    reason: 'self-harm',
    pattern: /\b(?:take|taking|swallow|swallowing|took|swallowed) (?:all|every one of|the lot of|a load of|loads of|a bunch of|a handful of|the whole (?:box|packet|bottle) of) (?:of )?(?:my|the|her|his|these|those) (?:tablets|pills|meds|medication|sleeping pills)\b|\b(?:saving|saved|stockpil\w*|hoarding|hoarded) (?:up )?(?:all )?(?:my|the|her|his) (?:tablets|pills|meds|medication|sleeping pills)\b|\b(?:jump|jumping|throw (?:myself|himself|herself)|throwing (?:myself|himself|herself)|step|stepping|walk|walking|lie|lying|run|running) (?:off|in front of|from|under) (?:a |the |that )?(?:bridge|car park|roof|building|train|bus|lorry|cliff|balcony|multi[- ]?storey|motorway)|\b(?:wants?|wanted|going|gonna|trying|tried|threaten(?:s|ing|ed)?|talk(?:s|ing|ed)? about|keeps? saying (?:he|she|they) (?:wants?|will)|will|plan(?:s|ning)?) (?:to )?end it\b|\b(?:i'?ll|ill|i will|i'?m going to|im going to|i'?m gonna|im gonna) (?:just |simply )?end it\b|\b(?:don'?t|do not|didn'?t|doesn'?t) want to be (?:here|alive|around) (?:any ?more|any longer)\b|\bthoughts (?:of|about) (?:suicide|ending (?:it|my life)|killing myself|dying|harming myself)\b|\b(?:go|going|went|walk|walking|drive|driving|get|getting) (?:up )?to (?:the|a) (?:bridge|cliffs?|car park|roof|railway|train tracks|tracks|multi-?storey|viaduct)\b[^.!?]{0,20}?\b(?:and )?(?:jump|end it|throw (?:himself|herself|myself))\b|\b(?:wants?|wanted|going|gonna|gonnae|says?|said|sayin|talks? about|talking about|thinking (?:of|about)|keeps? saying|keeps? sayin) (?:\w+ ){0,3}?(?:to )?(?:walk|walking|swim|swimming) (?:into|intae|out into|out to) (?:the )?(?:sea|river|water|lake|traffic|canal|loch|dock|docks|clyde|thames|tyne|mersey|wear|tees|severn|taff)\b|\b(?:get|getting|save|saving|collect|collecting|gather|gathering) (?:all )?(?:her|his|my) (?:morphine|tablets|pills|meds|medication|insulin) together\b|\b(?:take|taking|swallow) (?:it|them) all at once\b|\b(?:tablets|pills|meds|medication) (?:hidden|stashed|hoarded) (?:in|under|behind)\b|\b(?:plenty of |all |loads of |enough of )?(?:my|her|his) (?:morphine|tablets|pills|meds|medication|insulin|sleeping pills|painkillers) (?:saved|stockpiled|hoarded|stashed)(?: up)?\b|\b(?:saying|said|says|text saying|message saying) sorry for everything\b|\b(?:text|message|note|letter) (?:saying|that said|to say) (?:\w+ ){0,5}?goodbye\b|\b(?:going to|gonna|will|'ll|ll) (?:cut|self[- ]?harm|burn myself|hurt myself)(?: myself)? (?:again|tonight|later)\b|\b(?:looking at|been looking at|keep looking at) the (?:bridge|railway|tracks|river|cliff|cliffs)\b|\b(?:got|have|saved|collected|kept|got together) enough (?:of )?(?:my |me |her |his |the |(?:me|my|her|his) (?:mams?|mums?|dads?|nans?)'?s? )?(?:\w+ )?(?:pills|tablets|meds|medication|morphine|insulin|paracetamol)\b|\bi know (?:how|where|when) (?:i'?m|im|i am) (?:going to|gonna) do it\b|\b(?:written|wrote|writing) (?:the |some |my )?(?:letters|a letter|notes?|goodbye letters?) (?:to|for) (?:my|the|all my) (?:kids|children|family|wife|husband|son|daughter|partner|mum|parents)\b|\b(?:go(?:ing)? to sleep|sleep) (?:forever|for ever|for good|and (?:never|not) wake up)\b|\b(?:been )?cutting (?:myself )?again\b|\bdeeper every time\b|\bworking out how (?:i|to|he|she) (?:would |could |'d |will )?do it\b|\b(?:a |the )?(?:rope|noose|ligature) (?:in|hidden in|tied up in|up in) (?:the |his |her |my )?(?:garage|loft|shed|wardrobe|bedroom|attic|cupboard)\b|\b(?:been|went|gone|go|going) (?:down |up |over )?(?:to )?the (?:bridge|viaduct|railway|cliffs?)\b[^.!?]{0,60}?\b(?:looking (?:at|down at|over at) the (?:water|river|drop|trains?|tracks|sea)|stood there)\b|\b(?:taken|had taken|shed taken|she'd taken|hed taken|he'd taken) (?:a load|loads|a lot|all|a bunch|a handful|the lot|a packet|a box|a bottle) of (?:her|his|my|the) (?:tablets|pills|meds|medication|paracetamol)\b|\bthrow(?:ing)? (?:myself|himself|hisself|herself|meself) (?:down|off|in front of|under|from)\b|\b(?:went|cut|cutting|cuts?) deeper\b|\b(?:finish it|do it|get it right) properly\b|\bnext time (?:he|she|i)(?:'ll| will|ll) (?:finish it|do it|get it right|succeed)\b|\b(?:brought|found|talked|got) (?:him|her|me) (?:back )?(?:down )?off (?:the|a) (?:bridge|roof|ledge|cliff|railway)\b|\bwhere (?:hes|shes|he's|she's|he is|she is|i'?m|im) (?:going to|gonna) do it\b|\b(?:messaged|texted|sent|written|wrote|said) (?:\w+ ){0,3}?goodbye (?:to )?(?:all )?(?:the )?family\b|\bsorted (?:out )?(?:all )?(?:my|his|her) (?:things|affairs|stuff|belongings) so (?:nobody|no one|noone) (?:has|have|will have|needs?) to\b|\b(?:found with|tied|made|making|using|had|with) (?:a )?ligatures?\b|\bligatures? (?:round|around) (?:her|his|my|their) neck\b/,
    negatable: true,
  },
  {
    name: 'putting affairs in order',
    gate: /\b(?:dog|cat|pets?|xbox|playstation|guitar|things|stuff|belongings|goodbyes|letters|stopping|stopped|not taking)\b/,
    reason: 'self-harm',
    // Giving pets away and settling things, or stopping food and medicines "to be with" someone
    // who died: each alone can be ordinary, together they are a warning.
    pattern: /\bgiven? (?:away )?(?:(?:his|her|my|the) \w+ (?:and|n|&) )?(?:his|her|my|the) (?:dog|cat|pets?|xbox|playstation|guitar|things|stuff|belongings)(?: away| to)\b|\bsaid (?:all )?my goodbyes\b|\bletters (?:are|have been|all) written\b|\b(?:stop(?:ping)?|stopped|not taking) (?:all )?(?:his|her|my) (?:tablets|meds|medication|insulin|food|eating)\b|\bstopped (?:eating|drinking)(?: (?:and|n|&) (?:eating|drinking))?(?: on purpose)?\b[^.!?]{0,60}?\bbe with (?:mum|dad|my \w+|her|him|them)\b/,
    negatable: false,
    requires: /\bsorted (?:out )?(?:all )?(?:his|her|my) (?:will|affairs|things|stuff)|\bsaid (?:all )?my goodbyes|\b(?:won'?t|wont|will not) be (?:here|around|alive) (?:by|for|at|much longer|next)|\bbe with (?:mum|dad|my \w+|her|him|them)\b|\bfor the best\b|\b(?:won'?t|wont) be needing\b|\bthanks? (?:you )?for everything\b|\blike (?:it'?s|its) (?:a )?goodbye\b|\b(?:won'?t|wont) be (?:around|here|alive) (?:by then|for (?:it|that|much longer))\b|\bletters (?:are|have been|all) written\b/,
  },
  {
    name: 'gone by the morning',
    gate: /\bbe gone (?:by|before)/,
    reason: 'self-harm',
    pattern: /\b(?:i'?ll|ill|i will|i'?m going to|im going to|(?:he|she)(?:'ll|ll| will)) be gone (?:by|before) (?:the )?(?:morning|tomorrow|tonight|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|then)\b/,
    negatable: false,
    // Alone it can mean a discharge; with despair it is a plan.
    requires: /\bcan'?t (?:do this|go on|cope|take (?:this|it)|carry on)(?: any ?more| any longer)?\b|\b(?:no one|nobody|noone) (?:will|would) (?:miss|care)\b|\bbetter off without\b|\bno point\b/,
  },
  {
    name: 'a time set or not safe with oneself',
    gate: /\b(?:trust (?:myself|meself)|keep (?:myself|meself) safe|take (?:the|a|my) (?:whole|full|entire)|is it\b|(?:up|by|aside) (?:enough|loads|plenty|a stash)|(?:i'?m|im|i am) done|the point)/,
    reason: 'self-harm',
    // "i dont trust myself tonight", "im going to take the whole weeks worth tonight", "ive saved
    // up enough tablets and i think this weekend is it", "theres a bridge on the way and im done".
    pattern: /\b(?:don'?t|dont|do not|can'?t|cant|cannot|no longer) (?:trust (?:myself|meself) (?:tonight|any ?more|alone|on my own|not to|around|with (?:the |my |these |those )?(?:tablets|pills|knives|meds|medication|blades?|razors?|rope|cord))|keep (?:myself|meself) safe)\b|\b(?:i'?m|im|i am|i'?ll|ill|i will|gonna|going to|might|could) (?:just )?take (?:the|a|my) (?:whole|full|entire) (?:week'?s?|month'?s?|fortnight'?s?|box|packet|bottle|lot)(?: worth)?(?: of (?:them|it|my \w+|tablets|pills|meds))? (?:tonight|at once|in one go|all at once|when|once|while|after)\b|\b(?:saved|saving|stockpiled|kept|put) (?:up|by|aside) (?:enough|loads|plenty|a stash)(?: of)? (?:my |me |her |his |the )?(?:\w+ )?(?:tablets|pills|meds|medication|morphine|insulin|paracetamol|painkillers|sleeping pills)\b|\b(?:think|decided|reckon|know|feel|sure) (?:that )?(?:this|next|the) (?:weekend|week|night|friday|saturday|sunday|monday|tuesday|wednesday|thursday) is it\b(?!\s*\?)|\b(?:there'?s|theres|there is) (?:a|the) (?:bridge|railway|river|cliff|viaduct|train line|motorway)\b[^.!?]{0,60}?\b(?:i'?m|im|i am) done\b|\b(?:what'?s|whats|what is) the point (?:of (?:any of )?it (?:all )?)?any ?more\b/,
    negatable: false,
    unless: /\b(?:feedback|survey|surveys|form|forms|complain\w*|parking|appointments?|ringing|asking)\b/,
  },
  {
    name: 'finishing it, with a means or a loss',
    gate: /\bfinish (?:it|myself|things)/,
    reason: 'self-harm',
    pattern: /\b(?:i'?ll|ill|i will|going to|gonna|decided (?:i'?ll|to|that i'?ll)|i'?m going to|im going to) finish (?:it|myself(?: off)?|things)\b(?! (?:off|later|tomorrow morning|at work|by|before|first|for))/,
    negatable: true,
    requires: /\b(?:shotgun|gun|rifle|rope|noose|bridge|railway|nothing (?:there |left )?for me|no point|no reason|(?:wife|husband|partner|son|daughter) (?:passed|died)|since (?:my|her|his) \w+ (?:passed|died)|dreading)\b/,
  },
  {
    name: 'self-harm or overdose',
    gate: /harm|\boverdos/,
    reason: 'self-harm',
    pattern: /\b(?:self[- ]?harm(?:ing|ed)?|overdos(?:e|ed|ing))\b/,
    negatable: true,
    unless: /\b(?:worried|scared|afraid|concerned|panicked|thought) (?:that )?(?:i'?d|id|i had|i|she'?d|he'?d|shed|hed) (?:\w+ ){0,10}?overdos|\bself[- ]?harm(?:ing)? (?:that )?(?:i|she|he|they) used to\b|\bused to self[- ]?harm|\b(?:worried|worry|worrying|scared|afraid|concerned) (?:about|of) (?:an |accidentally )?overdos|\b(?:risk of|accidental|accidentally) (?:an )?overdos|\b(?:self[- ]?harm|overdose) (?:team|service|nurse|clinic|support|group|leaflets?|posters?|booklets?|information|info|workshops?|charit(?:y|ies)|awareness|training)\b|\boverdosed? (?:him|her|me|my|mum|dad|the patient)\b|\b(?:given|gave) (?:\w+ )?(?:an )?overdose\b/,
  },

  // --- safeguarding: a child or vulnerable adult at risk, domestic abuse.
  {
    name: 'domestic abuse disclosed',
    gate: /\b(?:hit\b|hits\b|hitting|beat|batter|knocks|burn|kick|punch|hurt|chok|strangl|threat|control|abus|rape|slap|threw|throws|shov|push)/,
    reason: 'safeguarding',
    pattern: new RegExp(
      "\\b(?:(?:partner|husband|boyfriend|ex|ex-partner|ex-husband|wife|girlfriend|stepdad|step-dad|mum'?s boyfriend|mums boyfriend|mam'?s boyfriend|son|brother|grandson|granddaughter|nephew|uncle|lodger|carer|fella|bloke)(?:'s)? (?:\\w+ ){0,8}?(?:hits|beats|batters|battered|knocks (?:\\w+ )?about|burns|burnt|burned|kicks|punches|hurts|chokes|strangles|strangled|threatens|controls|abuses|rapes|raped|slaps|has been hitting|has been hurting|keeps hitting|beat|hit|kicked|punched|slapped|choked|(?:threw|throws|has thrown|chucked) (?:\\w+ ){1,3}?at|shoved) (?:me|us|him|her|the kids|the children|my (?:son|daughter|kids|children|baby|mum|dad)|my mother|my father)|(?:he|she) (?:\\w+ ){0,2}?(?:hits|beats|batters|battered|knocks (?:\\w+ )?about|burns|burnt|burned|kicks|punches|hurts|chokes|strangles|strangled|threatens|controls|abuses|rapes|raped|slaps|has been hitting|has been hurting|keeps hitting|beat|hit|kicked|punched|slapped|choked|(?:threw|throws|has thrown|chucked) (?:\\w+ ){1,3}?at|shoved) (?:me|us|the kids|the children|my (?:son|daughter|kids|children|baby|mum|dad)|my mother|my father))\\b(?! (?:on|in) the (?:arm|leg|head|back)| (?:head|arm|leg|back|knee|foot|hand|face)\\b)",
    ),
    negatable: true,
    unless: /\b(?:used to|years ago|long behind me|in the past|when i was (?:a )?(?:child|kid|young|little))\b/,
  },
  {
    name: 'afraid to go home',
    gate: /\b(?:scared|afraid|frighten|terrif|safe|domestic)/,
    reason: 'safeguarding',
    pattern: /\b(?:scared|afraid|frightened|terrified|not safe|unsafe|don'?t feel safe|do not feel safe) (?:to go |of going |going |at )?(?:back )?home\b|\b(?:scared|afraid|frightened|terrified) of (?:my|her|his) (?:partner|husband|boyfriend|ex|dad|father|stepdad|son|carer)\b|(?<!(?:went through|been through|experienced|suffered|survived|survivor of|history of|escaped) )\bdomestic (?:abuse|violence)\b(?! (?:nurse|advis[eo]r|team|service|workers?|support|lead|practitioner|idva|champion|survivor|history|in the past|drop[- ]in|clinic|groups?|posters?|cards?|leaflets?|signs?|information|info|helplines?|charit(?:y|ies)|awareness|hotlines?|numbers?|training|questions?|screening))/,
    negatable: true,
  },
  {
    name: 'coercive control or a child taken',
    gate: /\b(?:let\b|control|passport|all (?:her|his|my) (?:money|benefits|wages|pension)|(?:scared|afraid|frightened|terrified) (?:of )?what|answers for|papers\b|documents\b|took (?:her|his|my) phone|send (?:him|her|them)|checks? my (?:phone|messages)|(?:ring|call|phone|text|write to) (?:me at )?(?:my )?home)/,
    reason: 'safeguarding',
    pattern: /\b(?:won'?t|doesn'?t|does not|will not|wouldn'?t|didn'?t) let me (?:speak|talk|see|go out|leave|have (?:my|a) (?:phone|money|own)|be seen alone|come (?:to|on my own|alone)|go (?:in )?(?:to|anywhere|on my own|alone)|attend|out of (?:his|her|their) sight)\b|\b(?:he|she|partner|husband|boyfriend|wife|girlfriend) (?:\w+ ){0,2}?checks? my (?:phone|messages|texts)\b|\btook (?:her|his|my) phone (?:off|away from) (?:her|him|me)\b|\b(?:take|takes|took|taken|has|have|keep|keeps|kept|hides|hid|hide) (?:her|his|my) (?:passport|papers|documents)\b|\b(?:not|never|won'?t|doesn'?t|does not|will not|wont) let (?:her|him|me) (?:go out|leave the house|out of the house|see (?:anyone|her family|his family|friends|her friends))\b|\b(?:husband|partner|boyfriend|wife|girlfriend|he|she) (?:\w+ ){0,2}?(?:takes|took|has) all (?:her|his|my) (?:money|benefits|wages|pension)\b|\b(?:scared|afraid|frightened|terrified) (?:of )?what (?:he|she)(?:'ll| will|ll|'d| would|d) do\b|\banswers for (?:her|him|me) at (?:every|all|each)\b|\b(?:please |pls |plz )?(?:don'?t|dont|do not) (?:let|send) (?:him|her|them) (?:take|have|pick up|collect|near) (?:her|him|them|the (?:baby|kids|children))\b|\b(?:please |pls |plz )?(?:don'?t|dont|do not) (?:let|send) (?:her|him|them) (?:go )?(?:home )?(?:with|back to) (?:her|his|their) (?:mum|dad|mother|father|parents|mam|stepdad|step-dad)\b|\b(?:please )?(?:don'?t|do not|never) (?:ring|call|phone|text|write to|send (?:anything|letters?) to) (?:me at |my )?(?:home|house|landline|home number|home phone)\b|\bcontrols (?:me|everything|my (?:money|phone|life|medication))\b|\b(?:let|allowed) (?:him|her|them|a stranger|the ex|my ex|his dad|her dad) (?:\w+ ){0,2}?take (?:the|my|our|her|his) (?:baby|child|son|daughter|kids|children)\b/,
    negatable: true,
  },
  {
    name: 'burnt on purpose, worked unpaid, or watched and held',
    gate: /\b(?:held|holds|holding|pressed|pushed|no pay|not paid|never paid|unpaid|without pay|for no money|for nothing|bank ?card|number on|mobile on)/,
    reason: 'safeguarding',
    // "he told me his dad held it on the cooker", "i work in his car wash every day, no pay" (with
    // a passport or money kept), "he has my phone and my bank card", "don't ring the number on my
    // file it's his".
    pattern: /\b(?:held|holds|holding|pressed|pushed) (?:it|his hand|her hand|his arm|her arm|his fingers|her fingers|my hand|my arm) (?:on|against|over|under|onto) (?:the |a )?(?:cooker|hob|fire|iron|radiator|kettle|hot tap|oven|heater|stove)\b|\b(?:work|works|working|worked) (?:\w+ ){0,3}?(?:for (?:him|her|them)|in (?:his|her|their) \w+(?: \w+)?)\b[^.!?]{0,40}?\b(?:no pay|not paid|never paid|for no money|without pay|for nothing)\b|\b(?:he|she|him|her) (?:has|have|keeps?|took|takes) my (?:phone|money|keys) and my bank ?card\b|\b(?:has|have|keeps?|took|takes) my bank ?card and my (?:phone|money|keys)\b|\b(?:don'?t|dont|do not|never) (?:ring|call|phone|text) (?:the|my) (?:number|phone number|mobile) on (?:my|the|her|his) (?:file|records?|notes|system)\b/,
    negatable: false,
  },
  {
    name: 'a child looking after themselves, or with a much older man',
    gate: /\b(?:on (?:our|us) own|by ourselves|home alone|alone|1[0-5]|twelve|thirteen|fourteen|fifteen)\b/,
    reason: 'safeguarding',
    pattern: /\b(?:me and my (?:little |baby |younger )?(?:brother|sister|brothers|sisters)|my (?:little |baby |younger )?(?:brother|sister) and me|the (?:kids|children|little ones))\b[^.!?]{0,25}?\b(?:are|r|have been|been|were|was|left) (?:still )?(?:on our own|home alone|by ourselves|alone|on us own)\b|\b(?:is|she'?s|shes|she is) (?:only |just )?(?:1[0-5]|twelve|thirteen|fourteen|fifteen)\b[^.!?]{0,80}?\b(?:fella|man|bloke|boyfriend|guy)(?:'s|s| is)? (?:over |nearly |about |well over |in his )?(?:[2-9]\d|twenties|thirties|forties|fifties)\b/,
    negatable: true,
    // The children are under age, said anywhere in the comment.
    requires: /\b(?:i'?m|im|i am|(?:he|she)'?s|aged?|is) (?:only |just )?(?:[1-9]|1[0-5]|twelve|thirteen|fourteen|fifteen)\b|\((?:[1-9]|1[0-5])\)/,
  },
  {
    name: 'unexplained injuries',
    gate: /\b(?:bruis|injur|marks\b|cuts\b|burns|black eye|fracture|skin tear)/,
    reason: 'safeguarding',
    pattern: /\bunexplained (?:bruises|bruising|injuries|injury|marks|fractures?|burns)\b|\b(?:bruises|bruising|injuries|marks|cuts|burns|a black eye|a fracture|skin tears?)\b[^.!?]{0,60}\b(?:nobody|no one|no-one|noone|couldn'?t|could not|can'?t|cannot|didn'?t|did not|wouldn'?t|would not) (?:\w+ ){0,2}?(?:explain|say how|tell (?:us|me) how|know how|account for)/,
    negatable: false,
  },
  {
    name: 'carers at home not caring',
    gate: /\b(?:carer|care worker|care home|care agency)/,
    reason: 'safeguarding',
    pattern: /\b(?:carers?|care workers?|care home|care agency|home carers?)\b(?:[^.!?]{0,30}?)\b(?:are|is|were|was|have|has)? ?(?:not|aren'?t|isn'?t|weren'?t|wasn'?t|never|don'?t|doesn'?t|haven'?t|hasn'?t) (?:been )?(?:feeding|washing|changing|turning|giving (?:her|him) (?:food|water|meds|medication|tablets)|coming|turning up|looking after|caring for|checking on)\b/,
    negatable: false,
  },
  {
    name: 'child alone',
    gate: /\b(?:alone|own|unsupervised|unattended)\b|sel(?:f|ves)\b/,
    reason: 'safeguarding',
    pattern: /\b(?:(?:[1-9]|1[0-2])[ -](?:year|yr)[ -]old|child|toddler|baby|little (?:boy|girl|one)|wee (?:lassie|lass|laddie|lad|one|girl|boy)|wean|bairn|kids?|children)\b[^.!?]{0,50}?\b(?:left|sent|put|made to wait|waiting|wait|told to wait|locked) (?:\w+ ){0,5}?(?:on (?:his|her|their|there) own|alone|by (?:him|her|them)sel(?:f|ves)|unsupervised|unattended)\b/,
    negatable: true,
  },
  {
    name: 'someone who comes into a child\'s room at night',
    gate: /\b(?:comes|came|coming) (?:in|into)/,
    reason: 'safeguarding',
    pattern: /\b(?:stepdad|step-dad|step dad|uncle|mums boyfriend|mum'?s boyfriend|mams boyfriend|mam'?s boyfriend|dad|grandad|brother|cousin|lodger)\b (?:who |that )?(?:\w+ )?(?:comes|came|keeps coming|kept coming) (?:in|into) (?:my|her|his) (?:room|bedroom|bed) at night\b/,
    negatable: true,
  },
  {
    name: 'young child alone',
    gate: /\b(?:own\b|alone|by (?:him|her)self)/,
    reason: 'safeguarding',
    pattern: /\b(?:he|she)(?:'s|s| is) (?:only )?(?:[1-9]|1[0-2])\b[^.!?]{0,30}?\b(?:been |left )?(?:on (?:his|her) own|alone|by (?:him|her)self) (?:in the (?:flat|house)|at home|since|for|all)\b/,
    negatable: true,
  },
  {
    name: 'sexual abuse disclosed',
    gate: /\b(?:touching|abus|molest|groom)/,
    reason: 'safeguarding',
    pattern: /\b(?:has been|have been|had been|keeps|kept|was|were|is|been) touching (?:her|him|me|my (?:daughter|son|child|girlfriend|sister))\b(?! (?:arm|hand|hands|shoulder|head|hair|back|gently|kindly|reassuringly))|\b(?:abused|abusing|molesting|molested|groomed|grooming) (?:her|him|me|my (?:daughter|son|child|sister|brother))\b/,
    negatable: true,
  },
  {
    name: 'vulnerable person alone or out at night',
    gate: /\b(?:dementia|alzheimer|confused|learning disab|walk|lives\b|frail|toddler|little\b|year[ -]old|yr[ -]old)/,
    reason: 'safeguarding',
    // A vulnerable person and a risk in the same sentence: "my nan who lives alone and can't walk
    // was discharged at 11pm", "our toddler wandering in the corridor on her own".
    pattern: /\b(?:dementia|alzheimer'?s|confused|learning disabilit(?:y|ies)|can'?t walk|cannot walk|lives (?:on (?:her|his) own|alone)|frail|toddler|little (?:boy|girl|one)|(?:[1-9]|1[0-2])[ -](?:year|yr)[ -]old)\b[^.!?]{0,90}?\b(?:(?:wandering|wandered|roaming)\b[^.!?]{0,40}?\b(?:on (?:her|his|their) own|alone|unsupervised|no staff|nobody)|(?:discharged|sent home|sent out|let (?:her|him) go)\b[^.!?]{0,60}?\b(?:at (?:(?:9|10|11|12)(?::\d\d)? ?pm|[1-5](?::\d\d)? ?am|midnight|night)|with no (?:care|carer|support|one|way)|without (?:any )?(?:care|support|carers?)))/,
    negatable: true,
  },
  {
    name: 'vulnerable person discharged at night or without care',
    gate: /\b(?:discharg|sent\b)/,
    reason: 'safeguarding',
    // Any order within one sentence: "discharged my nan, who lives alone and can't walk, at 11pm".
    pattern: /(?:^|[.!?]\s*)(?=[^.!?]*\b(?:discharged|sent home|sent out|sent away)\b)(?=[^.!?]*\b(?:dementia|alzheimer'?s|confused|learning disabilit(?:y|ies)|can'?t walk|cannot walk|unable to walk|lives (?:on (?:her|his) own|alone)|frail|blind|(?:[7-9]\d|1[01]\d)[ -]year[ -]old)\b)(?=[^.!?]*\b(?:at (?:(?:9|10|11|12)(?::\d\d)? ?pm|[1-5](?::\d\d)? ?am|midnight|night)|in the middle of the night|with no (?:care|carers?|support|one at home|way)|without (?:any )?(?:care|support|carers?))\b)[^.!?]+/,
    negatable: false,
  },
  {
    name: 'child left or lost',
    gate: /\b(?:alone|unattended|own\b|unsupervised|stranger|wander|missing|got out|lost)/,
    reason: 'safeguarding',
    pattern: /\b(?:child|baby|babies|toddler|kid|son|daughter|boy|girl|children|kids|newborn|grandson|granddaughter|year old)(?:'s)? (?:\w+ ){0,3}?(?:left (?:alone|unattended|on (?:his|her|their) own|unsupervised|with (?:a )?stranger)|wandered (?:off|out)|went missing|got out of the (?:ward|unit|building)|was lost|were lost)\b/,
    negatable: true,
  },
  {
    name: 'marks on a child',
    gate: /\b(?:bruis|burn|marks\b|injur|hit\b|hits\b|hitting|abused|beaten|hurt|neglect|get it when|did it|did this|did that|pushes|shoves|knocks|locks|locked|flinch)/,
    reason: 'safeguarding',
    pattern: /\b(?:(?:son|daughter|husband|partner|boyfriend|wife|he|she) (?:\w+ ){0,2}?(?:pushes|shoves|knocks) (?:her|him|me) (?:about|around)|(?:son|daughter|husband|partner|boyfriend|wife|he|she) (?:\w+ ){0,2}?locks (?:her|him|me) (?:in|out)(?: of)? (?:her|his|my|the) (?:room|bedroom|house|flat)|burn(?:s|t|ed)? (?:her|him|me) with (?:a |his |her |their )?(?:cigarettes?|fags?|lighter|iron)|flinch(?:ed|es|ing)? (?:every time|whenever|when) (?:(?:his|her|their) (?:dad|da|mum|mam|father|mother|stepdad|parent)\b|(?:he|she|they) (?:moved|came|got|went|reached|lifted))[^.!?]{0,20}?|(?:old|yellow|old yellow|yellowing|old and new) bruises|locks (?:her|him|me|them) (?:in|out)(?: of)? (?:her|his|my|their|the) (?:room|bedroom|house|flat)|keeps? (?:him|her|them|me) locked (?:in|up))\b|\b(?:little (?:girl|boy|one|lad|lass)|child|baby|toddler|kid|girl|boy|lad|daughter|son)\b[^.!?]{0,60}?\b(?:bruises|bruising|burns|marks) (?:all )?(?:over|on|up|down) (?:her|his|their)\b|\b(?:she|he|you|they)(?:'d|'ll|d|ll| would| will) get it when (?:they|we|you|she|he) (?:get|got|gets) home\b|\b(?:said|says|told (?:me|us|the nurse|staff)) (?:that )?(?:mummy|daddy|her mum|his mum|her dad|his dad|mam|mum|dad|her step-?dad|his step-?dad|nanny|mummy's boyfriend) (?:did (?:it|this|that)|hit (?:her|him)|hurt (?:her|him)|burnt (?:her|him)|burned (?:her|him))\b|\bbruises in places (?:she|he|they) (?:won'?t|wont|will not|doesn'?t want to) show\b|\b(?:bruises|bruising|burns|marks|injuries) on (?:my|the|her|his|our) (?:baby|child|son|daughter|little|toddler|grandson|granddaughter)|\b(?:baby|child|toddler)(?:'s)? (?:bruises|bruising|injuries|burns)\b|\b(?:child|baby|kid|kids|children) (?:is|are|was|were) (?:being )?(?:hit|abused|beaten|hurt|neglected) (?:at home|by)\b/,
    negatable: true,
  },
  {
    name: 'child sent away unaccompanied',
    gate: /\b(?:discharg|sent\b|let go|told to go)/,
    reason: 'safeguarding',
    pattern: /\b(?:discharged|sent home|sent away|let go home|told to go home) (?:my |our |a |the )?(?:\d{1,2}[ -]year[ -]old|child|baby|teenager|son|daughter|girl|boy) (?:alone|on (?:his|her|their) own|by (?:him|her)self|without (?:a |an |any )?(?:adult|parent|guardian))\b/,
    negatable: false,
  },
  {
    name: 'vulnerable adult let out or lost',
    gate: /\b(?:dementia|alzheimer|confused|learning|autistic|blind|frail|vulnerable|elderly|year[ -]old|80s|90s|eighties|nineties)/,
    reason: 'safeguarding',
    pattern: /\b(?:dementia|alzheimer'?s|confused|learning disabilit(?:y|ies)|autistic|blind|frail|vulnerable|elderly|(?:[6-9]\d|1[01]\d)[ -]year[ -]old|in (?:his|her) (?:80s|90s|eighties|nineties))\b[^.!?]{0,90}?\b(?:wandered (?:off|out)|walked out|went missing|left the (?:ward|hospital|building|unit)|was let out|got out|let (?:her|him|them) (?:go|wander|walk|leave)(?: out| off| outside| home)?[^.!?]{0,40}?(?:on (?:her|his|their) own|alone|at night|unsupervised)|found (?:outside|in the car park|on the street|wandering|miles|by (?:the )?police)|wandering (?:around|about|outside|off|the streets|the corridors|in the car park)|no ?one knew where|nobody knew where|discharged (?:alone|at night|in the middle of the night|at (?:[1-5](?::\d\d)? ?am|midnight)|with no (?:way|one|carer|support|care|heating|food)|without (?:a |any )?(?:care package|carers?|support|coat|shoes|anyone)|home alone|in (?:a|his|her) (?:nightie|nightdress|gown|pyjamas))|sent home (?:alone|at night|in the middle of the night|at (?:[1-5](?::\d\d)? ?am|midnight)|in a taxi (?:at|alone)|with no))/,
    negatable: false,
  },
  {
    name: 'vulnerable adult sent home at night (reverse order)',
    gate: /\b(?:discharg|sent\b)/,
    reason: 'safeguarding',
    pattern: /\b(?:discharged|sent home|sent out)\b[^.!?]{0,40}?\b(?:at (?:[1-5](?::\d\d)? ?am|midnight)|in the middle of the night|alone at night)\b[^.!?]{0,80}?\b(?:dementia|alzheimer'?s|confused|frail|blind|(?:[7-9]\d|1[01]\d)|learning disabilit(?:y|ies)|lives alone|no one at home|nobody at home)\b/,
    negatable: false,
  },
  {
    name: 'vulnerable adult exploited',
    gate: /\b(?:money|benefits|pension|bank ?cards?|cards|savings|giro|account|cash ?point|men|blokes|lads|girls|sign|sent|given|transferred|paid|lent|in and out|coming and going)/,
    reason: 'safeguarding',
    // Money or sex taken from someone who cannot protect themselves; the vulnerability may be
    // told in another sentence ("… over £4000 has gone out of her account. She has dementia").
    pattern: /\b(?:(?:taking|take|took|takes|stealing|stole|steals|using|spending|spends?|had|has|keeps|keep|kept) (?:all )?(?:his|her|their) (?:money|benefits?(?: money)?|pension|bank ?cards?|cards|savings|giro)|(?:£?\d[\d,]*|money|hundreds|thousands) (?:has |have )?(?:gone|been taken) (?:out )?(?:of|from) (?:his|her|their) (?:account|bank)|making (?:him|her|them) (?:go to the cash ?point|withdraw|take out money|hand over|give them)|brings? (?:different |other )?(?:men|blokes|lads) (?:round|over|back)|takes? money off (?:them|men|people)|making (?:him|her|them) do sexual|(?:men|lads|blokes) (?:in and out|coming and going) (?:of )?(?:her|his|their) (?:flat|house|room|place)|brought (?:\w+ ){0,3}?by different (?:men|blokes|lads)|gets? (?:him|her|them) to bring (?:girls|women|men|lads) (?:round|over|back)|got (?:him|her|them) to sign (?:\w+ ){0,2}?(?:house|home|money|savings|will|bank|flat)|sign (?:his|her|their) (?:house|home|flat|savings) over|(?:sent|given|transferred|paid|lent) (?:him|her|them) (?:nearly |over |about |almost )?(?:£\d[\d,]*|\d[\d,]* (?:grand|pounds|quid)|thousands|hundreds|all (?:her|his|their) savings))\b/,
    negatable: true,
    requires: /\b(?:learning disabilit(?:y|ies)|dementia|alzheimer'?s|vulnerable|autis(?:m|tic)|confused|frail|had a stroke|since the stroke|(?:[89]\d)(?: years? old)?|in (?:his|her) (?:80s|90s|eighties|nineties))\b/,
  },
  {
    name: 'vulnerable adult taken home and given things',
    gate: /\bback to (?:his|their|a)\b|\b(?:giving|gives|gave|buying|buys|bought) (?:her|him) /,
    reason: 'safeguarding',
    // "a man from the flats keeps taking her back to his place and giving her money and phone
    // credit after" (she has a learning disability): grooming of an adult who cannot protect herself.
    pattern: /\b(?:taking|takes|took|taken|bringing|brings) (?:her|him) back to (?:his|their|a) (?:place|flat|house|room|car)\b|\b(?:giving|gives|gave|buying|buys|bought) (?:her|him) (?:money|cash|phone credit|credit|presents|gifts|drink|alcohol|cigarettes|fags|drugs)(?: and (?:money|cash|phone credit|credit|presents|gifts|drink|alcohol|cigarettes|fags|drugs))? (?:after|afterwards|for it|in return)\b/,
    negatable: true,
    requires: /\b(?:learning disabilit(?:y|ies)|dementia|alzheimer'?s|vulnerable|autis(?:m|tic)|supported living)\b/,
  },
  {
    name: 'young girl with a much older man',
    gate: /\b(?:1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen|online|missing|different)\b/,
    reason: 'safeguarding',
    pattern: /\b(?:can'?t|cannot|couldn'?t) (?:be|have been) (?:more than|older than|over) (?:1[0-6]|twelve|thirteen|fourteen|fifteen|sixteen)\b[^.!?]{0,80}?\b(?:man|bloke|boyfriend|fella|guy)\b[^.!?]{0,40}?\b(?:older|old enough to be)\b|\b(?:1[0-6]|twelve|thirteen|fourteen|fifteen|sixteen)[ -](?:year|yr)[ -]old\b[^.!?]{0,80}?\b(?:(?:[2-9]\d|twenty|thirty|forty|fifty)(?: odd|ish|-odd|\+)?[ -](?:year|yr)[ -]old (?:man|bloke|fella|guy|boyfriend)|(?:man|bloke|fella|guy) (?:she|he) met online|(?:man|bloke|fella|guy) in (?:his|their) (?:[2-9]0s|twenties|thirties|forties|fifties))\b|\b(?:must be|can'?t be more than|only|about|barely) (?:1[0-5]|twelve|thirteen|fourteen|fifteen)(?: or (?:1[0-6]|thirteen|fourteen|fifteen|sixteen))?\b[^.!?]{0,80}?\b(?:older|grown) (?:man|bloke|fella|guy)\b|\b(?:is|she'?s|he'?s|shes|hes|aged|only) (?:only )?(?:1[0-6])\b[^.!?]{0,80}?\b(?:[2-9]\d|thirty|forty|fifty)(?: odd|ish|-odd|\+)?[ -](?:year|yr)[ -]old (?:man|bloke|fella|guy|boyfriend)\b|\b(?:a different|different) (?:older )?(?:man|men|bloke|blokes|adult|adults) (?:every time|each time)\b|\bmet online\b[^.!?]{0,40}?\b(?:giving|gives|gave|buying|buys|bought) (?:him|her) (?:drugs|money|presents|gifts|alcohol|a phone|vapes|weed)\b|\b(?:son|daughter|child|kid|boy|girl|(?:1[0-7]|[5-9])[ -](?:year|yr)[ -]old)\b[^.!?]{0,80}?\b(?:going|goes|gone|went|keeps going) missing for (?:days|nights|\d+ days|hours|the night)\b/,
    negatable: false,
  },
  {
    name: 'children with a parent who cannot care for them',
    gate: /\b(?:off (?:her|his|their) face|on drugs|drunk|high\b|no food|no beds?)/,
    reason: 'safeguarding',
    pattern: /\b(?:mum|mam|dad|she|he|my sister|my brother|her mum|his mum|her dad|his dad|their mum|their dad|parents?)(?:'s|s| is| are)? (?:\w+ ){0,3}?(?:off (?:her|his|their) face|on drugs|always drunk|drunk (?:all the time|every day|most days)|high (?:all the time|most days|every day))\b|\bno (?:food|beds?|heating|electric|nappies)\b[^.!?]{0,40}?\bfor (?:the|my|her|his) (?:\w+ )?(?:kids|children|baby|babies|little ones)\b/,
    negatable: false,
    requires: /\b(?:kids|children|baby|babies|toddler|little ones?|(?:[1-9]|1[0-7])[ -](?:year|yr)[ -]olds?|theyre \d|they're \d|(?:he|she)(?:'s|s| is) (?:only )?\d{1,2})\b/,
  },
  {
    name: 'carer exploiting a vulnerable adult',
    gate: /\b(?:steal|stole|take|taking|taken|took)/,
    reason: 'safeguarding',
    pattern: /\b(?:carer|carers|neighbour|son|daughter|nephew|grandson|granddaughter|lodger)s? (?:\w+ ){0,4}?(?:steals?|stole|has been stealing|is stealing|takes? (?:her|his) (?:money|pension|cards?)|has been taking (?:her|his) (?:money|pension|cards?))\b/,
    negatable: true,
  },

  // --- violence or threat of it.
  {
    name: 'threat by the writer',
    gate: /\b(?:kill|stab|shoot|batter|punch|smash|burn|bomb|blow\b|do (?:him|her|them|you|someone) in|knock|hurt)/,
    reason: 'violence-threat',
    pattern: /\b(?:(?:i|we|my (?:son|husband|brother|family|partner|dad|boys|sons|brothers))(?:'ll| will| am going to| are going to| is going to|'m going to|'re going to| gonna|'m gonna| swear i'll| shall| won't be responsible for what i(?:'ll)?(?: do)?)|im going to|im gonna|ima|ill) (?:come (?:back|down|up|round|in|over)(?: (?:there|here))?(?: (?:tomorrow|tonight|later|next time|on \w+day))? (?:and|to) )?(?:kill|stab|shoot|batter|punch|smash (?:the place|the ward|someone|somebody|their|his|her|your|you|it up|(?:this|that|the) (?:place|ward|department|surgery|hospital|building|reception|office)(?: up)?)|burn (?:the place|it|you|(?:the|that|this|your) \w+) (?:down|to the ground)|smash (?:\w+ ){0,2}?(?:face|head|teeth|skull)(?: in)?|bomb|blow (?:the place|it|you) up|do (?:him|her|them|you|someone) in|knock (?:his|her|their|your|someone's) (?:head|block|teeth) (?:off|in|out)|hurt (?:him|her|them|you|someone|somebody|a nurse|the nurse|staff|the doctor))\b/,
    // Negation before the subject belongs to another clause ("if mum is not seen I will …").
    negatable: false,
  },
  {
    name: 'a bone broken or a weapon brought',
    gate: /\b(?:break|snap|smash|warned|bringing something|bring something)/,
    reason: 'violence-threat',
    // "i will break his jaw. consider urself warned", "next time i come in im bringing something
    // and it wont be a form".
    pattern: /\b(?:i'?ll|ill|i will|i'?m going to|im going to|i'?m gonna|im gonna|we'?ll|we will|my (?:son|husband|brother|boys|lads)(?:'ll| will)) (?:\w+ )?(?:break|snap|smash) (?:his|her|your|ur|their|the \w+'?s?) (?:\w+ )?(?:jaw|neck|legs?|arms?|nose|face|fingers|teeth|ribs|skull|head)\b|\bconsider (?:yourself|urself|yourselves|yourselfs|yerself) warned\b|\b(?:i'?m|im|i am|i'?ll be|ill be|i will be) (?:bringing|bring) something\b[^.!?]{0,40}?\b(?:it (?:won'?t|wont|will not|aint|isn'?t) be|you'?ll see)\b/,
    negatable: false,
  },
  {
    name: 'threatening words',
    gate: /\b(?:backs?\b|know where|know what|know when|hurt|kill|pay\b|sorry\b|knife|gun\b|guns\b|weapon|blade|machete|bat\b|hammer|coming to|coming for|see it coming|need (?:a bed|an ambulance|a doctor|surgery|stitches|a hospital|the hospital|a&e)|be waiting|regret|warning|what hit|what happens|smashing|battering|stabbing|burning|(?:my|the|me) (?:brothers|boys|lads|sons|mates|family|cousins)|brave|burn|put (?:her|him|you|them|u) through|find (?:that|the|you|him|her))/,
    reason: 'violence-threat',
    pattern: /\b(?:(?:watch|mind) (?:your|their|his|her) backs?|i know (?:where|what car|what time|which car|when) (?:you|she|he|they|(?:the |that |your )?\w+) (?:lives?|drives?|finish(?:es)?|parks?|leaves?)|see how brave (?:he|she|you|they|u) (?:is|are|feels?) (?:in|outside|when|at)|burn (?:\w+ ){0,2}?(?:down|to the ground) with (?:you|them|everyone|all)|put (?:her|him|you|them|u) through (?:the|a) (?:glass|window|screen|wall|door)|(?:^|\b(?:i|we) )know where (?:you|u|ya|(?:the|that|your|ur) \w+) (?:lives?|live|park|parks|sleeps?)|(?:come|coming|go|going) (?:down|up|round|back|over)(?: there| here)? (?:and|to) find (?:you|him|her|them|that \w+|the \w+)|(?:get|gets|getting) what'?s coming to (?:her|him|them|you)|(?:i'?m|im|we'?re|were|i am|we are) coming for (?:you|them|him|her|the \w+|that \w+)|(?:you|they|he|she|u) (?:won'?t|wont|will not) see it coming|(?:you|u|ya|they|he|she)(?:'ll|ll| will) need (?:a bed|an ambulance|a doctor|surgery|stitches|a hospital|the hospital|a&e)|(?:i'?ll|ill|i will|we'?ll|we will) be waiting (?:for (?:her|him|you|them) )?(?:in|at|outside) (?:the )?(?:car ?park|outside|gate|exit|staff entrance|bus stop)|(?:he|she|they|you) will regret (?:this|it)|(?:you|u|they|ya) (?:lot )?(?:won'?t|wont|will not) know what hit (?:you|u|them|em|ya)|(?:keep|do (?:that|it) again|try (?:that|it) again|refuse (?:me )?again|keep refusing)\b[^.!?]{0,40}?\band see what happens|(?:i'?m|im|we'?re) (?:smashing (?:the place|this place|it|the \w+) up|battering|stabbing|burning (?:the place|it) down)|consider (?:that|this|it) (?:a|your|my) (?:\w+ )?warning|(?:someone|somebody)(?:'s|s| is)? (?:getting|gonna get|going to get) (?:hurt|killed|battered|smacked|a slap)|(?:someone|somebody|a nurse|staff|people|one of you) (?:is|are|will|is going to|are going to) (?:get|be) (?:hurt|killed)|(?:someone|somebody) (?:will|is going to) pay|you(?:'ll| will) be sorry|(?:have|had|got|carrying|carried|pulled|brandishing|waving) an? (?:knife|gun|weapon|blade|machete)|(?:i|we)(?:'ll| will|'m going to| am going to|m gonna| gonna|ll) (?:\w+ ){0,2}?(?:bring|carry|come back with|come in with) (?:a|my|the) (?:knife|gun|blade|machete|bat|hammer|weapon)|(?:bringing|bring|coming (?:in|down|back|up) with|(?:be|come|coming) back(?: \w+)? with) (?:my|the|me) (?:brothers|boys|lads|sons|mates|family|cousins)\b[^.!?]{0,40}?\b(?:sort (?:it|this|you|them|things|him|her) (?:out )?(?:properly|ourselves)|deal with (?:it|you|them|this) (?:ourselves|properly)))\b/,
    negatable: true,
  },
  {
    name: 'came at someone with a weapon',
    gate: /\b(?:had a go|came at|went for|lunged|swung|waved)/,
    reason: 'violence-threat',
    pattern: /\b(?:had a go at|came at|went for|lunged at|swung (?:a|his|her|their|the) \w+ at|waved (?:a|his|her|their|the) \w+ at) (?:me|us|him|her|a nurse|the nurse|the nurses|staff|the staff|a doctor|the doctor|another patient|my \w+)(?: with (?:a|his|her|their|the) \w+(?: \w+)?)?\b/,
    negatable: true,
    unless: /\bwent for (?:me|us|him|her) (?:to|when|as)\b|\bhad a go at (?:me|us) (?:for|about|because)\b/,
  },
  {
    name: 'violence with a weapon or threatened by someone',
    gate: /\b(?:threat|attack|hitting|waving|swinging|swung|waved|brandish|came at|went for|lashing|kill|stab|knife|glass|hurt|batter|punch|shoot|smash|beat up|do in)/,
    reason: 'violence-threat',
    pattern: /\b(?:(?<!life[- ])threatening|attacking|attacked|threatened|hitting|waving|swinging|came at|went for|lashing out)\b[^.!?]{0,40}?\bwith (?:a|an|the|his|her|their) (?:broken )?(?:knife|bottle|glass|blade|gun|weapon|syringe|needle|hammer|screwdriver|bat|stick|chair|drip stand)\b|\b(?:swinging|swung|waving|waved|brandishing) (?:a|an|the|his|her|their) (?:broken )?(?:knife|bottle|glass|blade|gun|weapon|syringe|needle|hammer|screwdriver|bat|stick|chair|drip stand) (?:at|around|about)\b|\b(?<!life[- ])threatening (?:everyone|everybody|people|staff|us|me|patients|nurses|the (?:staff|nurses|doctors|patients|receptionist))\b|\b(?:says|said|saying|threatens|threatened|told (?:me|us|them|the nurse|staff)|keeps saying) (?:that )?(?:(?:he|she|they)(?:'ll| will| is going to| was going to| gonna|'s going to|'d|d| would)|(?:hes|shes|theyre|they're) (?:going to|gonna)) (?:kill|stab|knife|glass|hurt|attack|batter|punch|shoot|smash|beat up|do in)\b/,
    negatable: true,
    unless: /\b(?:joking|joke|jokingly|lol|haha|banter|kidding|only messing)\b/,
  },
  {
    name: 'threatened or attacked',
    gate: /\b(?:threat|danger|attack|assault|punch|stab|butt|head-?butt|spat\b|spit|beaten|hit\b|hits\b|hitting|kick|shov|push|slap|smack|bit\b|throttl|threw\b|throws?\b|violent|aggress|abusive|squared up|throat|neck)/,
    reason: 'violence-threat',
    pattern: /\b(?:threatening to (?:kill|hurt|hit|stab|punch|smash|batter|attack|glass|knife|do (?:him|her|them|you|someone) in|kick)|threatened (?:me|us|to (?:kill|hurt|hit|stab|punch|smash|batter|attack)|the (?:staff|nurses?|doctors?|receptionist|security|other patients)|staff|nurses|with (?:a |an )?(?:knife|gun|weapon|violence|blade|bottle|chair|syringe|needle))|felt (?:threatened|in danger)|(?:was|were|got|been|being) (?:attacked|assaulted|punched|stabbed|head-?butted|spat (?:on|at)|beaten up|hit|kicked|threatened)|(?:attacked|assaulted|punched|head-?butted|stabbed|spat at|kicked|hit|shoved|slapped|smacked|bit|throttled|squared up to|(?:threw|throw|throws) (?:\w+ ){1,3}at) (?:me|us|(?:a|the) (?:student |student's |agency |young )?(?:nurse|nurses|midwife|midwives|doctor|doctors|porter|paramedic|paramedics|receptionist|hca|carer|physio|pharmacist|security guard|guard|cleaner|healthcare assistant|health care assistant|care assistant|support worker)|one of the (?:nurses|midwives|doctors|staff|porters|carers|hcas|paramedics)|staff|the staff|another (?:patient|parent|visitor|mum|dad|man|woman|person|lad|relative)|other patients|my (?:mum|mam|ma|da|dad|wife|husband|son|daughter|nan|gran|grandad|grandma|mother|father|baby|brother|sister|partner)|a member of staff|security)|spat (?:in|on) (?:her|his|my|their|the \w+'?s?) face|(?:hands?|arm|arms) (?:round|around) (?:my|her|his|their) (?:throat|neck)|violent (?:patient|man|woman|visitor|relative|drunk|lad|bloke|person|people|men|patients)|(?:was|were|became|got|being) (?:violent|aggressive|abusive|threatening) (?:to|towards|with) (?:me|us|staff|the staff|nurses|the nurses|a nurse|the nurse|other patients|patients|my))\b/,
    negatable: true,
    unless: /\b(?:hit by (?:a|the) (?:car|bus|van|lorry|bike|ball|train|cyclist)|attacked by (?:a|the|our) dog|hit (?:my|his|her) head|kicked by (?:the|my|our) baby|baby (?:was )?kick\w*|dealt with|handled (?:it|the situation|him|her)|calmed|settled (?:him|her|them)|soothed|sang to (?:him|her|them)|de-?escalat)\b|\b(?:she|he)'?s (?:only )?[1-6]\b|\b[1-6][ -](?:year|yr)[ -]olds?\b|\btoddler\b/,
  },

  // --- abuse or neglect by those caring for the patient.
  {
    name: 'physical abuse',
    gate: /\b(?:slap|smack|pinch|yank|drag|pull|shook\b|hit\b|hits\b|hitting|shov|kick|punch|push|grab|manhandl|force|strangl|throttl|rough\b|roughly|handled|tied\b|tie\b|ties\b|tying|locked\b|restrain|aggress|heavy|tells? anyone)/,
    reason: 'abuse-neglect',
    pattern: new RegExp(
      `\\b(?:slapped|slapping|smacked|smacking|pinched|pinching|yanked|dragged|shook|hit|hitting|shoved|kicked|kicking|punched|punching) ${PERSON}(?:'?s)?\\b|\\bpushed ${PERSON} (?:over|down|away|against|into (?:a|the) (?:wall|door|bed|chair|floor)|to the (?:floor|ground)|hard|out of the way|aside)\\b|\\bgrabbed (?:${PERSON}|my|her|his|mums?|dads?|nans?|grans?|mum'?s|dad'?s|nan'?s|gran'?s) (?:\\w+ )?(?:arm|arms|wrist|wrists|hand|hair|face|neck|shoulder|leg)\\b|\\b(?:drag|drags|dragged|dragging|pull|pulls|pulled|pulling|yank|yanked) (?:him|her|them|me|my ${KIN}|mum|dad) (?:\\w+ ){0,4}?by (?:his|her|their|my) (?:hair|hoodie|arm|arms|collar|clothes|wrists?|ankles?|legs?|nightie|gown)\\b|\\b(?:kicked|punched|slapped|pinched|pinches|kicks|punches|slaps) (?:the back of )?(?:his|her|my) (?:leg|legs|arm|arms|face|back|hand|hands|skin)\\b|\\bif (?:i|you|she|he) tells? anyone (?:it|things|she|he) (?:will|'ll|ll) (?:get worse|be worse|regret)|\\bgrabbed ${PERSON} by\\b|` +
        `\\b(?:manhandled|force[- ]?fed|strangled|throttled|rough(?:ly)? handled|handled (?:\\w+ )?(?:roughly|aggressively))\\b|` +
        `\\b(?:tied|tie|ties|tying) (?:\\w+ ){0,3}?(?:down|(?:to|into|onto) (?:the |his |her |a |their |my )?(?:bed|chair|wheelchair|commode|cot))\\b|\\blocked (?:\\w+ )?in (?:a|the|her|his|my) room\\b|\\brestrained ${PERSON}\\b|\\b(?:was|were|got|been|being) restrained\\b|` +
        `\\b(?:rough|aggressive|forceful|heavy[- ]handed) (?:with|towards?) ${PERSON}`,
    ),
    negatable: true,
    unless: /\b(?:baby|bump|toddler|little one)\b[^.!?]{0,20}\bkick|\bdragged (?:myself|me) (?:to|out of|up|down|in)\b|\b(?:physio|physios|physiotherapist|physiotherapists|trainer|ot|occupational therapist)\b[^.!?]{0,30}\bpushed\b|\bpushed (?:me|him|her|us|mum|dad) (?:to (?!the (?:floor|ground|wall))|in (?:a|the|my|her|his) (?:wheelchair|chair|bed)|into (?:a|the) (?:wheelchair|chair|lift|room|car|bed|cubicle|side room|ambulance)|along|around|round|up the|down the|through|on |hard to|further|forward)|\b(?:hit|kicked|punched) (?:me|us) (?:that|how|when it)\b|\blast time\b|\b(?:no one|nobody|noone|no-one|never once|not once) (?:was |were |ever )?(?:rough|shouted|hit|pushed|grabbed|rushed)/,
  },
  {
    name: 'staff rough or cruel',
    unless: /\blast time\b|\bprevious (?:stay|admission|visit)\b/,
    gate: /\b(?:rough\b|roughly|aggress|violent|cruel|abusive|threat|heavy|headlock|hold\b|pinned|sat on|knelt|pull|drag|pads?\b|bed\b|beds\b|bedding|nappy|pants|pyjamas|toilet|loo\b|bathroom)/,
    reason: 'abuse-neglect',
    pattern: new RegExp(
      `\\b${STAFF}s?\\b(?:[^.!?]{0,40}?)\\b(?:is|was|were|are|can be|could be|has been|have been|being) (?:very |so |really |quite |a bit |extremely )?(?:rough|aggressive|violent|cruel|abusive|threatening|heavy[- ]handed)\\b|` +
        `\\b(?:pulls|pulled|pulling|drags|dragged|dragging|yanks|yanked) (?:her|him|me|them|my ${KIN}|mum|dad) (?:up|down|across|along|out of) (?:the )?bed by (?:her|his|my|their) (?:wrists|arms|hair|legs|ankles|nightie|gown)\\b|` +
        `\\b(?:headlock|choke ?hold|strangle ?hold|pinned (?:me|him|her|my ${KIN}|${KIN}) (?:\\w+ ){0,2}?(?:down|to|against|on)|sat on (?:me|him|her)|knelt on (?:me|him|her|(?:my|his|her|their) (?:neck|back|chest|head|legs?|arms?)))\\b|` +
        `\\b(?:told|made|left) (?:me|him|her|them|my ${KIN}|mum|dad) (?:to )?(?:just )?(?:go|wee|pee|poo|soil (?:himself|herself|myself)|do it|use) (?:in|on) (?:the|a|his|her|my|their) (?:pad|bed|nappy|pants|pyjamas)\\b|` +
        `\\b(?:refused|wouldn'?t|would not) (?:to )?(?:take|help|let) (?:me|him|her|my ${KIN}|mum|dad) (?:go )?(?:to )?(?:the )?(?:toilet|loo|bathroom)\\b`,
    ),
    negatable: true,
  },
  {
    name: 'sedated to keep quiet',
    gate: /\b(?:quiet|bother|disturb|wake|chart|written up|knock (?:him|her|them|me) out|shut (?:him|her|them|me) up|prescri|easier for)/,
    reason: 'abuse-neglect',
    pattern: /\b(?:sedat\w*|sedation|tranquilli[sz]\w*|sleeping (?:tablets|pills)|(?:extra|more) (?:\w+ )?(?:meds|medicine|medication|sedation|tablets|lorazepam|diazepam|haloperidol)|put (?:something|stuff|tablets?|meds|medication) in (?:her|his|their|my) (?:tea|drink|food|juice|coffee|water)|(?:gave|given|giving|give) (?:him|her|them|me|my \w+|mum|dad|mam|nan) something|inject(?:ed|ing)? (?:him|her|them|me|my \w+|mum|dad|mam|nan))\b[^.!?]{0,80}?\b(?:to keep (?:him|her|them|me) quiet|keeps? (?:him|her|them) quiet|so (?:she|he|they) (?:don'?t|dont|doesn'?t|won'?t|wont) (?:bother|disturb|wake)|not on (?:her|his|their|the) (?:drug )?chart|not written up|to knock (?:him|her|them|me) out|so (?:she|he|they) (?:wouldn'?t|wouldnt) (?:bother|disturb|wake)|to shut (?:him|her|them|me) up|(?:isn'?t|is not|wasn'?t|was not|not|never been|aren'?t|are not|weren'?t) prescribed|without (?:a |any )?prescription|(?:it'?s|its|it is) easier for (?:us|them|staff))\b|\bto keep (?:him|her|them|me) quiet\b[^.!?]{0,60}?\b(?:sedat\w*|sedation|sleeping (?:tablets|pills))\b|\b(?:a jab|an injection|a shot|something) to knock (?:him|her|them|me) out\b/,
    negatable: false,
  },
  {
    name: 'belongings gone where only staff have been',
    gate: /\bonly (?:the )?staff/,
    reason: 'abuse-neglect',
    pattern: /\bonly (?:the )?staff (?:have|has|had) been (?:in|near|into)\b/,
    negatable: false,
    requires: /(?:\b(?:money|purse|wallet|rings?|cash|jewellery|jewelry|bank ?cards?|watch|phone)\b|£\d)[^.!?]{0,80}?\b(?:gone|missing|disappeared|taken|vanished)\b/,
  },
  {
    name: 'indignity or force',
    gate: /\b(?:hair\b|arms?\b|ears?\b|wrist|finger|naked|exposed\b|uncovered|undressed|dressed\b)/,
    reason: 'abuse-neglect',
    pattern: new RegExp(
      `\\b(?:pulled|yanked|twisted|tugged) (?:my|her|his|their|my ${KIN}'?s?|mum'?s|dad'?s) (?:\\w+ )?(?:hair|arm|arms|ear|ears|wrist|fingers)\\b|` +
        `\\bleft (?:me|her|him|them|my ${KIN}|mum|dad) (?:\\w+ )?(?:naked|exposed|uncovered|undressed|half[- ]dressed)\\b`,
    ),
    negatable: true,
  },
  {
    name: 'verbal abuse by staff',
    gate: /\b(?:shout|scream|yell|swor|swear|called|call\b|calls\b|calling|filming|laughed|made fun|mock|humiliat|belittl|ridicul|bull|degrad|taunt|told|tell)/,
    reason: 'abuse-neglect',
    unless: /\b(?:because of|due to|with) (?:his|her|their|the) (?:dementia|delirium|confusion|illness|condition|infection)\b|\bnever raised (?:their|her|his) voices?\b|\b(?:no one|nobody|noone|no-one|never once|not once|no member of staff) (?:ever )?(?:shouted|screamed|yelled|swore|raised|rushed|mocked|laughed)/,
    pattern: new RegExp(
      `\\b${STAFF}s?\\b[^.!?]{0,80}?\\b(?:told|telling|tells|tell) (?:me|him|her|them|us|my ${KIN}|mum|dad|the patients?|patients) to (?:f\\S* off|fuck off|piss off|sod off|shut up|shut it|shut (?:the )?(?:f\\S*|fuck|hell) up|shut (?:his|her|your|their) (?:mouth|face)|stop (?:moaning|whinging|whining) and shut up)\\b|\\b(?:shouted|shouting|screamed|screaming|yelled|yelling|swore|swearing|sworn) at ${PERSON}|\\b(?:i|we|mum|dad|my (?:mum|dad|wife|husband|son|daughter|nan|gran|grandad|mother|father)|she|he) (?:was|were|got|has been|had been|kept being) (?:shouted|screamed|yelled|sworn) at\\b|\\b(?:laughed at|laughing at|made fun of|making fun of|mocked|mock|mocks|mocking) (?:me|him|her|us|my|his|her)\\b(?! jokes?)|\\bfilming (?:him|her|them|my \\w+|patients?|the patients?)\\b[^.!?]{0,40}?\\blaugh|\\b(?:called|call|calls|calling) ${PERSON} (?:(?:opposite|next to (?:me|her|him)|in the next bed|in (?:the )?bed \\d+) )?(?:names|fat|stupid|a liar|an? idiot|attention[- ]seeking|a drama queen|disgusting|lazy|a nuisance|a waste of|an? (?:dirty|stupid|fat|lazy|filthy|smelly|disgusting|old|fucking|f\\S*ing|f\\S*ng|bloody|effing|useless) \\w+)|` +
        `\\b(?:humiliated|belittled|ridiculed|mocked|bullied|degraded|taunted) ${PERSON}\\b(?! into)|\\b(?:humiliated|belittled|ridiculed|mocked|bullied|degraded) by (?:a |the |one of the )?(?:nurse|nurses|doctor|doctors|staff|carer|carers|hca|sister|midwife|midwives|consultant|receptionist)`,
    ),
    negatable: true,
  },
  {
    name: 'sexual abuse',
    gate: /\b(?:touch|sexual|grop|molest|rape|indecen|exposed\b|flashed|pass at|comments? about|remarks? about|stuff about|things about|secret|hands)/,
    reason: 'abuse-neglect',
    pattern: /\b(?:(?:kept|keeps|keep|was|were|started|kept on) touching (?:my|her|his) (?:chest|breasts?|boobs|bum|bottom|backside|thighs?|privates|crotch|groin|body)|(?:comments?|remarks?|stuff|things) about (?:my|her|his) (?:body|figure|breasts|boobs|bum|bottom|legs|chest)|touching (?:my|her|his) (?:chest|breasts?|boobs|bum|bottom|privates|groin|crotch)\b[^.!?]{0,40}?\b(?:where|when|no need|didn'?t need|dont need|don'?t even|for no reason)|(?:friendly|familiar|handsy) with (?:his|her) hands|touch(?:es|ed|ing)? (?:her|him|me) under (?:the|her|his|my) (?:covers|blanket|sheets?|duvet|nightie|gown|clothes)|(?:it'?s|its|it is) (?:our|their) (?:little )?secret|touching (?:my|her|his) (?:\w+ )?(?:legs?|thighs?|chest|breasts?|bum|bottom|privates|groin|body)\b[^.!?]{0,30}?\b(?:under|beneath) (?:the|my|her|his) (?:blanket|sheets?|covers?|gown|nightie|duvet)|(?:kept|keeps|keep) (?:coming|creeping|sneaking) (?:into|in) (?:my|her|his) (?:bay|room|cubicle|bed(?:space)?) at night (?:and|to) (?:touch|feel|stroke)|touched (?:me|her|him) (?:inappropriately|sexually|in a sexual way|up)|inappropriate(?:ly)? touch(?:ed|ing)?|sexual(?:ly)? (?:assault(?:ed)?|abuse[ds]?|harass\w*|comments?|remarks?|advances?)|groped|molested|raped|rape|indecent(?:ly)?|exposed himself|flashed (?:me|her)|made a pass at)\b/,
    negatable: true,
    unless: /\brape crisis\b/,
  },
  {
    name: 'hurt or robbed on purpose',
    gate: /\b(?:ripped|yanked|tore|wrenched|out (?:without|roughly|hard)|deserve|pinch|twist|purse|wallet|handbag|bag|locker|drawer|pocket|tin|coat|hands? (?:on|up|down|over)|said (?:i|she|he))/,
    reason: 'abuse-neglect',
    // "ripped my cannula out without warning", "told me people like me deserve to hurt", "pinch an
    // old mans arm really hard … then twist it", "take a twenty pound note out of the purse of the
    // lady … and put it in her tunic pocket", "kept putting his hand on my chest … said i had a nice body".
    pattern: new RegExp(
      `\\b(?:ripped|yanked|tore|wrenched) (?:my|her|his|their|the) (?:cannula|canula|venflon|drip|line|catheter|dressings?|stitches|ng tube|tube|oxygen mask|mask) out\\b|` +
        `\\b(?:pulled|took) (?:my|her|his|their|the) (?:cannula|canula|venflon|drip|line|catheter|dressings?|stitches|tube) out (?:without (?:any )?(?:warning|asking|telling)|roughly|hard)\\b|` +
        `\\b(?:told|said to|tells|tell) (?:me|him|her|us|them) (?:that )?(?:people like (?:me|us|him|her|them|you)|i|he|she|we|they) (?:deserve|deserves|deserved) (?:to (?:hurt|suffer|be in pain|die|rot)|the pain)\\b|` +
        `\\b(?:pinch|pinched|pinching|twist|twisted|twisting) (?:${PERSON}(?:'?s)?|an? (?:old |elderly |frail |confused )?(?:man|lady|woman|patient|gent)(?:'?s)?|his|her|my|their) (?:\\w+ )?(?:arm|arms|wrist|wrists|skin|ear|ears|leg|thigh|fingers?)\\b[^.!?]{0,60}?\\b(?:really hard|so hard|hard|twist(?:ed)? it|till|until|bruis\\w*)\\b|` +
        `\\b(?:take|took|taking|taken|pocket|pocketed|pocketing|slip|slipped|lift|lifted|nick|nicked) (?:a |an |some |the |her |his )?(?:\\w+ )?(?:pound note|tenner|twenty|fiver|£\\d+|cash|money|coins|bank ?card) (?:\\w+ ){0,2}?(?:out of|from) (?:the |her |his |my |a |their )?(?:\\w+ )?(?:purse|wallet|handbag|bag|locker|drawer|pocket|tin|coat)\\b|` +
        `\\bput (?:it|them|the (?:money|note|cash|ring|watch)) in (?:her|his|their) (?:own )?(?:tunic|uniform|pocket|bag|apron)\\b(?! (?:for (?:safe ?keeping|safety|me|later)|to (?:give|return|keep)))|` +
        `\\b(?:kept|keeps|keep|kept on) (?:putting|resting|sliding|rubbing|placing) (?:his|her) hands? (?:on|up|down|over) (?:my|her|his) (?:chest|breasts?|boobs|bum|bottom|backside|thighs?|legs?|knee|privates|crotch|groin)\\b|` +
        `\\bsaid (?:i|she|he) (?:had|has|'?ve got|got) (?:a )?(?:nice|lovely|fit|sexy|gorgeous) (?:body|figure|bum|legs|boobs|chest|arse)\\b`,
    ),
    negatable: true,
    // Money taken out at the patient's request is an errand, not a theft; a line the patient
    // pulled out, or twisted their own wrist, is not done to them.
    unless: /\b(?:asked (?:her|him|them|the \w+) to|for me|on my behalf|to pay for|to buy|to get me)\b|\bi (?:accidentally |had |must have )?(?:ripped|pulled|yanked|tore|pinched|twisted)\b|\bby accident\b|\baccidentally\b|\b(?:confused|dementia|delirium|delirious)\b/,
  },
  {
    name: 'neglect',
    gate: /\b(?:neglect|alone|unattended|own\b|theft|stol|steal|took|taken|taking|missing|gone from|went from|disappeared|vanished|going through|going thru|going in|benefits)/,
    reason: 'abuse-neglect',
    pattern: /\b(?:neglect|neglected|neglectful|neglecting)\b|\bleft (?:alone|unattended|on (?:her|his|my|their) own) (?:for (?:hours|days|\d+ hours|the whole|all|over|most)|all (?:night|day))\b|\b(?:theft|stole|stolen|steal|stealing|took|taken|taking) (?:of )?(?:my |her |his )?(?:mum'?s |dad'?s |nan'?s |gran'?s )?(?:money|purse|wallet|bank ?cards?|cards|jewellery|jewelry|rings?|cash|pension|benefits)\b|\b(?:money|purse|wallet|jewellery|jewelry|rings?|cash|bank ?cards?) (?:was |were |went )?(?:stolen|missing)\b|(?:\b(?:money|purse|wallet|jewellery|jewelry|rings?|cash|quid|pounds|bank ?cards?|watch|phone)\b|£\d+)[^.!?]{0,40}?\b(?:(?:have|has|had) (?:\w+ )?(?:gone|disappeared|vanished)|went missing|gone missing|disappeared|vanished|went|gone) from (?:(?:her|his|my|their|the) |(?:mums?|mum's|dads?|dad's|nans?|nan's|grans?|gran's) )(?:locker|bedside|drawers?|bag|handbag|purse|room|cabinet|bed)\b|\btook (?:£\d+|\d+ (?:quid|pounds)|money|cash|notes) (?:out of|from) (?:(?:her|his|my|their|the) |(?:mums?|mum's|dads?|dad's|nans?|nan's|grans?|gran's) )(?:wallet|purse|bag|handbag|locker|drawers?|account|pocket)\b|\bgoing (?:through|thru|in|into) (?:her|his|my|their|patients'?|the patients'?|people'?s|other patients'?) (?:drawers?|locker|purse|bag|handbag|wallet|belongings|things|stuff)\b/,
    negatable: true,
    unless: /\bself[- ]neglect\b|\bneglected (?:area|part|service|building|corner|garden)\b|\b(?:machine|meter|parking|vending|ticket|car park|pay ?station)\b/,
  },

  // --- unsafe care: the harms a ward can stop today.
  {
    name: 'fall',
    gate: /\b(?:fell|fall|floor)/,
    reason: 'unsafe-care',
    pattern: /\b(?:fell|had a fall|had (?:a few|two|three|several|another|more) falls|has fallen|had fallen|fallen (?:out|over|off|down|on|in)|keeps? falling|kept falling|falling (?:out of|off)|slipped and fell|found (?:on the floor|(?:her|him|me|mum|dad|my (?:mum|dad|nan|gran|grandad|grandma|husband|wife|mother|father|son|daughter)) (?:lying )?on the floor|lying on the floor)|on the floor for)\b/,
    negatable: true,
    unless: /\b(?:fell|fall|falls|fallen) (?:at home|in the street|in town|outside|in the garden|on the ice|on ice|down the stairs at home|off a ladder|off (?:his|her|my) bike|at work|at school|in the park|over at home|in (?:his|her|my|the) (?:house|flat|kitchen|garden))\b|\b(?:after|following|with|because of|due to|from) (?:a|my|her|his|the|an? (?:bad|nasty)) fall\b|\bfalls? (?:at home|in the community)\b|\b(?:night|darkness|silence|prices?|numbers?|standards?) (?:fell|fall)\b|\bwaterfalls?\b|\bhad a fall (?:last year|(?:\w+ )?(?:years?|months?) ago|previously|in the past|before (?:this|coming))\b(?![^.!?]*\b(?:again|still)\b)/,
    // A fall told with nothing about the ward or about care after it is usually why the patient
    // came in ("I fell and broke my wrist, A&E were quick"); a fall in our care, or one nobody
    // dealt with, is the concern.
    requires: /\b(?:on the ward|in (?:the )?hospital|while (?:in|on|staying|waiting|there|here|admitted)|during (?:my|her|his|their|the) (?:stay|admission)|out of bed|off the (?:bed|trolley|commode|chair|toilet)|out of (?:her|his|my|the) chair|in the (?:bay|corridor|day room)|trying to get to the (?:toilet|loo|bathroom)|(?:on|in) (?:ward|bay)\b|nobody|no one|no-one|noone|wasn'?t (?:seen|checked|told)|not (?:seen|checked|told|informed)|nobody (?:told|noticed|came)|unnoticed|for (?:hours|\d+ hours|an hour|ages)|twice|three times|again|another fall|more falls|on the floor|bed rails|sensor|alarm (?:was|wasn'?t)|wasn'?t (?:supervised|watched)|left (?:her|him|me) (?:alone|unattended)|(?:didn'?t|did not|never) (?:\w+ ){0,3}(?:scan|x-?ray|check|tell|inform|notice|help|pick))\b/,
  },
  {
    name: 'medication error or missed medicines',
    gate: /\b(?:medic|meds|tablet|insulin|antibiot|dose|drug|inhaler|parkinson|warfarin|heparin|epilep|thinner|allerg|morphine)/,
    reason: 'unsafe-care',
    pattern: /\b(?:wrong (?:medication|medicine|meds|tablets?|drugs?|dose|dosage|insulin|injection|patient'?s (?:meds|medication|tablets))|given (?:someone else'?s|another patient'?s|(?:her|him|me) the wrong|double|twice the|too much) ?(?:medication|meds|tablets|insulin|dose|morphine|drugs?)?|(?:missed|missing|forgot(?:ten)?|no|not given|didn'?t get|did not get|never got|never given|wasn'?t given|weren'?t given|was not given|were not given|withheld|(?:was|were|been|left|went|kept|days?|hours?|nights?) without) (?:(?:my|her|his|their|any|the|a|her usual|his usual|my usual|two|three|four|several|a few|\d+) )?(?:doses? of (?:my |her |his |the )?)?(?:medication|medications|medicine|meds|tablets|insulin|antibiotics|doses?|inhalers?|parkinson'?s (?:meds|medication|tablets)|blood thinners?|warfarin|heparin|epilepsy (?:meds|medication)|anti-?seizure (?:meds|medication))|(?:medication|meds|tablets|insulin|antibiotics|dose|doses|parkinson'?s (?:meds|medication)) (?:was |were |got )?(?:missed|forgotten|not given|never given|given late|given twice|(?:\w+ )?hours? late|withheld|mixed up)|allergic to \w+(?: \w+){0,3} and (?:\w+ ){0,3}?(?:gave|given|administered|prescribed)|(?:double|extra|second) dose)\b/,
    negatable: true,
    unless: /\b(?:discharge (?:meds|medication|medicines|prescription|tablets|letter)|tto|ttos|to take home|from (?:the )?pharmacy|at home|brought (?:my|her|his) own|sent home|went home|for discharge)\b|\b(?:i|we) (?:forgot|missed)\b|\bno (?:medication|meds|tablets|painkillers)(?: was| were)? (?:needed|required|necessary)\b/,
  },
  {
    name: 'dose did not reach the patient',
    gate: /\b(?:medic|meds|tablet|pill|insulin|antibiot|dose|inhaler|epilep|parkinson|warfarin|heparin|morphine|oramorph|thinner|drops|patch|steroid|sickness|pain ?killer|pain ?relief|analges)/,
    reason: 'unsafe-care',
    // "forgot to give my wife her insulin", "nobody gave him his epilepsy medication": a failure
    // word and a medicine in the same clause, a few words apart.
    pattern: new RegExp(`\\b${DOSE_FAILED}(?:\\s+(?!and\\b|but\\b|or\\b)[^\\s.,;!?]+){0,5}?\\s+${MEDICINE}\\b`),
    negatable: true,
    unless: /\b(?:nil by mouth|nbm|fasting)\b(?![^.!?]*\b(?:cancel\w*|days?)\b)|\b(?:discharge (?:meds|medication|medicines|prescription|tablets|letter)|tto|ttos|to take home|at home|brought (?:my|her|his) own|sent home|went home|for discharge)\b|\b(?:i|we) (?:forgot|missed|didn'?t (?:get|have))\b|\b(?:didn'?t|did not) (?:need|want|have to have)\b/,
  },
  {
    name: 'known allergy ignored',
    gate: /allerg/,
    reason: 'unsafe-care',
    pattern: /\b(?:gave|given|giving|prescribed|administered|injected|put on) (?:\w+ ){0,4}?(?:even though|even tho|despite|although|when|while)\b[^.!?]{0,80}?\ballerg\w*|\ballergic to (?:\w+ ){0,4}?(?:and|but) (?:they |she |he |the \w+ )?(?:still |then )?(?:gave|given|giving|prescribed|administered|injected)\b|\ballerg\w*[^.!?]{0,80}?\b(?:gave|given|prescribed|administered) (?:it |me it |him it |her it )?anyway\b|\ballerg\w*[^.!?]{0,100}?\b(?:still|then) (?:gave|given|put|prescribed|administered|started|hung|injected)\b/,
    negatable: false,
    unless: /\b(?:checked|asked|double[- ]checked|confirmed|made sure|careful|wrist ?band was checked)\b[^.!?]{0,40}\ballerg/,
  },
  {
    name: 'dose given twice',
    gate: /\b(?:medic|meds|tablet|pill|insulin|antibiot|dose|inhaler|epilep|parkinson|warfarin|heparin|morphine|oramorph|thinner|drops|patch|steroid|sickness|pain ?killer|pain ?relief|analges)/,
    reason: 'unsafe-care',
    pattern: new RegExp(`\\bgiven (?:(?:his|her|my|their|the) )?(?:\\w+ ){0,2}?${MEDICINE} (?:twice|two times|again by|double)\\b|\\b(?:got|had|was given|were given|given) (?:it|them|(?:her|his|my) (?:\\w+ )?${MEDICINE}) twice\\b|\\btwo (?:different )?(?:nurses|staff|people|midwives) (?:both )?(?:to )?(?:give|gave|giving)\\b|\\b${MEDICINE} (?:was|were|got|been) given (?:twice|two times|double)\\b|\\b(?:someone|somebody) else'?s (?:medicine|medication|meds|tablets|prescription|drugs?|insulin)\\b|\\b(?:someone|somebody) else'?s name on (?:the|her|his|my) (?:label|bag|box|prescription|inhaler|medicine|tablets|packet)\\b|\\b(?:hasn'?t|hasnt|has not|haven'?t|havent|have not|why (?:hasn'?t|hasnt|has)) (?:my |her |his |the )?(?:\\w+ ){0,2}?had (?:his|her|my|their|any) (?:\\w+ ){0,2}?(?:tablets|meds|medication|insulin|medicine|doses?|injections?)\\b|\\b(?:hasn'?t|hasnt|has not|haven'?t|havent|not|never) (?:come|been|turned up|visited) (?:for|in) (?:\\d+|two|three|four|several|a few) days\\b[^.!?]{0,40}?\\b(?:insulin|meds|medication|injections?|dressings?|tablets)\\b|\\b(?:a different|another|a second|the other) (?:nurse|midwife|doctor|hca)\\b[^.!?]{0,40}?\\b(?:gave|give|given|did|done) (?:it|me it|him it|her it|it me|it him|it her|the same|me|him|her)(?: \\w+)? again\\b|\\b(?:given|gave (?:him|her|them|me|my \\w+)) (?:an? )?adult (?:dose|dosage|strength)\\b|\\b(?:ten|10|five|5|twice|double|\\d+) times (?:the|her|his|their|my) (?:\\w+ )?(?:dose|dosage|amount)\\b|\\bmissed (?:his|her|my|their) (?:\\d{1,2} ?(?:am|pm|o'?clock)|morning|evening|night|lunchtime|teatime|bedtime)(?: and (?:\\d{1,2} ?(?:am|pm)|morning|evening|night|lunchtime|teatime|bedtime))? (?:tablets|meds|medication|dose|doses|insulin|injection)\\b`),
    negatable: true,
  },
  {
    name: 'suffering left unnoticed',
    gate: /\b(?:agony|pain|wet\b|wetting|soiled|lay there|lying there|floor|eaten|eat\b|eats\b|eaten|eating|drink|drunk\b|slid\b|slipped|tumbled|toppled|rolled\b|buzzer|bells?\b)/,
    reason: 'unsafe-care',
    // A harm and a sign that nobody dealt with it, in one sentence: "in agony all night because
    // they lost my drug chart", "slid out of his chair and lay there for 40 minutes",
    // "nobody answered her buzzer and she ended up wetting the bed", "not eaten for 3 days".
    pattern: /\b(?:(?:in|with) (?:agony|pain|terrible pain|severe pain)|agony|wet (?:the|her|his|my) bed|wetting (?:the|her|his|my) bed|wet (?:herself|himself|myself|themselves)|wetting (?:herself|himself|myself)|soiled (?:herself|himself|myself)|lay there|lying there|on the floor|(?:not|hasn'?t|has not|had not|hadn'?t) (?:eaten|had anything to eat|had a drink|drunk anything)|(?:slid|slipped|tumbled|toppled|rolled) (?:out of|off|onto|down))\b[^.!?]{0,80}?\b(?:all (?:night|day|morning|afternoon|evening|weekend)|overnight|the whole (?:night|day)|for (?:hours|ages|days|over an hour|an hour|(?:\d+|two|three|four|five|six|several) (?:hours|hrs|minutes|mins|days))|(?:nobody|no one|no-one|noone) (?:came|answered|noticed|has noticed|helped|checked|had checked)|never came|ignored|no staff (?:around|about)|lost (?:my|her|his) (?:drug chart|chart|notes|prescription))\b|\b(?:nobody|no one|no-one|noone) (?:answered|came to|responded to) (?:her|his|my|the) (?:buzzer|bell|call bell)\b[^.!?]{0,60}?\b(?:wet|wetting|soiled|fell|on the floor|in pain|agony)\b/,
    negatable: true,
    unless: /\bnil by mouth|\bnbm\b|\bfasting\b|\b(?:before|until) (?:the )?ambulance\b(?!.*\b(?:ward|hospital)\b)/,
  },
  {
    name: 'left in pain',
    gate: /\b(?:agony|pain|analges|morphine|paracetamol|oramorph|codeine|patch)/,
    reason: 'unsafe-care',
    pattern: /\b(?:left|lying|lay|laid|sat|sitting|waited|waiting|screaming|crying|writhing|begging|howling|moaning|suffering|kept) (?:\w+ ){0,3}?in (?:agony|severe pain|terrible pain|excruciating pain|so much pain|a lot of pain|pain|unbearable pain)\b|\bin (?:agony|severe pain|terrible pain|excruciating pain|so much pain|a lot of pain|pain|unbearable pain) (?:for (?:hours|days|\d+ (?:hours|hrs|days)|the whole|all|over (?:an|\d+) hours?|ages|most of)|since (?:\d|last|yesterday|this morning|the early hours|midnight|teatime|lunchtime|breakfast|dinner(?: ?time)?|tea|the op|her op|his op|my op|surgery))\b|\b(?:pain |morphine |fentanyl )?(?:patch|patches) (?:wasn'?t|weren'?t|was not|were not|not|never|hasn'?t been|has not been) (?:changed|given|put on|renewed|replaced)\b|\b(?:asking|asked|begging|begged) for (?:pain ?relief|pain ?killers|analgesia|morphine|something for (?:the|my|her|his) pain) since\b|\basked (?:\w+ ){0,2}?for (?:any )?(?:pain ?relief|pain ?killers|analgesia|morphine|paracetamol|pain medication|something for (?:the|my|her|his) pain)(?: \w+){0,2} (?:\d+|two|three|four|five|several|so many|loads of) times\b|\b(?:no|without|never got|never given|didn'?t get|did not get|wasn'?t given|weren'?t given|was not given|refused|denied|withheld|waited (?:\w+ ){0,2}hours? for|begged for|begging for|pleaded for|asked (?:\w+ ){0,3}times for(?: my| her| his)?|kept asking for|took (?:\w+ ){0,2}hours? to get|not offered|never offered) (?:any )?(?:pain ?relief|pain ?killers|analgesia|morphine|paracetamol|pain medication|oramorph|codeine)\b/,
    negatable: true,
    unless: /\b(?:no|any) (?:pain ?relief|pain ?killers|analgesia)(?: was| were)? (?:needed|required|necessary)\b|\bdidn'?t (?:need|want) (?:any )?(?:pain ?relief|pain ?killers)\b|\bmy (?:own )?choice\b|\bby choice\b|\bchose\b|\bnatural (?:birth|labour|delivery)\b/,
  },
  {
    name: 'left soiled',
    gate: /\b(?:urine|faeces|feces|poo\b|poop|wee\b|pee\b|excrement|vomit|sick\b|soil|wet\b|wetting|dirty|soak|pads?\b|nappy|sheets|bedding|catheter|changed|cleaned|washed|mess\b|commode|bedpan|toilet|loo\b)/,
    reason: 'unsafe-care',
    pattern: /\b(?:left|lying|lay|laid|sat|sitting|found|kept) (?:\w+ ){0,3}?in (?:(?:her|his|my|their|a|the) )?(?:own )?(?:urine|faeces|feces|poo|poop|wee|pee|excrement|vomit|sick|soiled|wet|dirty|soaking|soaked)(?: (?:sheets|bed|bedding|pad|pads|clothes|nightie|nightdress|pyjamas|nappy|gown|incontinence pad))?\b|\b(?:pad|pads|nappy|sheets|bedding|catheter bag) (?:wasn'?t|weren'?t|was not|were not|not|never) (?:changed|emptied)|\bnot (?:changed|cleaned|washed) (?:for|in) (?:hours|days|\d+ hours|ages|the whole)|\bcovered in (?:faeces|feces|poo|urine|wee|sick|vomit|excrement)\b|\bin (?:her|his|my|their) own mess\b|\bleft (?:me |her |him |them )?(?:lying|sitting|sat|lay) in it\b|\b(?:left|sat|sitting|kept|stuck) on (?:a|the) (?:commode|bedpan|toilet|loo) (?:for|until) (?:\w+ ){0,3}?(?:hours?|ages|an hour|\d+ (?:hours|hrs|mins|minutes))|\b(?:soiled|wet|soaking|soaked|urine[- ]soaked|dirty) (?:sheets|bed|bedding|pad|pads|clothes) for (?:hours|\d+ hours|days|ages|the whole)\b|\b(?:left|lying|lay|laid|sat|sitting|kept) (?:\w+ ){0,2}?(?:soiled|soaked through|soaking wet|wet through)\b|\b(?:toilet|loo|commode|bedpan|buzzer|call bell|bell)\b[^.!?]{0,60}?\b(?:wet|soiled) (?:myself|herself|himself|themselves)\b/,
    negatable: true,
    unless: /\bin a mess\b|\bwet floor\b/,
  },
  {
    name: 'not fed or given water',
    gate: /\b(?:water|drink|fluid|food|eat\b|eats\b|eaten|eating|meal|tray\b|trays\b|jugs?\b|cups?\b|dinner|lunch|breakfast|tea\b|teas\b|sandwich|soup|fed\b|feeding|help|assist|dehydrat|malnour|malnutr|starv|hungry|thirsty|reach|taken away|nowt|nothing|nout|nil by mouth|nbm|tap\b|sink)/,
    reason: 'unsafe-care',
    pattern: /\b(?:not given|never given|wasn'?t given|weren'?t given|was not given|were not given|didn'?t get|did not get|not offered|never offered|nobody (?:gave|brought|offered)|no one (?:gave|brought|offered)|not had|hadn'?t had|had not had|went without|left without) (?:(?:her|him|me|us|them|mum|dad|my (?:mum|dad|nan|gran|grandad|grandma|husband|wife|mother|father|son|daughter)) )?(?:any )?(?:water|a drink|drinks|anything to drink|fluids|food|anything to eat|a meal|meals|something to eat|a drink of water)\b|\b(?:no|without) (?:any )?(?:food|water|drink|drinks|fluids|food or water|food or drink|water or food|food and water) (?:for|all|since|until|from)\b|\b(?:\d+|two|three|four|a|several|nearly \d+|almost \d+|over \d+) (?:whole )?(?:days?|nights?) (?:with no|without (?:any )?) ?(?:food|water|drink|fluids|anything to eat|food or (?:drink|water)|food and (?:drink|water))\b|\b(?:food|meal|meals|tray|water|jug|drink|drinks|cup|dinner|lunch|breakfast|tea|sandwich|sandwiches|soup) (?:was |were |get |gets |got |are |is |keep getting |kept getting )?(?:left|put|placed) (?:\w+ ){0,2}?(?:out of (?:her |his |my |their )?reach|at the end of the bed|where (?:she|he|i|they) (?:couldn'?t|could not|can'?t|cannot) reach)|\b(?:nobody|no one|no-one|noone) (?:helped|assisted|fed) (?:her|him|me|them|mum|dad)(?: to)? ?(?:eat|drink|with (?:her|his|my) (?:food|meals?))?|\bno (?:help|assistance) (?:with|to) (?:eat|eating|drink|drinking|feeding|meals)\b|\b(?:dehydrated|dehydration|malnourished|malnutrition|starved)\b|\b(?:nil by mouth|nbm) (?:for )?(?:\d+|two|three|four|several|a few) (?:whole )?days\b|\bdrinking (?:water )?(?:out of|out|from) the (?:tap|sink)\b|\b(?:hasn'?t|has not|hadn'?t|had not|not|haven'?t|have not) (?:eaten|had (?:a drink|anything to eat|anything to drink|any food|a meal))(?: or (?:had )?(?:a drink|drunk anything|eaten|anything to (?:eat|drink)))? (?:in|for) (?:\d+|two|three|four|several|a few|over \d+) (?:days|nights)\b|\b(?:hungry|thirsty|starving) for (?:hours|days|\d+ hours)\b|\b(?:tray|trays|jug|jugs|water|drink|drinks|food|meal|meals|cup|beaker)(?: jug)?(?:'s|s)? (?:is |was |are |were |gets |got |always |often |kept |left |been |stuck |sat |put |placed )*(?:out of (?:her |his |my |their )?reach|(?:on the side |on the table |over there )?where (?:she|he|i|they) (?:can'?t|cannot|couldn'?t|could not) reach)\b|\btaken away (?:full|untouched|uneaten|not eaten|still full)\b|\bhad (?:nowt|nothing|nout)(?: to (?:eat|drink|eat or drink))? (?:for|in|all) (?:\d+|two|three|four|several|a few)? ?(?:days|day|night|morning)\b/,
    negatable: true,
    unless: /\bnil by mouth(?![^.!?]*\b(?:cancel\w*|nobody told|no one told|forgot\w*|days?)\b)|\bnbm\b(?![^.!?]*\b(?:cancel\w*|days?)\b)|\bfasting\b|\bbefore (?:my |her |his |the )?(?:op|operation|surgery|procedure|scan)\b|\b(?:admitted|came in|brought in|was|were) (?:\w+ ){0,2}(?:with|for|because of|due to) (?:\w+ )?(?:dehydration|malnutrition)\b|\bcame in dehydrated\b|\b(?:a bit|slightly|mildly|a little|bit|little bit) (?:dehydrated|hungry|thirsty)\b|\b(?:food|water) (?:allergies|allergy|restrictions|hygiene|rating|pool|birth)\b|\b(?:relatives|visitors|canteen|cafe|café|shop|vending)\b|\b(?:threw|throwing|thrown|brought) (?:everything |it all |it )?up\b|\bvomiting\b|\bcouldn'?t keep (?:anything|it|food|water) down\b/,
  },
  {
    name: 'not helped, left on the floor, or asking in vain',
    gate: /\b(?:to help|helps|helping|to feed|feeds|feeding|away (?:full|untouched|uneaten|not eaten|still)|reach\b|buzzer|bell|on the floor|how long|for (?:pain|painkillers|analgesia|morphine|something for))/,
    reason: 'unsafe-care',
    // "nobody to help mum eat", "her trays gets took away full", "the water jug is at the end of the
    // bed where she cant reach", "rang buzzer 2hrs", "on the floor between the bed and the wall.
    // nobody knew how long shed been there", "asking for pain relief … nobody gave her anything".
    pattern: /\b(?:nobody|no one|no-one|noone) (?:to help|helps|helping|to feed|feeds|feeding) (?:her|him|me|them|mum|dad|mam|nan|my \w+) (?:to )?(?:eat|drink|with (?:her|his|my|their) (?:food|meals?|dinner|tray))\b|\b(?:trays?|meals?|food|dinners?|plates?) (?:\w+ ){0,2}?(?:took|tooken|taken|cleared|removed) away (?:full|untouched|uneaten|not eaten|still full)\b|\b(?:jug|water|drink|drinks|tray|beaker|cup|food)\b[^.!?]{0,50}?\bwhere (?:she|he|i|they) (?:can'?t|cant|cannot|couldn'?t|couldnt|could not) reach\b|\b(?:rang|pressed|buzzed|pushed|ringing|pressing) (?:the |my |her |his )?(?:buzzer|bell|call bell) (?:for )?(?:over |nearly |about )?\d+ ?(?:hrs?|hours?)\b|\b(?:she|he|mum|mam|dad|nan|gran|grandad|i|they|my (?:mum|mam|dad|nan|nana|gran|granny|grandad|grandma|mother|father|husband|wife|partner|son|daughter|brother|sister|baby)|the patient)(?:'d| had)? (?:was |were |had been |been )?(?:found |left |lying |lay )?on the floor (?:between|beside|next to|by|under|at the side of|behind) (?:the |her |his |my )?(?:bed|chair|wall|toilet|commode|locker)\b|\b(?:nobody|no one|no-one|noone) (?:knew|knows|could (?:say|tell (?:us|me))) how long (?:she|he|they|mum|dad)(?:'d|d| had| was| were)? (?:been|lain|laid|lying) (?:there|on the floor)\b|\b(?:asking|asked|begging|begged|pleading|pleaded) for (?:pain ?relief|pain ?killers|painkillers|analgesia|morphine|something for (?:the|my|her|his) pain)\b[^.!?]{0,80}?\b(?:(?:nobody|no one|no-one|noone) (?:gave|brought|got) (?:her|him|me|them) (?:anything|any|it)|(?:never|didn'?t|did not) (?:get|got|give|gave) (?:her |him |me |them )?(?:any|anything|it))\b/,
    negatable: true,
    unless: /\b(?:nil by mouth|nbm|fasting)\b/,
  },
  {
    name: 'medicines hours late',
    gate: /\blate\b|\bnever (?:came|arrived|turned up)/,
    reason: 'unsafe-care',
    // "his meds HAVE to be on time … they were 3 hrs late twice and the 10pm one never came at all".
    pattern: /\b(?:meds|medication|medicines?|tablets|doses?|insulin|injections?)\b[^.!?]{0,20}?\b(?:were|was|are|is|came|come|arrived|given)\b (?:\w+ )?(?:\d+|two|three|four|several) ?(?:hrs?|hours?) late\b|\bthey (?:were|was|are|came|come) (?:\w+ )?(?:\d+|two|three|four|several) ?(?:hrs?|hours?) late\b(?<=\b(?:on time|parkinson'?s|time[- ]critical)\b[\s\S]*)|\b(?:\d{1,2} ?(?:pm|am)|morning|evening|night|bedtime|lunchtime|teatime) (?:one|dose|tablets?|meds|medication|insulin|injection) never (?:came|arrived|turned up)\b/,
    negatable: true,
    requires: /\b(?:parkinson'?s|epilep\w*|insulin|meds|medication|medicines?|tablets|doses?|antibiotics|injections?)\b/,
  },
  {
    name: 'pressure sore',
    gate: /\b(?:pressure|sores?\b|ulcer|turned|turning|reposition|skin\b|heels?\b|bottom|sacrum)/,
    reason: 'unsafe-care',
    pattern: /\b(?:pressure (?:sores?|ulcers?|damage|injur(?:y|ies))|bed ?sores?|sores? on (?:(?:her|his|my|their) |(?:dads?|mums?|nans?|grans?|dad'?s|mum'?s|nan'?s|gran'?s) )(?:bottom|bum|heels?|back|sacrum|hips?|buttocks|behind|spine|ankles?|elbows?|coccyx)|skin (?:had |has )?broken down|(?:grade|category) [1-4] (?:sore|ulcer)|(?:wasn'?t|weren'?t|was not|were not|not|never) (?:being )?(?:turned|repositioned)(?! (?:away|up|out|down|around|round|back|off|on|into))|(?:heel|heels|bottom|sacrum|hip|bum|bum cheeks) (?:has |have |had |is |are )?(?:gone|turned|going) (?:black|purple|red raw)|(?:nobody|no one|noone|no-one) (?:has |had )?(?:been )?turn(?:ing|ed) (?:him|her|them|me)|turning (?:chart|charts) (?:hasn'?t|has not|aint|ain'?t|not|wasn'?t|weren'?t|isn'?t) (?:been )?(?:filled|done|completed|signed))\b/,
    negatable: true,
    unless: /\b(?:prevent|prevents|prevented|preventing|prevention|avoid|avoided|avoiding|stop|stopped|check(?:ed|ing)? (?:\w+ ){0,2}for|at risk of|risk of|no sign of|no signs of|mattress|cushion|came in with|arrived with|from the care home|heal(?:ed|ing)?|treated (?:\w+ ){0,2}(?:pressure|bed))\b/,
  },
  {
    name: 'left without help when calling',
    gate: /\b(?:begg|plead|scream|cry|crying|cried|shout|call|rang|ring\b|ringing|buzz|bell|pressed|pressing|alarm|beep|going off)/,
    reason: 'unsafe-care',
    pattern: /\b(?:begged|begging|pleaded|pleading|screaming|screamed|crying|cried|shouting|shouted|calling|called|rang|ringing|buzzed|buzzing) (?:\w+ ){0,2}?for (?:help|a nurse|the toilet|a bedpan|a commode|someone)\b[^.!?]{0,60}\b(?:nobody|no one|no-one|noone|never came|didn'?t come|did not come|ignored|for (?:hours|over an hour|\d+ hours|ages))\b|\b(?:pressed|pressing|rang|ringing|buzzed|buzzing|pushed|pushing) (?:the |my |her |his )?(?:buzzer|bell|call bell|emergency (?:bell|button|cord)|button|cord)\b[^.!?]{0,100}?\b(?:(?:nobody|no one|no-one|noone) (?:came|answered|responded|turned up)|never came|(?:nobody|no one) for)\b|\b(?:buzzer|bell|call bell)s? (?:was |were |gets |got |being |been |keeps being |kept being )?ignored\b|\b(?:syringe driver|pump|drip|monitor|machine)\b[^.!?]{0,40}?\b(?:alarming|beeping|going off)\b[^.!?]{0,40}?\b(?:(?:nobody|no one|noone|no-one) (?:came|answered|responded|looked)|ignored)\b|\b(?:pressed|pressing|rang|ringing|buzzed|buzzing) (?:the |my |her |his )?(?:buzzer|bell|call bell) (?:for )?(?:over |nearly |about )?(?:[2-9]\d|1\d\d|an hour|ages|hours|\d+ hours?) ?(?:mins|minutes|hours|hrs)?\b/,
    negatable: false,
  },
];

/** One pass that rules out most comments (about three in four of real ones) before any rule runs. */
const ANY_GATE = new RegExp(RULES.map((rule) => `(?:${rule.gate.source})`).join('|'));

/** The rules in the order they are tried (most serious first). */
export const CONCERN_RULES: readonly Readonly<Rule>[] = RULES;

const NEGATION = /\b(?:not|never|no|nor|without|hardly|barely)\b|n't\b|n’t\b/;
const CLAUSE_BREAK = /[.,;:!?()]|\b(?:but|and|then|however|although|though|because|so|until|when|while|ill|i'll|i will|i'm|im)\b/g;

/** Threats the writer makes: a member of staff named in them is the one threatened, not the one harming. */
const WRITERS_THREATS = new Set(['threat by the writer', 'threatening words', 'a bone broken or a weapon brought']);

/** Decides whether a comment needs someone to look at it today, and why. */
export function detectConcern(text: string): Concern {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  if (!ANY_GATE.test(lower)) return { concern: false };
  // Evidence is cut from the original; a few letters ("İ") change length in lower case.
  const source = lower.length === text.length ? text : lower;
  const open = RULES.filter((rule) => rule.gate.test(lower));
  if (open.length === 0) return { concern: false };
  const plain = lower.replace(IDIOMS, (m) => ' '.repeat(m.length));
  for (const rule of open) {
    for (const m of plain.matchAll(globalOf(rule.pattern))) {
      if (m[0].trim() === '') continue;
      const sentence = sentenceAround(plain, m.index, m.index + m[0].length);
      if (rule.unless && rule.unless.test(plain.slice(sentence.start, sentence.end))) continue;
      if (rule.requires && !rule.requires.test(plain)) continue;
      if (rule.negatable && negatedBefore(plain, m.index)) continue;
      if (isPastOrPrevented(rule, plain, sentence, m.index, m.index + m[0].length)) continue;
      if (rule.reason === 'violence-threat' && !WRITERS_THREATS.has(rule.name) && !STAFF_WORD.test(m[0]) && isStaffAbuse(plain, sentence.start, m.index)) {
        return found('abuse-neglect', source, sentence);
      }
      // Abuse by a care home or home carer, or by family or others outside the service ("my
      // uncle has taken her bank card"), is for safeguarding, not the ward.
      if (rule.reason === 'abuse-neglect' && (CARE_OUTSIDE.test(plain.slice(sentence.start, sentence.end)) || isOutsidePerson(plain, sentence.start, m.index))) {
        return found('safeguarding', source, sentence);
      }
      if (rule.reason === 'abuse-neglect' && isOtherPatient(plain, sentence.start, m.index, rule)) {
        // Another patient shouting is a noisy ward; another patient hitting is violence.
        if (rule.name === 'physical abuse') return found('violence-threat', source, sentence);
        continue;
      }
      return found(rule.reason, source, sentence);
    }
  }
  return { concern: false };
}

const globals = new Map<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    globals.set(re, g);
  }
  return g;
}

/** "I was never left in pain", "didn't fall once": a negation in the same clause, just before. */
function negatedBefore(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 50), at);
  let clauseStart = 0;
  for (const b of window.matchAll(CLAUSE_BREAK)) clauseStart = b.index + b[0].length;
  const whole = window.slice(clauseStart);
  // "not once did I feel ignored or neglected", "at no point was she left in pain"
  if (/\b(?:not once|never once|at no (?:point|time|stage))\b(?! did (?:anyone|anybody|a nurse|staff))/.test(whole)) return true;
  const clause = whole.trim().split(/\s+/).slice(-6).join(' ');
  if (!NEGATION.test(clause)) return false;
  // "no one came", "nobody", "not once did anyone …" negate the helper, not the harm.
  return !/\b(?:no one|nobody|noone|no-one|not once did (?:anyone|anybody))\b/.test(clause);
}

/**
 * Self-harm told as the reason for a past admission or as over ("I was admitted after an
 * overdose two years ago and the crisis team were brilliant", "after my suicide attempt … I am
 * in a much better place now") is history the service already knows, not a risk today, unless
 * the comment also speaks of wanting or planning it now.
 */
function isPastSelfHarm(text: string, sentence: { start: number; end: number }, matchStart: number, matchEnd: number): boolean {
  const whole = text.slice(sentence.start, sentence.end);
  // "the GP asked me all the screening questions about … thoughts of harming myself. None apply"
  if (/\b(?:screening|asked (?:me )?(?:\w+ ){0,4}questions?)\b/.test(whole) && /\bnone (?:of (?:them|it|these|those) )?appl(?:y|ies|ied)\b|\b(?:i )?(?:said|answered) no\b/.test(text) && !/\b(?:lied|going to|gonna|tonight|plan|planning|still)\b/.test(text)) return true;
  // Words of wanting or planning mean a present risk, but the match's own "thoughts of" does not:
  // "thoughts of ending it in the past" is the history itself.
  const around = text.slice(sentence.start, matchStart) +
    text.slice(matchStart, matchEnd).replace(/\b(?:thoughts|thinking) of\b/g, ' ') + text.slice(matchEnd, sentence.end);
  if (/\b(?:want|wants|wanting|wish|going to|gonna|plan|planning|feel like|thinking of|thoughts of|still|again|tonight|today|anymore|any more|keep|keeps|been (?:looking|thinking|planning|saving)|looking up|i have (?:them|it))\b/.test(around)) return false;
  return ADMISSION.test(whole) || AGO.test(whole) || RECOVERED.test(whole);
}

/** Words that put a harm in the present, whatever else the sentence says. */
const PRESENT = /\b(?:again|still|tonight|today|this (?:morning|afternoon|evening|week)|yesterday|last night|keeps?|every (?:day|night|time)|waiting (?:outside|in the car park)|right now)\b/;
/** A harm stopped before it happened: "spotted the wrong dose before she gave it", "the pharmacist checked and it was just a different make". */
const PREVENTED = /\bbefore (?:she|he|they|it|anyone|any of it) (?:gave|could give|was given|were given|got|had|went)\b|\b(?:spotted|noticed|caught) (?:it|the (?:error|mistake|problem)) (?:in time|straight away|before)\b|\bcaught (?:it )?in time\b|\bbut (?:the )?(?:pharmacist|nurse|doctor|midwife|they|she|he) (?:checked|double[- ]checked|noticed|spotted|stopped it)\b|\b(?:turned out|it was just|they were just|it was only)\b[^.!?]{0,40}\b(?:same|fine|nothing|different (?:make|brand|colour|color)|generic)\b/;
/** Said of a past harm: it was dealt with (or, with RECOVERED, the patient is well now). */
const HANDLED = /\b(?:(?:was|were|been|got|has been|have been) (?:\w+ )?(?:investigated|dealt with|sorted|resolved)|apologi[sz]ed|got me through|not (?:been|happened|had (?:one|another)) (?:\w+ ){0,3}since|never happened again|stitched (?:me|him|her) up|police (?:took|came|were called|dealt))\b/;

/**
 * The labellers' rule for every kind of concern: a harm the comment says was prevented ("the nurse
 * spotted the wrong dose before she gave it"), or one in the past that was dealt with ("had a fall
 * last winter … not been on the floor since", "assaulted on a night out, A&E stitched me up,
 * police took a statement"), is not one to act on today — unless the comment puts it in the
 * present too ("again", "still", "tonight"). Self-harm has its own, stricter test (isPastSelfHarm).
 */
function isPastOrPrevented(rule: Rule, text: string, sentence: { start: number; end: number }, matchStart: number, matchEnd: number): boolean {
  if (rule.reason === 'self-harm') return isPastSelfHarm(text, sentence, matchStart, matchEnd);
  const around = text.slice(sentence.start, matchStart) + ' ' + text.slice(matchEnd, sentence.end);
  if (PRESENT.test(around)) return false;
  if (PREVENTED.test(around)) return true;
  const whole = text.slice(sentence.start, sentence.end);
  const past = AGO.test(whole) || (rule.reason === 'violence-threat' && ADMISSION.test(whole));
  return past && (HANDLED.test(text) || RECOVERED.test(text));
}

/** "the nurse pushed me", "was shouted at by a nurse": violence by staff is abuse. */
function isStaffAbuse(text: string, sentenceStart: number, at: number): boolean {
  const before = text.slice(Math.max(sentenceStart, at - 50), at);
  const after = text.slice(at, at + 80);
  if (/\bby (?:a |the |one of the )?(?:nurse|nurses|doctor|staff|carer|hca|porter|sister|security|guard|member of staff|healthcare assistant|midwife|paramedic)s?\b/.test(after)) return true;
  const subject = /\b(?:nurse|nurses|doctor|staff|carer|carers|hca|porter|sister|matron|security guard|guard|midwife|healthcare assistant|support worker|paramedic)s?\b[^.!?]*$/.test(before);
  return subject && !OTHER_PERSON_SUBJECT.test(before.slice(-25));
}

/** "my uncle has taken her bank card": the one doing harm is family or someone outside the service. */
function isOutsidePerson(text: string, sentenceStart: number, at: number): boolean {
  const before = text.slice(Math.max(sentenceStart, at - 60), at);
  return OUTSIDE_PERSON.test(before) && !STAFF_WORD.test(before);
}

/** "a patient shouted at me all night" is a noisy ward, not abuse by staff. */
function isOtherPatient(text: string, sentenceStart: number, at: number, rule: Rule): boolean {
  if (rule.name !== 'verbal abuse by staff' && rule.name !== 'physical abuse') return false;
  // "one nurse on nights, older lady with glasses, who I heard screaming at …": the person is a
  // description of the nurse, who is the one doing it.
  if (STAFF_APPOSITIVE.test(text.slice(sentenceStart, at))) return false;
  const before = text.slice(Math.max(sentenceStart, at - 40), at);
  return OTHER_PERSON_SUBJECT.test(before) && !STAFF_SUBJECT.test(before.replace(/\b(?:he|she|they)\b/g, ''));
}

const STAFF_APPOSITIVE = new RegExp(`\\b${STAFF}s?\\b[^.!?,]*,\\s*(?:an? |the )?(?:older |young |old |tall |short |blonde |dark-haired )?(?:lady|woman|man|bloke|guy|chap|girl|lad)\\b[^.!?]*?\\bwho\\b[^.!?]*$`);

function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e])) e++;
  return { start: s, end: Math.min(text.length, e + 1) };
}

const MAX_EVIDENCE = 200;

function found(reason: ConcernReason, text: string, sentence: { start: number; end: number }): Concern {
  let evidence = text.slice(sentence.start, sentence.end).trim();
  if (evidence.length > MAX_EVIDENCE) evidence = evidence.slice(0, MAX_EVIDENCE - 1) + '…';
  return { concern: true, reason, evidence };
}

// ---------------------------------------------------------------------------------------------
// Scoring against a hand-labelled set

/** A comment with the reason it should be flagged for, or null when it should not be flagged. */
export interface ConcernCase {
  comment: string;
  expected: ConcernReason | null;
  /** Why a borderline case is labelled as it is. */
  note?: string;
}

export interface ConcernScore {
  concerns: number;
  caught: number;
  /** Concerns flagged at all, whatever the reason given. */
  recall: number;
  /** Concerns flagged with the expected reason. */
  reasonAgreement: number;
  nonConcerns: number;
  falseAlarms: number;
  falseAlarmRate: number;
  /** confusion[expected][predicted], with 'none' for not flagged. */
  confusion: Record<ConcernReason | 'none', Record<ConcernReason | 'none', number>>;
  missed: ConcernCase[];
  falselyFlagged: (ConcernCase & { reason: ConcernReason; evidence: string })[];
  wrongReason: (ConcernCase & { reason: ConcernReason })[];
}

/** Recall on the concerns, false-alarm rate on the rest, and the confusion between reasons. */
export function scoreConcerns(cases: readonly ConcernCase[]): ConcernScore {
  const labels = [...CONCERN_REASONS, 'none'] as const;
  const confusion = Object.fromEntries(
    labels.map((e) => [e, Object.fromEntries(labels.map((p) => [p, 0]))]),
  ) as ConcernScore['confusion'];
  const score: ConcernScore = {
    concerns: 0, caught: 0, recall: 1, reasonAgreement: 1, nonConcerns: 0, falseAlarms: 0, falseAlarmRate: 0,
    confusion, missed: [], falselyFlagged: [], wrongReason: [],
  };
  let rightReason = 0;
  for (const c of cases) {
    const result = detectConcern(c.comment);
    const predicted = result.concern ? result.reason : 'none';
    confusion[c.expected ?? 'none'][predicted]++;
    if (c.expected) {
      score.concerns++;
      if (!result.concern) score.missed.push(c);
      else {
        score.caught++;
        if (result.reason === c.expected) rightReason++;
        else score.wrongReason.push({ ...c, reason: result.reason });
      }
    } else {
      score.nonConcerns++;
      if (result.concern) {
        score.falseAlarms++;
        score.falselyFlagged.push({ ...c, reason: result.reason, evidence: result.evidence });
      }
    }
  }
  score.recall = score.concerns === 0 ? 1 : score.caught / score.concerns;
  score.reasonAgreement = score.concerns === 0 ? 1 : rightReason / score.concerns;
  score.falseAlarmRate = score.nonConcerns === 0 ? 0 : score.falseAlarms / score.nonConcerns;
  return score;
}

/** The score as plain text: headline rates, then the confusion matrix (rows expected). */
export function formatConcernScore(score: ConcernScore): string {
  const labels = [...CONCERN_REASONS, 'none'] as const;
  const width = 16;
  const lines = [
    `concerns ${score.concerns}: caught ${score.caught} (recall ${score.recall.toFixed(3)}), ` +
      `right reason ${score.reasonAgreement.toFixed(3)}`,
    `non-concerns ${score.nonConcerns}: false alarms ${score.falseAlarms} (rate ${score.falseAlarmRate.toFixed(3)})`,
    `${'expected \\ got'.padEnd(width)}${labels.map((l) => l.padStart(width)).join('')}`,
    ...labels.map((e) => `${e.padEnd(width)}${labels.map((p) => String(score.confusion[e][p]).padStart(width)).join('')}`),
  ];
  return lines.join('\n');
}
