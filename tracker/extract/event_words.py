"""Word patterns the event rules use: trigger verbs by class and the nouns that set a kind."""

from __future__ import annotations

import re

# Verbs and nouns that make a dated sentence report something that happened, by class.
TRIGGERS: list[tuple[str, re.Pattern]] = [
    ("sign", re.compile(r"\b(?:signed|inked|signing)\b", re.IGNORECASE)),
    (
        "agree",
        re.compile(
            r"\b(?:agreed|secured|awarded|concluded|finali[sz]ed|acquired|bought|struck|closed|"
            r"completed)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ship",
        re.compile(
            r"\b(?:dispatch(?:ed|es)|shipped|ships|sent|loaded|exported|left|departed|sailed)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "arrive",
        re.compile(r"\b(?:arrived|landed|docked|received|crossed\s+into|reached)\b", re.IGNORECASE),
    ),
    # "raised $220 million": money raised is an investment (the kind needs a sum named).
    ("raise", re.compile(r"\braised\b", re.IGNORECASE)),
    # Verbs that change an existing measure: their kind comes from the measure named.
    (
        "change",
        re.compile(r"\b(?:extended|introduced|tightened|widened|expanded)\b", re.IGNORECASE),
    ),
    (
        "control",
        re.compile(
            r"\b(?:moratorium|export\s+(?:controls?|licen[cs]es?|permits?|bans?|curbs?|restrictions?)|"
            r"controlling\s+exports|banned|imposed|restricted|quotas?(?!-)|ban|licensing)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "suspend",
        re.compile(r"\b(?:suspend(?:ed|s)?|halted|paused|froze|stopped|ceased)\b", re.IGNORECASE),
    ),
    (
        "announce",
        re.compile(
            r"\b(?:announced|announcement|unveiled|pledged|committed|approved|confirmed|offered|"
            r"dated|notice|statement|launched|issued|granted|invest(?:s|ed)?|lend|lent|adopted|"
            r"provided)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "other",
        re.compile(
            r"\b(?:ratified|met|meeting|held\s+talks|declared|began|started|resumed|restarted|"
            r"voted|opened|designated|named|passed\s+(?:an?\s+|the\s+)?(?:resolutions?|bills?|laws?|"
            r"amendments?)|set\s+up|established|founded|took\s+over)\b",
            re.IGNORECASE,
        ),
    ),
]
MOU = re.compile(
    r"\bMoUs?\b|\bmemorand(?:um|a)\s+of\s+understanding\b|\b(?:declarations?|letters?)\s+of\s+intent\b",
    re.IGNORECASE,
)
AGREEMENT = re.compile(
    r"\b(?:agreements?|contracts?|deals?|accords?|pacts?|treat(?:y|ies)|frameworks?)\b",
    re.IGNORECASE,
)
# Signing a loan, credit or facility agreement commits money: an investment, not a deal.
FINANCING_AGREEMENT = re.compile(
    r"\b(?:loan|credit|facility|financing)\s+agreements?\b", re.IGNORECASE
)
# Approving or passing a deal's document is a procedural step ("other"), not a new deal.
APPROVED_DOCUMENT = re.compile(
    r"\b(?:approv\w+|ratif\w+|passed|adopted)\b[^.;]{0,60}?\b(?:memorand\w+|MoU|agreements?|"
    r"bills?|laws?|lease|treat(?:y|ies)|accords?|deals?|resolutions?|arrangements?|pacts?|"
    r"partnerships?|transactions?)\b",
    re.IGNORECASE,
)
CONTROL = re.compile(
    r"\b(?:export\s+(?:controls?|licen[cs]es?|permits?|bans?|curbs?|restrictions?|quotas?)|"
    r"controlling\s+exports|moratorium|ban\s+on\s+exports|restrict\w*\s+exports|"
    r"export\s+licensing|(?:bars|barred|bans|banned)\s+(?:the\s+)?exports?)\b",
    re.IGNORECASE,
)
SHIPMENT = re.compile(
    r"\b(?:shipments?|consignments?|cargo(?:es)?|batch|tonnes|tons|vessel|trainloads?|"
    r"shiploads?|wagons?|containers?)\b",
    re.IGNORECASE,
)
# "agreed to invest $400 million": the agreement is a commitment of money.
AGREED_TO_FUND = re.compile(
    r"\bagreed\b.{0,30}?\bto\s+(?:invest|lend|finance|fund)\b", re.IGNORECASE
)
SUSPEND = re.compile(r"\b(?:suspen\w+|halt\w*|pause\w*)\b", re.IGNORECASE)
INVEST = re.compile(
    r"\b(?:invest\w*|loans?|lend\w*|lent|stakes?|equity|financ\w+|funding|grants?|letter\s+of\s+interest|"
    r"facility|credit\s+line|prepayment|awards?)\b",
    re.IGNORECASE,
)
# A stated sum of money ("$117 million", "320 million reais", "TZS 1.1 trillion").
MONEY = re.compile(r"[$€£¥]\s?\d|\d(?:[.,]\d+)?\s?(?:million|billion|trillion|bn|m)\b")
# A verb after "will be", "would", "to" is a plan, not what the date in its sentence dates.
PLANNED_VERB = re.compile(r"\b(?:will|would|shall|to)\s+(?:be\s+|then\s+)?$", re.IGNORECASE)
# Measures that "extended", "introduced" or "tightened" can apply to.
MEASURE = re.compile(
    r"\b(?:controls?|curbs?|bans?|quotas?|permits?|licen[cs]es?|restrictions?|reviews?|"
    r"moratorium|tariffs?)\b",
    re.IGNORECASE,
)
# A licence or approval granted is an event of its own, not a deal.
PERMIT = re.compile(r"\b(?:licen[cs]es?|permits?|concessions?|approvals?)\b", re.IGNORECASE)
# Buying into a company is an investment even when the verb is "agreed".
STAKE = re.compile(r"\b(?:stakes?|equity|shares|preferred\s+stock)\b", re.IGNORECASE)
# "a similar MoU", "another agreement": a new event, not a restatement of one already dated.
NEW_ONE = re.compile(
    r"\b(?:an?\s+(?:similar|separate|second|further|new)|another)\b", re.IGNORECASE
)
# A quota or allocation raised or cut is a change to an export control.
QUOTA = re.compile(r"\b(?:quotas?|allocations?)\b", re.IGNORECASE)
# An undated sentence that reports one more act of the occasion just dated.
SAME_OCCASION = re.compile(
    r"^(?:In\s+addition|At\s+the\s+same\s+(?:ceremony|event|summit|meeting|forum|time)|"
    r"On\s+the\s+same\s+(?:day|occasion))\b",
    re.IGNORECASE,
)
# "A and B each agreed ...": one act per party.
EACH_PARTY = re.compile(r"\band\s+[A-Z][\w&' -]*?\s+each\s+(?:agreed|signed)\b")
