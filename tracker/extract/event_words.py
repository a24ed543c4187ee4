"""Word patterns the event rules use: trigger verbs by class and the nouns that set a kind."""

from __future__ import annotations

import re

# Verbs and nouns that make a dated sentence report something that happened, by class.
TRIGGERS: list[tuple[str, re.Pattern]] = [
    # "entered into an agreement", "initialled the accord": a signing in other words.
    (
        "sign",
        re.compile(r"\b(?:signed|inked|signing|initial(?:l)?ed|entered\s+into)\b", re.IGNORECASE),
    ),
    # "a letter of intent, dated 7.10.2026": a document's date is its signing, of the kind the
    # document named ("a letter dated June 12" names none: the story's kind).
    ("dated", re.compile(r"\bdated\b", re.IGNORECASE)),
    (
        "agree",
        re.compile(
            r"\b(?:agreed|secured|awarded|concluded|finali[sz]ed|acquired|bought|struck|"
            # "LME tin closed at $36,850": a price, not a deal closed
            # ("since the quarter closed": a reporting period, not a deal)
            r"(?<!quarter\s)(?<!year\s)(?<!period\s)(?<!month\s)(?<!session\s)(?<!market\s)"
            r"closed(?!\s+(?:at|up|down|higher|lower|near|around)\b)|"
            r"completed|sealed|formed\s+(?:a|the)\s+joint\s+venture|"
            # "subscribed for new shares in X for NOK 180 million": buying into a company
            r"subscribed\s+(?:for|to)\s+(?:[\w-]+\s+){0,3}?(?:shares|stake|equity)|"
            # "won a $30 million grant", "won the tender": money or a contract obtained
            r"won\s+(?:an?\s+|the\s+)?(?:[$€£]?[\d.,]+\s*(?:million|billion|bn|m)?\s+)?"
            r"(?:grant|loan|contract|tender|award|funding|financing))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ship",
        re.compile(
            r"\b(?:dispatch(?:ed|es)|shipped|ships|sent|loaded|exported|left|departed|sailed|"
            # "a first qualification lot was flown out of Budapest": by air, road or rail
            r"flown|trucked|railed)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "arrive",
        re.compile(
            r"\b(?:arrived|landed|docked|received|crossed\s+into|reached|delivered\s+to)\b",
            re.IGNORECASE,
        ),
    ),
    # "raised $220 million": money raised is an investment (the kind needs a sum named).
    # "borrowed 280 billion shillings": money borrowed is raised the same way.
    ("raise", re.compile(r"\b(?:raised|borrowed)\b", re.IGNORECASE)),
    # Verbs that change an existing measure: their kind comes from the measure named.
    (
        "change",
        re.compile(
            r"\b(?:extended|introduced|tightened|widened|expanded|renewed)\b", re.IGNORECASE
        ),
    ),
    (
        "control",
        re.compile(
            r"\b(?:moratorium|export\s+(?:controls?|licen[cs]es?|permits?|bans?|curbs?|restrictions?)|"
            r"controlling\s+exports|banned|barred|imposed|restricted|quotas?(?!-)|ban|licensing|"
            # "the Cabinet prohibited the export of unprocessed ores": a ban in other words
            r"prohibited\s+(?:the\s+)?exports?|"
            # "put exports under licence", "began requiring licences for exports"
            r"under\s+licen[cs]e|requir\w+\s+(?:export\s+)?licen[cs]es|"
            # "made germanium exports subject to licences"
            r"subject\s+to\s+(?:export\s+)?licen[cs]es?|"
            # "added artificial graphite anode materials ... to its controls": a control widened
            r"added\s+(?:[\w-]+\s+){1,12}?to\s+(?:its|the|their)\s+(?:[\w-]+\s+)?(?:export\s+)?"
            r"controls)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "suspend",
        # "ordered the suspension of deposition": a halt imposed by order
        re.compile(
            r"\b(?:suspend(?:ed|s)?|halted|paused|froze|stopped|ceased|ordered\s+(?:the\s+|an?\s+)?"
            r"(?:[\w-]+\s+)?(?:suspension|halt|stoppage))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "announce",
        re.compile(
            r"\b(?:announced|announcement|unveiled|pledged|committed|approved|confirmed|offered|"
            r"notice|statement|launched|issued|granted|invest(?:s|ed)?|lend|lent|adopted|"
            r"provided|guaranteed|(?:has|have|had)\s+given|disbursed|"
            # "insured 80% of the prepayment": cover for a financing, an export-credit act
            r"insured|underwrote|"
            # "gave the company its final export authorisation": a permit granted
            # ("gave it a large-scale mining licence": a hyphened word between)
            r"gave\s+(?:[\w'’-]+\s+){0,6}?(?:authori[sz]ation|approval|permit|licen[cs]e|consent)|"
            # "gave us a joint financing commitment for EUR31m": lenders committing money
            r"gave\s+(?:[\w'’]+\s+){0,4}?(?:financing|funding|loan|credit)\s+commitments?|"
            # "took a final investment decision": money committed
            r"final\s+investment\s+decision|"
            # "would take a C$20 million equity stake": buying into a company
            r"(?:take|took|taking)\s+(?:an?\s+)?(?:[\w$.,%-]+\s+){0,4}?stake)\b",
            re.IGNORECASE,
        ),
    ),
    # "came in with C$150 million", "put C$18 million toward the road", "contributed EUR 5m":
    # a sum put into the project is an investment whatever the verb.
    (
        "fund",
        re.compile(
            r"\b(?:came\s+in\s+with|put(?:s|ting)?|contributed|injected|chipped\s+in(?:\s+with)?)"
            r"\s+(?:an?\s+(?:further|additional|extra)\s+)?(?=(?:[A-Z]{1,3})?[$€£¥]\s?\d|"
            r"(?:USD|EUR|GBP|CAD|AUD)\s?\d)",
            re.IGNORECASE,
        ),
    ),
    # A measure stated as being in force: its kind comes from the measure named.
    (
        "state",
        re.compile(
            r"\b(?:in\s+(?:force|effect|place)|(?:came|entered)\s+into\s+(?:force|effect)|"
            r"took\s+effect)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "other",
        re.compile(
            # "revised the code", "added tungsten to its list of ...": a measure changed in the
            # background, not itself a control.
            # "paid a fee" is an act; "has paid", dated by its report, is not.
            # "following Tuesday's vote": the vote is an act of that day
            # "The transaction was notified to the Authority on 2 September": a filing with a
            # regulator, a procedural step
            r"\b(?:(?:was|were)\s+notified\s+to|"
            r"ratified|ratification|(?<=['’]s )vote|reopen(?:ed|ing)|(?<!has )(?<!have )paid|"
            r"met|meeting|held\s+(?:talks|(?:an?|its|the|their)\s+(?:[\w-]+\s+){0,2}?(?:hearing|"
            r"consultation|inquiry|meeting|summit|session))|accepted|declared|began|started|resumed|restarted|"
            r"revised|amended|added\s+(?:[\w-]+\s+){1,3}to\s+(?:its|the|a)\s+(?:[\w-]+\s+)?list|"
            r"lifted|relaxed|eased|scrapped|abolished|revoked|broke\s+ground|"
            # procedural approvals: "endorsed the agreement", "cleared the takeover"
            r"endorsed|backed\s+the|cleared\s+the|rubber-stamped|"
            # "authorised the sale of the quota": a regulator's consent to a step of the deal
            r"authori[sz]ed\s+(?:the|an?|its)\s|"
            # "registered it in March as a priority project": a status granted
            r"registered\s+(?:it|the\s+\w+)\s+(?:[\w ]{0,20}?)as\b|"
            # "the Board recommended the grant of a licence": a step towards a permit
            # ("recommended the special mining lease": the title it recommends granting)
            r"recommended\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:grant|approval|ratification|award|issue|"
            r"lease|licen[cs]e|permit|concession)|"
            # "certified a 30-tonne trial lot", "granted its visa to the contract": checks passed
            r"certified|(?:granted|gave)\s+(?:its|their|a)\s+visa|"
            r"gave\s+(?:its|their)\s+(?:approval|consent|backing|assent)|poured\s+(?:the\s+|its\s+)?first\s+concrete|inaugurated|commissioned|"
            r"voted|opened|designated|named|selected|passed\s+(?:an?\s+|the\s+)?(?:resolutions?|bills?|laws?|"
            r"amendments?)|set\s+up|established|founded|took\s+over)\b",
            re.IGNORECASE,
        ),
    ),
]
MOU = re.compile(
    r"\bMoUs?\b|\bmemorand(?:um|a)\s+of\s+(?:understanding|cooperation|co-operation)\b|"
    r"\b(?:declarations?|letters?)\s+of\s+intent\b",
    re.IGNORECASE,
)
AGREEMENT = re.compile(
    r"\b(?:agreements?|contracts?|deals?|accords?|pacts?|treat(?:y|ies)|frameworks?|documents)\b",
    re.IGNORECASE,
)
# A document named as an item of a counted signing ("The first was a mining convention between
# the ministry and X", "The second was a ten-year offtake under which ..."): a state's convention
# and an offtake are contracts in their trades' words, there (not everywhere: "a signed offtake"
# shown to a board is no act).
LISTED_CONTRACT = re.compile(
    r"\b(?:(?:mining|investment|establishment)\s+conventions?|offtakes?)\b", re.IGNORECASE
)
# Signing a loan, credit or facility agreement commits money: an investment, not a deal.
# A lenders' commitment letter ("The two banks signed their commitment letter on Monday") is
# the same commitment of money.
FINANCING_AGREEMENT = re.compile(
    # ("a placement agreement", "the subscription agreement": shares bought for cash)
    # ("a prepayment agreement": a trader's advance against deliveries, a pre-financing)
    r"\b(?:(?:loan|credit|facility|financing|placement|subscription|prepayment|pre-?financing)\s+"
    r"agreements?|"
    r"commitment\s+letters?|"
    r"letters?\s+of\s+commitment)\b",
    re.IGNORECASE,
)
# Approving or passing a deal's document is a procedural step ("other"), not a new deal.
APPROVED_DOCUMENT = re.compile(
    r"\b(?:approv\w+|ratif\w+|passed|adopted)\b[^.;]{0,60}?\b(?:memorand\w+|MoU|agreements?|"
    r"bills?|laws?|lease|treat(?:y|ies)|accords?|deals?|contracts?|resolutions?|arrangements?|pacts?|"
    r"partnerships?|transactions?|(?:stake\s+)?(?:purchases?|acquisitions?|sales?|takeovers?|mergers?)|"
    # "approved the final text", "approved the environmental study", "approved an expansion"
    r"text|stud(?:y|ies)|assessments?|expansions?|applications?|plans?)\b",
    re.IGNORECASE,
)
CONTROL = re.compile(
    r"\b(?:export\s+(?:controls?|licen[cs]es?|permits?|bans?|curbs?|restrictions?|quotas?)|"
    # ("Jakarta's ban on nickel ore exports took effect": the goods between)
    r"controlling\s+exports|moratorium|ban\s+on\s+(?:[\w-]+\s+){0,3}?exports|restrict\w*\s+exports|"
    r"export\s+licensing|(?:bars|barred|bans|banned|prohibited)\s+(?:the\s+)?exports?|"
    # "exporters would need licences", "a licence requirement": licensing imposed
    r"(?:exporters?|shipments?|exports?)(?:\s+of(?:\s+[\w-]+){1,6}?)?\s+(?:would\s+|will\s+)?"
    r"(?:need|require)\s+(?:export\s+)?licen[cs]es|"
    r"licen[cs]e\s+requirements?|"
    # "made germanium exports subject to licences", "would ban the export of raw materials"
    r"subject\s+to\s+(?:export\s+)?licen[cs]es?|ban\s+the\s+exports?\s+of|"
    # "exports of raw manganese would be banned from 2029": an announced ban
    r"exports?\s+(?:of\s+(?:[\w-]+\s+){1,3})?(?:would|will|are\s+to)\s+be\s+(?:banned|barred|"
    r"prohibited|restricted))\b",
    re.IGNORECASE,
)
SHIPMENT = re.compile(
    r"\b(?:shipments?|consignments?|cargo(?:es)?|batch|parcels?|tonnes?|tons|vessel|trainloads?|"
    r"shiploads?|wagons?|containers?)\b",
    re.IGNORECASE,
)
# "secured a $400 million loan": money obtained is an investment, not a deal.
SECURED_FUNDS = re.compile(
    r"\b(?:secured|obtained|won|closed|raised)\b[^.;]{0,50}?\b(?:loans?|financing|funding|"
    r"facility|credit|grants?|investment)\b",
    re.IGNORECASE,
)
# "agreed to invest $400 million": the agreement is a commitment of money.
AGREED_TO_FUND = re.compile(
    # ("agreed on Tuesday, the same day as the supply contract, to lend X $45 million")
    # ("signed an agreement to prepay $9 million", "agreed to pay €12 million in advance": money
    # paid before the goods is a pre-financing)
    r"\b(?:agreed|agreements?|contracts?)\b.{0,60}?\bto\s+(?:invest|lend|(?:pre-?)?finance|fund|"
    r"prepay|pay\b[^.;]{0,50}?\b(?:in\s+advance|up-?front)|"
    # "agreed on Monday to provide Qasr with a $400 million bridge loan"
    r"(?:provide|extend|arrange|make\s+available)\b[^.;]{0,60}?\b(?:loans?|financing|funding|"
    r"credit|facility|grants?)|"
    # "agreed to guarantee $95m of a $120m loan": cover for a loan is a financing commitment
    r"(?:guarantee|insure|underwrite|cover)\b[^.;]{0,60}?\b(?:loans?|financing|facility|credit|"
    r"investment))\b|"
    # "agreed a 400 billion peso senior loan": a loan agreed
    r"\bagreed\s+(?:an?|the)\s+[^.;]{0,60}?\b(?:loans?|facility|financing|credit\s+line)\b",
    re.IGNORECASE,
)
SUSPEND = re.compile(r"\b(?:suspen\w+|halt\w*|pause\w*)\b", re.IGNORECASE)
INVEST = re.compile(
    r"\b(?:invest\w*|loans?|lend\w*|lent|stakes?|equity|financ\w+|funding|grants?|letter\s+of\s+interest|"
    r"facility|credit\s+line|prepayment|awards?|"
    # ("a borrowing-base line ... extended to X in October": a bank line in its trade's words)
    r"borrowing-base\s+(?:line|facility)|revolving\s+(?:credit|facility)|lines?\s+of\s+credit)\b",
    re.IGNORECASE,
)
# "accepted a letter of offer from X for a financing facility": a loan taken up.
LOAN_ACCEPTED = re.compile(
    r"\baccepted\s+(?:an?|the)\s+[^.;]{0,80}?\b(?:loans?|facility|financing|credit\s+line)\b",
    re.IGNORECASE,
)
# A tax allowance or incentive granted is a procedural step, not money put in ("approved the
# Investment Tax Allowance", "admitted to the investment-incentive regime").
TAX_INCENTIVE = re.compile(
    r"\b(?:tax\s+(?:allowances?|incentives?|holidays?|exemptions?|breaks?|credits?)|"
    r"(?:investment-)?incentive\s+(?:regime|scheme|status)|"
    # Malaysia's and Singapore's tax holiday for a new plant
    r"pioneer\s+status)\b",
    re.IGNORECASE,
)
# A tribunal's or a court's decision ("In its final award, issued on 20 November, the tribunal
# held ..."): a procedural step of a dispute, whatever sums it names.
RULING = re.compile(
    r"\b(?:final|partial|interim|arbitral)\s+award\b|\b(?:tribunal|court)\s+(?:held|ruled|found|"
    r"ordered|dismissed|upheld)\b|\b(?:judgment|ruling)\s+(?:was\s+)?(?:issued|handed\s+down|"
    r"delivered)\b",
    re.IGNORECASE,
)
# A stated sum of money ("$117 million", "320 million reais", "TZS 1.1 trillion").
MONEY = re.compile(r"[$€£¥]\s?\d|\d(?:[.,]\d+)?\s?(?:million|billion|trillion|bn|m)\b")
# A verb after "will be", "would", "to" is a plan, not what the date in its sentence dates.
# ("only to suspend it in November" is told in the past: not a plan)
PLANNED_VERB = re.compile(
    r"\b(?:will|would|shall|(?<!only\s)to)\s+(?:be\s+|then\s+)?$", re.IGNORECASE
)
# Measures that "extended", "introduced" or "tightened" can apply to.
MEASURE = re.compile(
    r"\b(?:controls?|curbs?|bans?|quotas?|permits?|licen[cs]es?|restrictions?|reviews?|"
    r"moratorium|tariffs?)\b",
    re.IGNORECASE,
)
# A licence or approval granted is an event of its own, not a deal.
PERMIT = re.compile(
    r"\b(?:licen[cs]es?|permits?|concessions?|approvals?|authori[sz]ations?|"
    # "its environmental impact declaration", "an environmental clearance": an impact approval
    r"(?:environmental|impact)\s+(?:impact\s+|compliance\s+)?(?:declarations?|clearances?|"
    r"certificates?))\b",
    re.IGNORECASE,
)
# Buying into a company is an investment even when the verb is "agreed".
STAKE = re.compile(
    r"\b(?:stakes?|equity|shares|(?:share)?holdings?|preferred\s+stock)\b|\d\s?(?:%|per\s?cent)\s+(?:of|in)\b",
    re.IGNORECASE,
)
# "acquire the stake", "buy 40% of", "take a 15% holding": buying into a company.
STAKE_PURCHASE = re.compile(
    r"\b(?:acquir\w*|buy(?:s|ing)?|bought|purchas\w+|tak(?:e|es|ing)|took|subscrib\w+)\s+"
    # ("the purchase of a 20% shareholding", "take a 25% equity interest")
    r"(?:of\s+)?(?:(?:an?|the|its|a\s+further)\s+)?(?:[\w.,%-]+\s+){0,2}?"
    r"(?:stake|(?:share)?holding|equity\s+interest|"
    # "40% of Minera Calingasta", "15% in Altai": a share of a named company or project, not
    # "60% of the mine's concentrate" (an offtake)
    # ("ten per cent of our company": a share spelled out, of the speaker's own company)
    r"(?:\d+(?:\.\d+)?|five|ten|fifteen|twenty|twenty-five|thirty|forty|fifty)\s?(?:%|per\s?cent)\s+"
    r"(?:stake|holding|interest|(?:of|in)\s+(?:the\s+)?(?-i:[A-Z])|of\s+(?:our|its|their)\s+company|"
    # "acquire 30% of the issued shares of the Target": the company's shares themselves
    r"of\s+(?:the|its)\s+(?:[\w-]+\s+)?(?:shares|share\s+capital)))",
    re.IGNORECASE,
)
# Halting exports to a named country is a targeted control, not a general suspension.
EXPORTS_TO_COUNTRY = re.compile(r"\bexports?\s+to\s+(?:the\s+)?[A-Z]")
# "halted the issue of new export licences": the licensing is suspended, not imposed.
SUSPENDED_LICENCES = re.compile(
    r"\b(?:suspend\w*|halt\w*|froze|frozen|paused)\b[^.;,]{0,40}?\b(?:licen[cs]es?|permits?)\b",
    re.IGNORECASE,
)
# "announced a similar project": a project announced is an investment.
ANNOUNCED_PROJECT = re.compile(r"\bannounced\b[^.;]{0,40}?\bprojects?\b", re.IGNORECASE)
# "a similar MoU", "another agreement": a new event, not a restatement of one already dated.
NEW_ONE = re.compile(
    r"\b(?:an?\s+(?:similar|separate|second|further|new)|another)\b", re.IGNORECASE
)
# A quota or allocation raised or cut is a change to an export control.
QUOTA = re.compile(
    r"\b(?:quotas?|allocations?|export\s+(?:dut(?:y|ies)|tax(?:es)?|levy|levies|tariffs?))\b",
    re.IGNORECASE,
)
# An undated sentence that reports one more act of the occasion just dated.
SAME_OCCASION = re.compile(
    # (after a report's paragraph number: "2.2 On the same day, ...")
    # ("At the same Berlin meeting": the place's name between)
    r"^(?:\d+(?:\.\d+)*\s+)?(?:In\s+addition|At\s+the\s+same\s+(?:[A-Z][\w-]*\s+)?(?:ceremony|event|"
    r"summit|meeting|forum|time)|"
    # ("The same day, A and B signed ...": the day without its preposition)
    r"(?:On\s+)?the\s+same\s+(?:day|date|occasion)|(?:In|During)\s+the\s+same\s+(?:month|week)|"
    r"During\s+the\s+same\s+(?:visit|trip|ceremony|event|summit|meeting|forum))\b",
    re.IGNORECASE,
)
# "..., and the same day X agreed ...": a second act on the date the sentence gives.
# ("..., and at the same ceremony agreed to build a plant with Y": the occasion for the day)
SAME_DAY_CLAUSE = re.compile(
    r"\b(?:and\s+)?(?:(?:on\s+)?the\s+same\s+day|(?:at|during)\s+the\s+same\s+(?:ceremony|"
    r"event|meeting|signing))\b",
    re.IGNORECASE,
)
# "A and B each agreed ...": one act per party.
EACH_PARTY = re.compile(r"\band\s+[A-Z][\w&' -]*?\s+each\s+(?:agreed|signed)\b")

# A resolution, bill or law approved or passed: a procedural step.
LEGISLATIVE_ACT = re.compile(
    r"\b(?:approved|passed|adopted)\s+(?:an?\s+|the\s+)?(?:resolution|bill|law|amendments?)\b|"
    # "approved it in first reading": a legislature's reading of a bill
    r"\b(?:in|at)\s+(?:its\s+|the\s+)?(?:first|second|third|final)\s+readings?\b|"
    # "approved, with 38 votes in favour, the programme contract": a council's vote, whatever
    # it approved (the money it names is the company's, not the vote's)
    r"\b(?:with|by)\s+\d+\s+votes\b|"
    # a call for bids or expressions of interest issued: a procedural step
    r"\bcalls?\s+for\s+(?:expressions?\s+of\s+interest|tenders?|bids|proposals)\b",
    re.IGNORECASE,
)

# A licence or permit granted, issued or awarded: a procedural step.
PERMIT_GRANTED = re.compile(
    r"\b(?:granted|issued|awarded|gave|renewed)\b[^.;]{0,50}?\b(?:licen[cs]es?|permits?|certificates?|"
    r"clearances?|concessions?|leases?|(?:mining|exploration|water|surface)\s+rights?|"
    r"authori[sz]ations?)\b|"
    # "an export permit, and the ministry had issued one on Monday": the permit named before.
    r"\b(?:licen[cs]es?|permits?)\b[^.;]{0,80}?\b(?:granted|issued|renewed)\s+(?:one|it)\b|"
    # "The environmental permit for the mine was granted by ...": the passive
    r"\b(?:licen[cs]es?|permits?|concessions?|leases?|clearances?|authori[sz]ations?)\b[^.;]{0,60}?"
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:granted|issued|renewed|awarded)\b",
    re.IGNORECASE,
)

# "launched its National Lithium Strategy": a policy, plan or programme announced is a step of
# its own ("other"), not a deal or an investment.
POLICY = re.compile(
    r"\b(?:strateg(?:y|ies)|polic(?:y|ies)|programmes?|programs?|roadmaps?|action\s+plans?|regimes?|"
    r"partnerships?|"
    r"plans?|initiatives?|codes?|tenders?)\b",
    re.IGNORECASE,
)

# A trigger noun named as a reference point, not as an act: "two days before the ministerial
# meeting", "shipped under the new quota", "since the ban".
REFERENCED = re.compile(
    # ("suspended that ban in November 2025": the ban is what the act suspended)
    r"\b(?:before|after|ahead\s+of|following|since|until|under|during|lifted|relaxed|eased|ended|"
    r"scrapped|abolished|revoked|suspended|paused)\s+"
    r"(?:the|its|their|this|that|an?)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)

# "extended the ban", "renewed the suspension": the measure already reported, prolonged.
EXTENDED_MEASURE = re.compile(
    r"\b(?:extended|prolonged|renewed)\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+)?(?:ban|"
    r"suspension|halt|moratorium|freeze|measure|pause)\b",
    re.IGNORECASE,
)

# "passed amendments ... that ban exports of ore": a law that is a control.
LAW_THAT_BANS = re.compile(
    r"\b(?:that|which)\s+(?:ban|bans|banned|bar|bars|barred|restrict|restricts)\s+(?:the\s+)?"
    r"exports?\b",
    re.IGNORECASE,
)

# "approved a $410 million package": money approved is an investment.
APPROVED_SUM = re.compile(
    r"\bapproved\s+(?:an?\s+)?(?:[$€£]|[A-Z]{1,3}\$)\s?\d|"
    # "granted Flinders A$5 million", "approved a senior loan of US$140 million": money given
    # (an award of damages is not: "awarded" stays out)
    r"\bgranted\s+(?:[\w'’-]+\s+){0,3}?(?:[$€£]|[A-Z]{1,3}\$)\s?\d|"
    r"\b(?:approved|granted)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:loan|credit|financing|facility|grant)\s+of\s+(?:[$€£]|[A-Z]{1,3}\$)\s?\d"
)

# "X has signed an agreement ..., the companies said on Thursday": the act in the present perfect
# is dated only by when it was reported.
PERFECT_REPORTED = re.compile(
    r"\bha(?:s|ve)\s+(?:\w+\s+)?(?:signed|agreed|struck|concluded|finali[sz]ed|secured|closed)\b"
    r"[^.]*\b"
    r"(?:said|announced|confirmed)\b|"
    # "EYG announced on Thursday that it had signed the offtake ... the day before": the report,
    # then the act it reports
    r"\b(?:said|announced|confirmed)\b[^.]*?\bthat\s+(?:[\w-]+\s+){0,3}?ha(?:d|s|ve)\s+(?:\w+\s+)?"
    r"(?:signed|agreed|struck|concluded|finali[sz]ed|secured|closed)\b",
    re.IGNORECASE,
)

# "The deal was struck in La Paz on Monday": the same act restated with its own date.
RESTATED_WITH_DATE = re.compile(
    r"^(?:Under\s+)?(?:The|the|This|That|Their|Its)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|contract|"
    r"accord|MoU|memorandum|loan|facility|package)\b[^.]*?\b(?:was\s+)?(?:signed|struck|agreed|"
    r"concluded|finali[sz]ed)\b",
)

# "closed a $2.26 billion loan": a financial close is money committed, an investment.
# ("a $180 million loan from A and B, which closed in September": the loan told first)
CLOSED_FUNDS = re.compile(
    # ("Closed on November 20 a non-brokered flow-through private placement": shares sold for cash)
    r"\bclosed\b(?:[^.;]|\.\d){0,50}?\b(?:loans?|financing|facility|credit|placement|"
    r"offering|funding\s+round)\b|"
    r"\b(?:loans?|financing|facility)\b[^.;]{0,80}?\b(?:which|that)\s+(?:was\s+)?closed\b",
    re.IGNORECASE,
)
# "paid a $90 million prepayment": money paid in advance or for a stake is an investment
# (a fee paid is not).
PAID_FUNDS = re.compile(
    r"\bpaid\b[^.;]{0,60}?\b(?:prepayments?|stakes?|equity|investment|loans?)\b|"
    # "paid $36m for 15 per cent of X": buying into a company
    r"\bpaid\b[^.;]{0,40}?\bfor\s+(?:an?\s+)?\d+(?:\.\d+)?\s?(?:%|per\s?cent)\s+(?:of|in|stake)\b",
    re.IGNORECASE,
)

# "awarded Tamarack $28.5 million": money awarded is a grant, an investment.
# ("A HUF 3.1 billion grant was awarded in July": the sum before the passive)
AWARDED_SUM = re.compile(
    r"\bawarded\b(?:[^.;]|\.\d){0,60}?(?:[$€£¥]\s?\d|\d\s?(?:million|billion|bn|m)\b)|"
    r"\b(?:grants?|loans?|funding|subsid(?:y|ies))\s+(?:was|were|has\s+been|had\s+been)\s+"
    r"awarded\b",
    re.IGNORECASE,
)

# Controls named without "export" ("a broader set of controls").
CONTROLS = re.compile(r"\b(?:controls|restrictions|curbs)\b", re.IGNORECASE)

# A title to land or minerals that can be extended or renewed without being a control.
TENURE = re.compile(
    r"\b(?:leases?|concessions?|tenure|(?:mining|subsoil|exploration|exploitation|prospecting)\s+"
    r"(?:rights?|licen[cs]es?)|operating\s+licen[cs]es?)\b",
    re.IGNORECASE,
)

# A company's own licence ("Its export licence for APT was renewed"): a permit renewed for a
# holder, a procedural step, not a control (which names no holder: "extended export licensing").
OWNED_LICENCE = re.compile(
    r"\b(?:[Ii]ts|[Tt]heir|[Oo]ur|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,2}?licen[cs]es?\b"
    r"(?!\s+(?:requirements?|regimes?|systems?|rules?))"
)

# A price by the unit ("$4.40 per dry metric tonne unit", "$21.50 a tonne"): a quote, whose
# "delivered to India" is its basis, not a cargo that arrived.
UNIT_PRICE = re.compile(
    r"(?:[$€£¥]|\b[A-Z]{3}\s?)\d[\d.,]*\s+(?:a|per)\s+(?:[\w-]+\s+){0,3}?(?:tonnes?|tons?|"
    r"units?|mtu|dmtu|pounds?|lbs?|kg|kilograms?|ounces?)\b(?:[^.;]{0,40}?\bdelivered\b)"
)

# A law, decree or bill signed (by a head of state): a procedural step, not a deal.
SIGNED_LAW = re.compile(r"\b(?:[Ll]aws?|[Dd]ecrees?|[Bb]ills?|[Oo]rdinances?)\b")
